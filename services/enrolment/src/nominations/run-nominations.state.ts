import type { Rank, TargetGroup } from '@training-ledger/contracts';
import { type Actor, assertNever, type Command, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import type { CourseRunView } from '../course-runs/course-run-view';

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

export function evolveRunNominations(state: RunNominationsState, event: RunNominationsEvent): RunNominationsState {
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

export function isOpen(nomination: Nomination): boolean {
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
export function holdsSeat(nomination: Nomination): boolean {
  return nomination.status === 'approved' || (nomination.status === 'waitlisted' && nomination.seatOffered);
}

export function referenceTo(nomination: Nomination, runId: string): NominationRef {
  const { nominationId, traineeId, agencyId } = nomination;
  return { nominationId, runId, traineeId, agencyId };
}

export function existingNomination(state: RunNominationsState, nominationId: string): Nomination {
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

export function requireAwaitingDecision(nomination: Nomination): void {
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
export function requireThisRun(state: RunNominationsState, runId: string, run: CourseRunView): void {
  if (run.runId !== runId) throw wrongRun(runId, run.runId);
  if (state.runId !== null && state.runId !== runId) throw wrongRun(state.runId, runId);
}

export function wrongRun(expected: string, actual: string): DomainRuleViolation {
  return new DomainRuleViolation('nominations-of-one-run', `Expected run ${expected}, got run ${actual}`, 'runId');
}

/** Only called once a nomination exists, and the first nomination sets the run. */
export function runOf(state: RunNominationsState): string {
  if (state.runId === null) throw new Error('A run with nominations always knows its id');
  return state.runId;
}
