import type { CompletionRule, CourseFormat, CourseLevel, Rank, TargetGroup, TrainingGroup } from '@training-ledger/contracts';
import { assertNever, type Command, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import type { Lecturer, RunDates, RunPlan, ScheduledCourse, Session } from './course-run.plan';

export type CourseRunStatus = 'scheduled' | 'started' | 'cancelled' | 'completed';

/*
 * The course lives in its own stream. Scheduling carries the course as it stands, as nominations
 * carry their view of the run; the run then keeps the completion rule it was scheduled under, so
 * that trainees are judged by the rule announced to them even when the catalogue versions it later.
 */
export type ScheduleCourseRun = Command<'ScheduleCourseRun', RunPlan & { course: ScheduledCourse }>;
export type RescheduleCourseRun = Command<'RescheduleCourseRun', RunDates & { runId: string }>;
export type AddSession = Command<'AddSession', { runId: string; session: Session }>;
export type CancelSession = Command<'CancelSession', { runId: string; sessionId: string; reason: string }>;
export type AssignLecturer = Command<'AssignLecturer', { runId: string; lecturer: Lecturer }>;
export type CancelCourseRun = Command<'CancelCourseRun', { runId: string; reason: string }>;
export type StartCourseRun = Command<'StartCourseRun', { runId: string; today: string }>;
export type CompleteCourseRun = Command<'CompleteCourseRun', { runId: string; today: string }>;
export type CourseRunCommand =
  | ScheduleCourseRun
  | RescheduleCourseRun
  | AddSession
  | CancelSession
  | AssignLecturer
  | CancelCourseRun
  | StartCourseRun
  | CompleteCourseRun;

/** What consumers need of the run's course so that none of them ever calls back. */
interface RunFacts {
  readonly runId: string;
  readonly courseId: string;
  readonly courseCode: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
}

export type CourseRunScheduled = DomainEvent<
  'CourseRunScheduled.v1',
  RunFacts &
    RunPlan & {
      eligibleTargetGroups: readonly TargetGroup[];
      eligibleRanks: readonly Rank[];
      completionRule: CompletionRule;
    }
>;
export type CourseRunRescheduled = DomainEvent<'CourseRunRescheduled.v1', RunDates & { runId: string }>;
export type SessionAdded = DomainEvent<'SessionAdded.v1', { runId: string; session: Session }>;
export type SessionCancelled = DomainEvent<'SessionCancelled.v1', { runId: string; sessionId: string; reason: string }>;
export type LecturerAssigned = DomainEvent<'LecturerAssigned.v1', { runId: string; lecturer: Lecturer }>;
export type CourseRunCancelled = DomainEvent<'CourseRunCancelled.v1', { runId: string; reason: string }>;
export type CourseRunStarted = DomainEvent<'CourseRunStarted.v1', { runId: string; startedOn: string }>;
export type CourseRunCompleted = DomainEvent<
  'CourseRunCompleted.v1',
  RunFacts & {
    completedOn: string;
    sessionsHeld: readonly string[];
    hasForeignLecturer: boolean;
    hostAgencyId: string | null;
    completionRule: CompletionRule;
  }
>;
export type CourseRunEvent =
  | CourseRunScheduled
  | CourseRunRescheduled
  | SessionAdded
  | SessionCancelled
  | LecturerAssigned
  | CourseRunCancelled
  | CourseRunStarted
  | CourseRunCompleted;

export interface TimetabledSession extends Session {
  readonly cancelled: boolean;
}

export interface CourseRun {
  readonly status: CourseRunStatus;
  /** As first scheduled, so that the same scheduling sent again is recognised later. */
  readonly scheduled: CourseRunScheduled['data'];
  readonly facts: RunFacts;
  readonly dates: RunDates;
  readonly providerInstitutionId: string;
  readonly hostAgencyId: string | null;
  readonly completionRule: CompletionRule;
  /** In timetable order of addition; cancelled sessions stay, marked. */
  readonly sessions: readonly TimetabledSession[];
  readonly lecturers: readonly Lecturer[];
}

export type CourseRunState = { readonly status: 'unscheduled' } | CourseRun;

export const courseRunStreamName = (runId: string): string => `course-run-${runId}`;

export function evolveCourseRun(state: CourseRunState, event: CourseRunEvent): CourseRunState {
  if (event.type === 'CourseRunScheduled.v1') {
    const { runId, courseId, courseCode, level, trainingGroup, format } = event.data;
    const { startDate, endDate, nominationDeadline, capacity, agencyQuotas } = event.data;
    return {
      status: 'scheduled',
      scheduled: event.data,
      facts: { runId, courseId, courseCode, level, trainingGroup, format },
      dates: { startDate, endDate, nominationDeadline, capacity, agencyQuotas },
      providerInstitutionId: event.data.providerInstitutionId,
      hostAgencyId: event.data.hostAgencyId,
      completionRule: event.data.completionRule,
      sessions: event.data.sessions.map((session) => ({ ...session, cancelled: false })),
      lecturers: event.data.lecturers,
    };
  }
  if (state.status === 'unscheduled') return state;
  switch (event.type) {
    case 'CourseRunRescheduled.v1': {
      const { startDate, endDate, nominationDeadline, capacity, agencyQuotas } = event.data;
      return { ...state, dates: { startDate, endDate, nominationDeadline, capacity, agencyQuotas } };
    }
    case 'SessionAdded.v1':
      return { ...state, sessions: [...state.sessions, { ...event.data.session, cancelled: false }] };
    case 'SessionCancelled.v1':
      return {
        ...state,
        sessions: state.sessions.map((session) =>
          session.sessionId === event.data.sessionId ? { ...session, cancelled: true } : session,
        ),
      };
    case 'LecturerAssigned.v1':
      return { ...state, lecturers: [...state.lecturers, event.data.lecturer] };
    case 'CourseRunCancelled.v1':
      return { ...state, status: 'cancelled' };
    case 'CourseRunStarted.v1':
      return { ...state, status: 'started' };
    case 'CourseRunCompleted.v1':
      return { ...state, status: 'completed' };
    default:
      return assertNever(event, 'course run event');
  }
}

export function existingRun(state: CourseRunState, runId: string): CourseRun {
  if (state.status === 'unscheduled') {
    throw new DomainRuleViolation('run-must-exist', `Run ${runId} is not scheduled`, 'runId', 'not-found');
  }
  if (state.facts.runId !== runId) {
    throw new DomainRuleViolation(
      'commands-of-one-run',
      `Expected run ${state.facts.runId}, got run ${runId}`,
      'runId',
    );
  }
  return state;
}

export function requireOpenForChanges(run: CourseRun, runId: string): void {
  if (run.status === 'cancelled' || run.status === 'completed') {
    throw new DomainRuleViolation(
      'run-open-for-changes',
      `Run ${runId} is ${run.status}; its timetable and lecturers no longer change`,
      'runId',
      'conflict',
    );
  }
}
