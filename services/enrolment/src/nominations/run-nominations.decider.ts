import type { Rank, TargetGroup } from '@training-ledger/contracts';
import {
  type Actor,
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
  enforce,
  type MessageMetadata,
} from '@training-ledger/decider';
import type { CourseRunView } from '../course-runs/course-run-view';
import { mayWithdrawNomination } from './who-may';

export type NominationStatus = 'submitted' | 'approved' | 'rejected' | 'waitlisted' | 'withdrawn' | 'cancelled';

/** The trainee's facts at the time of nomination, which reviews count by. */
export interface Nominee {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
}

export interface Nomination extends Nominee {
  readonly nominationId: string;
  readonly status: NominationStatus;
  /** Order on the waitlist (danh sách chờ): 1 for the first nomination ever waitlisted on this run. */
  readonly waitlistPosition: number | null;
  /** A freed seat was offered to this waitlisted nomination for the programme office to review. */
  readonly seatOffered: boolean;
}

export interface RunNominationsState {
  /** Null until the first nomination to the run. */
  readonly runId: string | null;
  /** In order of submission. */
  readonly nominations: readonly Nomination[];
  readonly waitlistedSoFar: number;
  /** Set once course-delivery's cancellation of the run reached this stream. */
  readonly runCancelled: boolean;
}

/** The trainee as the service knows them when the agency nominates: from the trainee's own stream. */
export interface NominatedTrainee extends Nominee {
  readonly erased: boolean;
}

/*
 * The run belongs to course-delivery. The service keeps its view of each run from the events
 * course-delivery publishes, and every command whose outcome depends on the run carries that view
 * as it stands when the command is decided, as it carries `today`. Recording the view in this
 * stream instead would copy another service's facts into this log and force an append here for
 * every change of the run; what this log must keep is the decisions, and it does.
 */
export type SubmitNomination = Command<
  'SubmitNomination',
  {
    nominationId: string;
    runId: string;
    trainee: NominatedTrainee;
    actingAgencyId: string;
    run: CourseRunView;
    today: string;
  }
>;
export type ApproveNomination = Command<
  'ApproveNomination',
  { nominationId: string; run: CourseRunView; today: string }
>;
export type RejectNomination = Command<'RejectNomination', { nominationId: string; reason: string }>;
export type WaitlistNomination = Command<'WaitlistNomination', { nominationId: string }>;
export type WithdrawNomination = Command<
  'WithdrawNomination',
  { nominationId: string; withdrawnBy: Actor; reason: string | null; run: CourseRunView; today: string }
>;
export type CancelRunNominations = Command<'CancelRunNominations', { runId: string; reason: string }>;
export type RunNominationsCommand =
  | SubmitNomination
  | ApproveNomination
  | RejectNomination
  | WaitlistNomination
  | WithdrawNomination
  | CancelRunNominations;

export interface NominationRef {
  readonly nominationId: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
}

export type NominationCancellationCause = 'run-cancelled' | 'trainee-transferred';

export type NominationSubmitted = DomainEvent<'NominationSubmitted.v1', NominationRef & Nominee>;
export type NominationApproved = DomainEvent<
  'NominationApproved.v1',
  NominationRef & Nominee & { fromWaitlist: boolean }
>;
export type NominationRejected = DomainEvent<'NominationRejected.v1', NominationRef & { reason: string }>;
export type NominationWaitlisted = DomainEvent<'NominationWaitlisted.v1', NominationRef>;
export type NominationWithdrawn = DomainEvent<'NominationWithdrawn.v1', NominationRef & { reason: string | null }>;
export type NominationCancelled = DomainEvent<
  'NominationCancelled.v1',
  NominationRef & { cause: NominationCancellationCause; reason: string }
>;
/** Private to enrolment: the programme office decides whether the offered nomination takes the seat. */
export type WaitlistSeatOffered = DomainEvent<'WaitlistSeatOffered.v1', { nominationId: string; runId: string }>;
/**
 * Private: the run was cancelled. Kept in this stream so that a nomination decided on a view of the
 * run that has not yet heard of the cancellation is still refused.
 */
export type RunNominationsClosed = DomainEvent<'RunNominationsClosed.v1', { runId: string; reason: string }>;
export type RunNominationsEvent =
  | NominationSubmitted
  | NominationApproved
  | NominationRejected
  | NominationWaitlisted
  | NominationWithdrawn
  | NominationCancelled
  | WaitlistSeatOffered
  | RunNominationsClosed;

export const runNominationsStreamName = (runId: string): string => `run-nominations-${runId}`;

export const runNominationsDecider: Decider<RunNominationsCommand, RunNominationsEvent, RunNominationsState> = {
  initialState: () => ({ runId: null, nominations: [], waitlistedSoFar: 0, runCancelled: false }),

  decide(command, state) {
    switch (command.type) {
      case 'SubmitNomination':
        return submitNomination(command, state);
      case 'ApproveNomination':
        return approveNomination(command, state);
      case 'RejectNomination':
        return rejectNomination(command, state);
      case 'WaitlistNomination':
        return waitlistNomination(command, state);
      case 'WithdrawNomination':
        return withdrawNomination(command, state);
      case 'CancelRunNominations':
        return cancelRunNominations(command, state);
      default:
        return assertNever(command, 'run nominations command');
    }
  },

  evolve: evolveRunNominations,
};

function evolveRunNominations(state: RunNominationsState, event: RunNominationsEvent): RunNominationsState {
  switch (event.type) {
    case 'NominationSubmitted.v1': {
      const { nominationId, runId, traineeId, agencyId, targetGroup, rank, leadership } = event.data;
      const nomination: Nomination = {
        nominationId,
        traineeId,
        agencyId,
        targetGroup,
        rank,
        leadership,
        status: 'submitted',
        waitlistPosition: null,
        seatOffered: false,
      };
      return { ...state, runId, nominations: [...state.nominations, nomination] };
    }
    case 'NominationApproved.v1':
      return withNomination(state, event.data.nominationId, { status: 'approved', seatOffered: false });
    case 'NominationRejected.v1':
      return withNomination(state, event.data.nominationId, { status: 'rejected', seatOffered: false });
    case 'NominationWaitlisted.v1': {
      const waitlistedSoFar = state.waitlistedSoFar + 1;
      return withNomination({ ...state, waitlistedSoFar }, event.data.nominationId, {
        status: 'waitlisted',
        waitlistPosition: waitlistedSoFar,
      });
    }
    case 'NominationWithdrawn.v1':
      return withNomination(state, event.data.nominationId, { status: 'withdrawn', seatOffered: false });
    case 'NominationCancelled.v1':
      return withNomination(state, event.data.nominationId, { status: 'cancelled', seatOffered: false });
    case 'WaitlistSeatOffered.v1':
      return withNomination(state, event.data.nominationId, { seatOffered: true });
    case 'RunNominationsClosed.v1':
      return { ...state, runId: event.data.runId, runCancelled: true };
    default:
      return assertNever(event, 'run nominations event');
  }
}

function submitNomination(command: SubmitNomination, state: RunNominationsState): RunNominationsEvent[] {
  const { nominationId, runId, trainee, actingAgencyId, run, today } = command.data;
  requireThisRun(state, runId, run);
  const earlier = state.nominations.find((nomination) => nomination.nominationId === nominationId);
  if (earlier) {
    if (sameNominee(earlier, trainee)) return [];
    throw new DomainRuleViolation(
      'nomination-id-used-once',
      `Nomination ${nominationId} was already submitted for another trainee or profile`,
      'nominationId',
      'conflict',
    );
  }
  if (trainee.agencyId !== actingAgencyId) {
    throw new DomainRuleViolation(
      'trainee-belongs-to-agency',
      `Trainee ${trainee.traineeId} does not belong to agency ${actingAgencyId}`,
      'traineeId',
      'forbidden',
    );
  }
  if (trainee.erased) {
    throw new DomainRuleViolation(
      'erased-trainee-not-nominated',
      `Trainee ${trainee.traineeId} had their personal data erased and cannot be trained`,
      'traineeId',
      'conflict',
    );
  }
  if (run.status !== 'scheduled' || state.runCancelled || today > run.nominationDeadline) {
    throw new DomainRuleViolation(
      'run-open-for-nominations',
      `Run ${runId} accepts nominations only while scheduled and until ${run.nominationDeadline}`,
      'runId',
      'conflict',
    );
  }
  if (!run.eligibleTargetGroups.includes(trainee.targetGroup)) {
    throw new DomainRuleViolation(
      'target-group-admitted',
      `Run ${runId} admits ${run.eligibleTargetGroups.join(', ')} staff, not ${trainee.targetGroup}`,
      'targetGroup',
    );
  }
  if (!run.eligibleRanks.includes(trainee.rank)) {
    throw new DomainRuleViolation(
      'rank-admitted',
      `Run ${runId} admits the ranks ${run.eligibleRanks.join(', ')}, not ${trainee.rank}`,
      'rank',
    );
  }
  if (state.nominations.some((nomination) => nomination.traineeId === trainee.traineeId && isOpen(nomination))) {
    throw new DomainRuleViolation(
      'trainee-nominated-once-per-run',
      `Trainee ${trainee.traineeId} is already nominated to run ${runId}`,
      'traineeId',
      'conflict',
    );
  }
  const { traineeId, agencyId, targetGroup, rank, leadership } = trainee;
  return [
    {
      type: 'NominationSubmitted.v1',
      data: { nominationId, runId, traineeId, agencyId, targetGroup, rank, leadership },
      metadata: command.metadata,
    },
  ];
}

function approveNomination(command: ApproveNomination, state: RunNominationsState): RunNominationsEvent[] {
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

function rejectNomination(command: RejectNomination, state: RunNominationsState): RunNominationsEvent[] {
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

function waitlistNomination(command: WaitlistNomination, state: RunNominationsState): RunNominationsEvent[] {
  const nomination = existingNomination(state, command.data.nominationId);
  if (nomination.status === 'waitlisted') return [];
  requireAwaitingDecision(nomination);
  return [{ type: 'NominationWaitlisted.v1', data: referenceTo(nomination, runOf(state)), metadata: command.metadata }];
}

function withdrawNomination(command: WithdrawNomination, state: RunNominationsState): RunNominationsEvent[] {
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

function cancelRunNominations(command: CancelRunNominations, state: RunNominationsState): RunNominationsEvent[] {
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

function referenceTo(nomination: Nomination, runId: string): NominationRef {
  const { nominationId, traineeId, agencyId } = nomination;
  return { nominationId, runId, traineeId, agencyId };
}

function existingNomination(state: RunNominationsState, nominationId: string): Nomination {
  const nomination = state.nominations.find((candidate) => candidate.nominationId === nominationId);
  if (!nomination) {
    throw new DomainRuleViolation(
      'nomination-must-exist',
      `Nomination ${nominationId} was never submitted to this run`,
      'nominationId',
      'not-found',
    );
  }
  return nomination;
}

function requireAwaitingDecision(nomination: Nomination): void {
  if (nomination.status !== 'submitted' && nomination.status !== 'waitlisted') {
    throw new DomainRuleViolation(
      'nomination-awaits-decision',
      `Nomination ${nomination.nominationId} is already ${nomination.status}`,
      'nominationId',
      'conflict',
    );
  }
}

/** The stream holds the nominations of one run; a command for another run was routed to the wrong stream. */
function requireThisRun(state: RunNominationsState, runId: string, run: CourseRunView): void {
  if (run.runId !== runId) throw wrongRun(runId, run.runId);
  if (state.runId !== null && state.runId !== runId) throw wrongRun(state.runId, runId);
}

function wrongRun(expected: string, actual: string): DomainRuleViolation {
  return new DomainRuleViolation('nominations-of-one-run', `Expected run ${expected}, got run ${actual}`, 'runId');
}

/** Only called once a nomination exists, and the first nomination sets the run. */
function runOf(state: RunNominationsState): string {
  if (state.runId === null) throw new Error('A run with nominations always knows its id');
  return state.runId;
}

function isOpen(nomination: Nomination): boolean {
  switch (nomination.status) {
    case 'submitted':
    case 'approved':
    case 'waitlisted':
      return true;
    case 'rejected':
    case 'withdrawn':
    case 'cancelled':
      return false;
    default:
      return assertNever(nomination.status, 'nomination status');
  }
}

/** Approved, or offered a freed seat and awaiting review. */
function holdsSeat(nomination: Nomination): boolean {
  return nomination.status === 'approved' || (nomination.status === 'waitlisted' && nomination.seatOffered);
}

function countApproved(state: RunNominationsState, agencyId?: string): number {
  return state.nominations.filter(
    (nomination) => nomination.status === 'approved' && (agencyId === undefined || nomination.agencyId === agencyId),
  ).length;
}

function quotaOf(run: CourseRunView, agencyId: string): number | null {
  return run.agencyQuotas.find((quota) => quota.agencyId === agencyId)?.seats ?? null;
}

function sameNominee(left: Nominee, right: Nominee): boolean {
  return (
    left.traineeId === right.traineeId &&
    left.agencyId === right.agencyId &&
    left.targetGroup === right.targetGroup &&
    left.rank === right.rank &&
    left.leadership === right.leadership
  );
}

function withNomination(
  state: RunNominationsState,
  nominationId: string,
  change: Partial<Pick<Nomination, 'status' | 'waitlistPosition' | 'seatOffered'>>,
): RunNominationsState {
  return {
    ...state,
    nominations: state.nominations.map((nomination) =>
      nomination.nominationId === nominationId ? { ...nomination, ...change } : nomination,
    ),
  };
}
