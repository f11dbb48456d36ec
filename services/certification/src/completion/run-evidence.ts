import type {
  AttendanceStatus,
  CompletionRule,
  CourseDeliveryIntegrationEvent,
  CourseFormat,
  CourseLevel,
  EnrolmentIntegrationEvent,
  Rank,
  TargetGroup,
  TrainingGroup,
} from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';

type FactOf<TEvent extends { type: string; data: unknown }, TType extends TEvent['type']> = Extract<TEvent, { type: TType }>;
type Fact<TEvent extends { type: string; data: unknown }> = TEvent extends unknown
  ? { readonly type: TEvent['type']; readonly data: TEvent['data'] }
  : never;

/** What certification consumes from course delivery and enrolment about one run, in their words. */
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

export const consumedRunFactTypes: readonly RunFact['type'][] = [
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

/** What a certificate records of its run. */
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

/**
 * What certification keeps of a consumed fact, in its own words: only what a completion decision
 * or a certificate rests on. A correction and a first mark both leave the status that counts.
 */
export type RunEvidence =
  | { readonly kind: 'run-planned'; readonly run: RunFacts }
  | { readonly kind: 'run-dates-moved'; readonly startDate: string; readonly endDate: string }
  | { readonly kind: 'run-cancelled' }
  | {
      readonly kind: 'run-completed';
      readonly run: Omit<RunFacts, 'startDate' | 'endDate'>;
      readonly completedOn: string;
      readonly sessionsHeld: readonly string[];
      readonly rule: CompletionRule;
    }
  | { readonly kind: 'attendance'; readonly sessionId: string; readonly traineeId: string; readonly status: AttendanceStatus }
  | { readonly kind: 'assessment'; readonly traineeId: string; readonly passed: boolean }
  | {
      readonly kind: 'trainee-admitted';
      readonly traineeId: string;
      readonly agencyId: string;
      readonly targetGroup: TargetGroup;
      readonly rank: Rank;
      readonly leadership: boolean;
    }
  | { readonly kind: 'trainee-no-longer-admitted'; readonly traineeId: string };

/** One piece of evidence and the event of the other service it was taken from. */
export interface NotedEvidence {
  readonly sourceEventId: string;
  readonly evidence: RunEvidence;
}

export function evidenceOf(fact: RunFact): RunEvidence {
  switch (fact.type) {
    case 'CourseRunScheduled.v1': {
      const { courseId, courseCode, level, trainingGroup, format, startDate, endDate, hostAgencyId } = fact.data;
      return { kind: 'run-planned', run: { courseId, courseCode, level, trainingGroup, format, startDate, endDate, hostAgencyId } };
    }
    case 'CourseRunRescheduled.v1':
      return { kind: 'run-dates-moved', startDate: fact.data.startDate, endDate: fact.data.endDate };
    case 'CourseRunCancelled.v1':
      return { kind: 'run-cancelled' };
    case 'CourseRunCompleted.v1': {
      const { completedOn, sessionsHeld, completionRule, courseId, courseCode, level, trainingGroup, format, hostAgencyId } = fact.data;
      return {
        kind: 'run-completed',
        run: { courseId, courseCode, level, trainingGroup, format, hostAgencyId },
        completedOn,
        sessionsHeld,
        rule: completionRule,
      };
    }
    case 'AttendanceRecorded.v1':
      return { kind: 'attendance', sessionId: fact.data.sessionId, traineeId: fact.data.traineeId, status: fact.data.status };
    case 'AttendanceCorrected.v1':
      return { kind: 'attendance', sessionId: fact.data.sessionId, traineeId: fact.data.traineeId, status: fact.data.newStatus };
    case 'AssessmentRecorded.v1':
      return { kind: 'assessment', traineeId: fact.data.traineeId, passed: fact.data.passed };
    case 'NominationApproved.v1': {
      const { traineeId, agencyId, targetGroup, rank, leadership } = fact.data;
      return { kind: 'trainee-admitted', traineeId, agencyId, targetGroup, rank, leadership };
    }
    case 'NominationRejected.v1':
    case 'NominationWithdrawn.v1':
    case 'NominationCancelled.v1':
      return { kind: 'trainee-no-longer-admitted', traineeId: fact.data.traineeId };
    default:
      return assertNever(fact, 'run fact');
  }
}

/** The trainee a piece of evidence is about, if it is about one. */
export function traineeOf(evidence: RunEvidence): string | null {
  switch (evidence.kind) {
    case 'attendance':
    case 'assessment':
    case 'trainee-admitted':
    case 'trainee-no-longer-admitted':
      return evidence.traineeId;
    case 'run-planned':
    case 'run-dates-moved':
    case 'run-cancelled':
    case 'run-completed':
      return null;
    default:
      return assertNever(evidence, 'run evidence');
  }
}
