import {
  type AttendanceStatus,
  type CompletionRule,
  type CourseDeliveryIntegrationEvent,
  type CourseFormat,
  type CourseLevel,
  type EnrolmentIntegrationEvent,
  judgeCompletion,
  type Rank,
  type TargetGroup,
  type TrainingGroup,
} from '@training-ledger/contracts';
import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import { Map as PersistentMap, Set as PersistentSet } from 'immutable';

type FactOf<TEvent extends { type: string; data: unknown }, TType extends TEvent['type']> = Extract<TEvent, { type: TType }>;
type Fact<TEvent extends { type: string; data: unknown }> = TEvent extends unknown
  ? { readonly type: TEvent['type']; readonly data: TEvent['data'] }
  : never;

/** What certification takes from course delivery and enrolment about one run. */
export type RunFact = Fact<
  | FactOf<
      CourseDeliveryIntegrationEvent,
      | 'CourseRunScheduled.v1'
      | 'CourseRunRescheduled.v1'
      | 'CourseRunCancelled.v1'
      | 'CourseRunCompleted.v1'
      | 'AttendanceRecorded.v1'
      | 'AttendanceCorrected.v1'
      | 'AssessmentRecorded.v1'
    >
  | FactOf<
      EnrolmentIntegrationEvent,
      'NominationApproved.v1' | 'NominationRejected.v1' | 'NominationWithdrawn.v1' | 'NominationCancelled.v1'
    >
>;

export const runFactTypes: readonly RunFact['type'][] = [
  'CourseRunScheduled.v1',
  'CourseRunRescheduled.v1',
  'CourseRunCancelled.v1',
  'CourseRunCompleted.v1',
  'AttendanceRecorded.v1',
  'AttendanceCorrected.v1',
  'AssessmentRecorded.v1',
  'NominationApproved.v1',
  'NominationRejected.v1',
  'NominationWithdrawn.v1',
  'NominationCancelled.v1',
];

/** A fact another service published, noted once whatever how often Kafka delivers it. */
export type NoteRunFact = Command<'NoteRunFact', { runId: string; sourceEventId: string; fact: RunFact }>;
export type RunCompletionCommand = NoteRunFact;

export type RunFactNoted = DomainEvent<'RunFactNoted.v1', { runId: string; sourceEventId: string; fact: RunFact }>;
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
export type RunCompletionEvent = RunFactNoted | CompletionAssessed;

export interface NominatedTrainee {
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly approved: boolean;
}

export interface RunFacts {
  readonly courseId: string;
  readonly courseCode: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly startDate: string;
  readonly endDate: string;
  readonly hostAgencyId: string | null;
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
      case 'NoteRunFact':
        return noteRunFact(command, state);
      default:
        return assertNever(command.type as never, 'run completion command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RunFactNoted.v1':
        return applyFact({ ...state, runId: event.data.runId, notedSources: state.notedSources.add(event.data.sourceEventId) }, event.data.fact);
      case 'CompletionAssessed.v1':
        return { ...state, assessed: state.assessed.set(event.data.traineeId, event.data) };
      default:
        return assertNever(event, 'run completion event');
    }
  },
};

function noteRunFact(command: NoteRunFact, state: RunCompletionState): RunCompletionEvent[] {
  const { runId, sourceEventId, fact } = command.data;
  if (state.runId !== null && state.runId !== runId) {
    throw new DomainRuleViolation('facts-of-one-run', `Expected run ${state.runId}, got run ${runId}`, 'runId');
  }
  if (state.notedSources.has(sourceEventId)) return [];
  const noted: RunFactNoted = { type: 'RunFactNoted.v1', data: { runId, sourceEventId, fact }, metadata: command.metadata };
  const after = runCompletionDecider.evolve(state, noted);
  return [
    noted,
    ...traineesToAssess(fact, after).flatMap((traineeId) => {
      const assessment = assess(after, traineeId);
      return assessment && changed(after.assessed.get(traineeId), assessment)
        ? [{ type: 'CompletionAssessed.v1' as const, data: assessment, metadata: command.metadata }]
        : [];
    }),
  ];
}

/** Who a fact may change the result of: everyone when the run completes, the trainee concerned afterwards. */
function traineesToAssess(fact: RunFact, state: RunCompletionState): string[] {
  if (!state.completion || state.cancelled) return [];
  switch (fact.type) {
    case 'CourseRunCompleted.v1':
      return [...state.trainees.filter((trainee) => trainee.approved).keys()].sort();
    case 'AttendanceRecorded.v1':
    case 'AttendanceCorrected.v1':
    case 'AssessmentRecorded.v1':
    case 'NominationApproved.v1':
    case 'NominationRejected.v1':
    case 'NominationWithdrawn.v1':
    case 'NominationCancelled.v1':
      return [fact.data.traineeId];
    case 'CourseRunScheduled.v1':
    case 'CourseRunRescheduled.v1':
    case 'CourseRunCancelled.v1':
      return [];
    default:
      return assertNever(fact, 'run fact');
  }
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

function applyFact(state: RunCompletionState, fact: RunFact): RunCompletionState {
  switch (fact.type) {
    case 'CourseRunScheduled.v1': {
      const { courseId, courseCode, level, trainingGroup, format, startDate, endDate, hostAgencyId } = fact.data;
      return { ...state, run: { courseId, courseCode, level, trainingGroup, format, startDate, endDate, hostAgencyId } };
    }
    case 'CourseRunRescheduled.v1':
      return state.run ? { ...state, run: { ...state.run, startDate: fact.data.startDate, endDate: fact.data.endDate } } : state;
    case 'CourseRunCancelled.v1':
      return { ...state, cancelled: true };
    case 'CourseRunCompleted.v1': {
      const { completedOn, sessionsHeld, completionRule, courseId, courseCode, level, trainingGroup, format, hostAgencyId } = fact.data;
      const run: RunFacts = state.run ?? { courseId, courseCode, level, trainingGroup, format, startDate: completedOn, endDate: completedOn, hostAgencyId };
      return { ...state, run, completion: { completedOn, sessionsHeld, rule: completionRule } };
    }
    case 'AttendanceRecorded.v1':
      return { ...state, attendance: state.attendance.set(cellKey(fact.data.sessionId, fact.data.traineeId), fact.data.status) };
    case 'AttendanceCorrected.v1':
      return { ...state, attendance: state.attendance.set(cellKey(fact.data.sessionId, fact.data.traineeId), fact.data.newStatus) };
    case 'AssessmentRecorded.v1':
      return { ...state, assessmentPassed: state.assessmentPassed.set(fact.data.traineeId, fact.data.passed) };
    case 'NominationApproved.v1': {
      const { traineeId, agencyId, targetGroup, rank, leadership } = fact.data;
      return { ...state, trainees: state.trainees.set(traineeId, { agencyId, targetGroup, rank, leadership, approved: true }) };
    }
    case 'NominationRejected.v1':
    case 'NominationWithdrawn.v1':
    case 'NominationCancelled.v1': {
      const trainee = state.trainees.get(fact.data.traineeId);
      return trainee ? { ...state, trainees: state.trainees.set(fact.data.traineeId, { ...trainee, approved: false }) } : state;
    }
    default:
      return assertNever(fact, 'run fact');
  }
}

/** The latest assessment of a trainee with what a certificate records of the run, or null when none. */
export function eligibilityOf(state: RunCompletionState, traineeId: string) {
  const assessment = state.assessed.get(traineeId);
  const trainee = state.trainees.get(traineeId);
  if (!assessment || !trainee || !state.run || !state.completion) return null;
  return { assessment, trainee, run: state.run, completedOn: state.completion.completedOn };
}
