import { type AttendanceStatus, type CompletionRule, judgeCompletion, type Rank, type TargetGroup } from '@training-ledger/contracts';
import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import { type NotedEvidence, type RunEvidence, type RunFacts, traineeOf } from './run-evidence';

/**
 * Evidence about one run taken from a batch of other services' facts, in the order they arrived.
 * Facts already noted (Kafka delivers at least once) are recognised by their event id and skipped.
 */
export type NoteRunEvidence = Command<'NoteRunEvidence', { runId: string; items: readonly NotedEvidence[] }>;
export type RunCompletionCommand = NoteRunEvidence;

/** What a completion decision rests on, one event per consumed batch of a run. */
export type RunEvidenceNoted = DomainEvent<'RunEvidenceNoted.v1', { runId: string; items: readonly NotedEvidence[] }>;
/** A trainee's completion as the shared completion rule judges it; `eligible` is its `completed`. */
export type CompletionAssessed = DomainEvent<
  'CompletionAssessed.v1',
  {
    runId: string;
    traineeId: string;
    agencyId: string;
    sessionsHeld: number;
    sessionsAttended: number;
    /** Four places, rounded down as the completion rule rounds. */
    attendanceShare: string;
    /** Null when the rule requires no assessment. */
    assessmentPassed: boolean | null;
    ruleVersion: number;
    eligible: boolean;
    reasons: string[];
  }
>;
export type RunCompletionEvent = RunEvidenceNoted | CompletionAssessed;

export interface NominatedTrainee {
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly approved: boolean;
}

export interface RunCompletionState {
  readonly runId: string | null;
  readonly run: RunFacts | null;
  readonly cancelled: boolean;
  readonly completion: { readonly completedOn: string; readonly sessionsHeld: readonly string[]; readonly rule: CompletionRule } | null;
  readonly trainees: PersistentMap<string, NominatedTrainee>;
  readonly attendance: PersistentMap<string, AttendanceStatus>;
  readonly assessmentPassed: PersistentMap<string, boolean>;
  /** The latest assessment of each trainee, once the run is completed. */
  readonly assessed: PersistentMap<string, CompletionAssessed['data']>;
  readonly notedSources: PersistentSet<string>;
}

export const completionStreamName = (runId: string): string => `completion-${runId}`;
const cellKey = (sessionId: string, traineeId: string): string => `${sessionId}\u0000${traineeId}`;

export const runCompletionDecider: Decider<RunCompletionCommand, RunCompletionEvent, RunCompletionState> = {
  initialState: () => ({
    runId: null,
    run: null,
    cancelled: false,
    completion: null,
    trainees: PersistentMap(),
    attendance: PersistentMap(),
    assessmentPassed: PersistentMap(),
    assessed: PersistentMap(),
    notedSources: PersistentSet(),
  }),

  decide(command, state) {
    switch (command.type) {
      case 'NoteRunEvidence':
        return noteRunEvidence(command, state);
      default:
        return assertNever(command.type as never, 'run completion command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RunEvidenceNoted.v1':
        return sealed(
          event.data.items.reduce<RunCompletionState>(
            (evolved, item) => applyEvidence({ ...evolved, notedSources: evolved.notedSources.add(item.sourceEventId) }, item.evidence),
            draftOf({ ...state, runId: event.data.runId }),
          ),
        );
      case 'CompletionAssessed.v1':
        return { ...state, assessed: state.assessed.set(event.data.traineeId, event.data) };
      default:
        return assertNever(event, 'run completion event');
    }
  },
};

function noteRunEvidence(command: NoteRunEvidence, state: RunCompletionState): RunCompletionEvent[] {
  const { runId } = command.data;
  if (state.runId !== null && state.runId !== runId) {
    throw new DomainRuleViolation('facts-of-one-run', `Expected run ${state.runId}, got run ${runId}`, 'runId');
  }
  const seen = new Set<string>();
  const items = command.data.items.filter((item) => {
    if (state.notedSources.has(item.sourceEventId) || seen.has(item.sourceEventId)) return false;
    seen.add(item.sourceEventId);
    return true;
  });
  if (items.length === 0) return [];
  const noted: RunEvidenceNoted = { type: 'RunEvidenceNoted.v1', data: { runId, items }, metadata: command.metadata };
  const after = runCompletionDecider.evolve(state, noted);
  return [
    noted,
    ...traineesToAssess(items, after).flatMap((traineeId) => {
      const assessment = assess(after, traineeId);
      return assessment && changed(after.assessed.get(traineeId), assessment)
        ? [{ type: 'CompletionAssessed.v1' as const, data: assessment, metadata: command.metadata }]
        : [];
    }),
  ];
}

/**
 * Whose result the evidence may change, assessed once on the batch's last word: everyone admitted
 * when the run completes, afterwards each trainee the evidence is about. Nobody on a cancelled run.
 */
function traineesToAssess(items: readonly NotedEvidence[], state: RunCompletionState): string[] {
  if (!state.completion || state.cancelled) return [];
  const trainees = new Set<string>();
  if (items.some((item) => item.evidence.kind === 'run-completed')) {
    for (const traineeId of [...state.trainees.filter((trainee) => trainee.approved).keys()].sort()) trainees.add(traineeId);
  }
  for (const item of items) {
    const traineeId = traineeOf(item.evidence);
    if (traineeId !== null) trainees.add(traineeId);
  }
  return [...trainees];
}

function assess(state: RunCompletionState, traineeId: string): CompletionAssessed['data'] | null {
  const trainee = state.trainees.get(traineeId);
  if (!state.completion || !trainee || !state.runId) return null;
  const judgement = judgeCompletion(state.completion.rule, {
    sessionsHeld: state.completion.sessionsHeld,
    statusOf: (sessionId) => state.attendance.get(cellKey(sessionId, traineeId)),
    assessmentPassed: state.assessmentPassed.get(traineeId),
    nominationApproved: trainee.approved,
    runCancelled: state.cancelled,
  });
  return {
    runId: state.runId,
    traineeId,
    agencyId: trainee.agencyId,
    sessionsHeld: judgement.sessionsHeld,
    sessionsAttended: judgement.sessionsAttended,
    attendanceShare: judgement.share,
    assessmentPassed: judgement.assessmentPassed,
    ruleVersion: judgement.ruleVersion,
    eligible: judgement.completed,
    reasons: [...judgement.reasons],
  };
}

function changed(before: CompletionAssessed['data'] | undefined, after: CompletionAssessed['data']): boolean {
  return (
    before === undefined ||
    before.eligible !== after.eligible ||
    before.attendanceShare !== after.attendanceShare ||
    before.sessionsAttended !== after.sessionsAttended ||
    before.assessmentPassed !== after.assessmentPassed ||
    before.reasons.join('\n') !== after.reasons.join('\n')
  );
}

/**
 * A batch of evidence is folded into mutable copies of the state's collections, made persistent
 * again once the batch is in: one copy of the paths it touches instead of one per item. The state
 * given is left as it was, as `evolve` must (a cached state may be decided on again).
 */
function draftOf(state: RunCompletionState): RunCompletionState {
  return {
    ...state,
    trainees: state.trainees.asMutable(),
    attendance: state.attendance.asMutable(),
    assessmentPassed: state.assessmentPassed.asMutable(),
    notedSources: state.notedSources.asMutable(),
  };
}

function sealed(draft: RunCompletionState): RunCompletionState {
  return {
    ...draft,
    trainees: draft.trainees.asImmutable(),
    attendance: draft.attendance.asImmutable(),
    assessmentPassed: draft.assessmentPassed.asImmutable(),
    notedSources: draft.notedSources.asImmutable(),
  };
}

function applyEvidence(state: RunCompletionState, evidence: RunEvidence): RunCompletionState {
  switch (evidence.kind) {
    case 'run-planned':
      return { ...state, run: evidence.run };
    case 'run-dates-moved':
      return state.run ? { ...state, run: { ...state.run, startDate: evidence.startDate, endDate: evidence.endDate } } : state;
    case 'run-cancelled':
      return { ...state, cancelled: true };
    case 'run-completed': {
      const { completedOn, sessionsHeld, rule } = evidence;
      const run: RunFacts = state.run ?? { ...evidence.run, startDate: completedOn, endDate: completedOn };
      return { ...state, run, completion: { completedOn, sessionsHeld, rule } };
    }
    case 'attendance':
      return { ...state, attendance: state.attendance.set(cellKey(evidence.sessionId, evidence.traineeId), evidence.status) };
    case 'assessment':
      return { ...state, assessmentPassed: state.assessmentPassed.set(evidence.traineeId, evidence.passed) };
    case 'trainee-admitted': {
      const { traineeId, agencyId, targetGroup, rank, leadership } = evidence;
      return { ...state, trainees: state.trainees.set(traineeId, { agencyId, targetGroup, rank, leadership, approved: true }) };
    }
    case 'trainee-no-longer-admitted': {
      const trainee = state.trainees.get(evidence.traineeId);
      return trainee ? { ...state, trainees: state.trainees.set(evidence.traineeId, { ...trainee, approved: false }) } : state;
    }
    default:
      return assertNever(evidence, 'run evidence');
  }
}

/** The latest assessment of a trainee with what a certificate records of the run, or null when none. */
export function eligibilityOf(state: RunCompletionState, traineeId: string) {
  const assessment = state.assessed.get(traineeId);
  const trainee = state.trainees.get(traineeId);
  if (!assessment || !trainee || !state.run || !state.completion) return null;
  return { assessment, trainee, run: state.run, completedOn: state.completion.completedOn };
}
