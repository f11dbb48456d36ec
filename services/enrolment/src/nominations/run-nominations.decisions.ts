import { assertNever, DomainRuleViolation, enforce, type MessageMetadata } from '@training-ledger/decider';
import type { CourseRunView } from '../course-runs/course-run-view';
import {
  type ApproveNomination,
  type CancelRunNominations,
  evolveRunNominations,
  existingNomination,
  holdsSeat,
  isOpen,
  type Nomination,
  type NominationApproved,
  type NominationWithdrawn,
  referenceTo,
  type RejectNomination,
  requireAwaitingDecision,
  requireThisRun,
  runOf,
  type RunNominationsEvent,
  type RunNominationsState,
  type WaitlistNomination,
  type WithdrawNomination,
  wrongRun,
} from './run-nominations.state';
import { mayWithdrawNomination } from './who-may';

export function approveNomination(command: ApproveNomination, state: RunNominationsState): RunNominationsEvent[] {
  const { nominationId, run, today } = command.data;
  const nomination = existingNomination(state, nominationId);
  requireThisRun(state, run.runId, run);
  if (nomination.status === 'approved') return [];
  requireAwaitingDecision(nomination);
  if (run.status !== 'scheduled' || state.runCancelled || today > run.startDate) {
    throw new DomainRuleViolation(
      'run-open-for-approval',
      `Run ${run.runId} takes approvals only while scheduled and until it starts on ${run.startDate}`,
      'runId',
      'conflict',
    );
  }
  if (countApproved(state) >= run.capacity) {
    throw new DomainRuleViolation(
      'run-capacity-reached',
      `All ${run.capacity} seats of run ${run.runId} are taken`,
      'runId',
      'conflict',
    );
  }
  const quota = quotaOf(run, nomination.agencyId);
  if (quota !== null && countApproved(state, nomination.agencyId) >= quota) {
    throw new DomainRuleViolation(
      'agency-quota-reached',
      `Agency ${nomination.agencyId} has used its ${quota} seats on run ${run.runId}`,
      'runId',
      'conflict',
    );
  }
  return [approved(nomination, run.runId, command.metadata)];
}

export function rejectNomination(command: RejectNomination, state: RunNominationsState): RunNominationsEvent[] {
  const { nominationId, reason } = command.data;
  if (reason.trim() === '') {
    throw new DomainRuleViolation('rejection-states-reason', 'A rejection must state its reason', 'reason');
  }
  const nomination = existingNomination(state, nominationId);
  if (nomination.status === 'rejected') return [];
  requireAwaitingDecision(nomination);
  return [
    {
      type: 'NominationRejected.v1',
      data: { ...referenceTo(nomination, runOf(state)), reason },
      metadata: command.metadata,
    },
  ];
}

export function waitlistNomination(command: WaitlistNomination, state: RunNominationsState): RunNominationsEvent[] {
  const nomination = existingNomination(state, command.data.nominationId);
  if (nomination.status === 'waitlisted') return [];
  requireAwaitingDecision(nomination);
  return [{ type: 'NominationWaitlisted.v1', data: referenceTo(nomination, runOf(state)), metadata: command.metadata }];
}

export function withdrawNomination(command: WithdrawNomination, state: RunNominationsState): RunNominationsEvent[] {
  const { nominationId, withdrawnBy, reason, run, today } = command.data;
  const nomination = existingNomination(state, nominationId);
  requireThisRun(state, run.runId, run);
  enforce(mayWithdrawNomination(withdrawnBy, nomination));
  if (nomination.status === 'withdrawn') return [];
  if (!isOpen(nomination)) {
    throw new DomainRuleViolation(
      'only-open-nominations-withdrawn',
      `Nomination ${nominationId} is ${nomination.status}`,
      'nominationId',
      'conflict',
    );
  }
  if (run.status !== 'scheduled' || today >= run.startDate) {
    throw new DomainRuleViolation(
      'withdrawal-before-run-starts',
      `Nominations to run ${run.runId} can be withdrawn only before it starts on ${run.startDate}`,
      'runId',
      'conflict',
    );
  }
  const withdrawn: NominationWithdrawn = {
    type: 'NominationWithdrawn.v1',
    data: { ...referenceTo(nomination, run.runId), reason },
    metadata: command.metadata,
  };
  if (!holdsSeat(nomination)) return [withdrawn];
  return [withdrawn, ...offerFreedSeat(evolveRunNominations(state, withdrawn), run, command.metadata)];
}

export function cancelRunNominations(command: CancelRunNominations, state: RunNominationsState): RunNominationsEvent[] {
  const { runId, reason } = command.data;
  if (reason.trim() === '') {
    throw new DomainRuleViolation('cancellation-states-reason', 'A cancellation must state its reason', 'reason');
  }
  if (state.runId !== null && state.runId !== runId) throw wrongRun(state.runId, runId);
  if (state.runCancelled) return [];
  const cancelled: RunNominationsEvent[] = state.nominations.filter(isOpen).map((nomination) => ({
    type: 'NominationCancelled.v1',
    data: { ...referenceTo(nomination, runId), cause: 'run-cancelled', reason },
    metadata: command.metadata,
  }));
  return [...cancelled, { type: 'RunNominationsClosed.v1', data: { runId, reason }, metadata: command.metadata }];
}

/**
 * A freed seat goes to the earliest waitlisted nomination whose agency still has room in its quota.
 * Seats already offered for review count as taken, so that two freed seats go to two different
 * nominations and one freed seat is never offered twice.
 */
function offerFreedSeat(
  state: RunNominationsState,
  run: CourseRunView,
  metadata: MessageMetadata,
): RunNominationsEvent[] {
  if (state.nominations.filter(holdsSeat).length >= run.capacity) return [];
  const agencyHasRoom = (agencyId: string) => {
    const quota = quotaOf(run, agencyId);
    if (quota === null) return true;
    const held = state.nominations.filter((nomination) => nomination.agencyId === agencyId && holdsSeat(nomination));
    return held.length < quota;
  };
  const next = state.nominations
    .filter((nomination) => nomination.status === 'waitlisted' && !nomination.seatOffered)
    .filter((nomination) => agencyHasRoom(nomination.agencyId))
    .sort((left, right) => (left.waitlistPosition ?? 0) - (right.waitlistPosition ?? 0))[0];
  if (!next) return [];
  switch (run.waitlistPolicy) {
    case 'auto-approve':
      return [approved(next, run.runId, metadata)];
    case 'flag-for-review':
      return [
        { type: 'WaitlistSeatOffered.v1', data: { nominationId: next.nominationId, runId: run.runId }, metadata },
      ];
    default:
      return assertNever(run.waitlistPolicy, 'waitlist policy');
  }
}

function approved(nomination: Nomination, runId: string, metadata: MessageMetadata): NominationApproved {
  const { targetGroup, rank, leadership } = nomination;
  return {
    type: 'NominationApproved.v1',
    data: {
      ...referenceTo(nomination, runId),
      targetGroup,
      rank,
      leadership,
      fromWaitlist: nomination.status === 'waitlisted',
    },
    metadata,
  };
}

function countApproved(state: RunNominationsState, agencyId?: string): number {
  return state.nominations.filter(
    (nomination) => nomination.status === 'approved' && (agencyId === undefined || nomination.agencyId === agencyId),
  ).length;
}

function quotaOf(run: CourseRunView, agencyId: string): number | null {
  return run.agencyQuotas.find((quota) => quota.agencyId === agencyId)?.seats ?? null;
}
