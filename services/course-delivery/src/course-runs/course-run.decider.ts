import type {
  CompletionRule,
  CourseFormat,
  CourseLevel,
  Rank,
  TargetGroup,
  TrainingGroup,
} from '@training-ledger/contracts';
import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation, sortedKeyJson } from '@training-ledger/decider';

export type CourseRunStatus = 'scheduled' | 'started' | 'cancelled' | 'completed';
export type WaitlistPolicy = 'auto-approve' | 'flag-for-review';

/** Buổi học: one timetabled session. `date` is the calendar day the session is held on. */
export interface Session {
  readonly sessionId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  /** ISO-8601 with offset. */
  readonly startsAt: string;
  readonly endsAt: string;
}

export interface Lecturer {
  readonly lecturerId: string;
  readonly name: string;
  readonly origin: 'vietnamese' | 'foreign';
  readonly affiliation: string | null;
}

export interface AgencyQuota {
  readonly agencyId: string;
  readonly seats: number;
}

/** The course as the catalogue holds it when the run is scheduled, with its completion rule in force then. */
export interface ScheduledCourse {
  readonly courseId: string;
  readonly code: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly eligibleTargetGroups: readonly TargetGroup[];
  readonly eligibleRanks: readonly Rank[];
  readonly completionRule: CompletionRule;
}

export interface RunDates {
  /** YYYY-MM-DD, first day of the run. */
  readonly startDate: string;
  /** YYYY-MM-DD, last day of the run. */
  readonly endDate: string;
  /** YYYY-MM-DD, last day nominations are accepted. */
  readonly nominationDeadline: string;
  readonly capacity: number;
  readonly agencyQuotas: readonly AgencyQuota[];
}

export interface RunPlan extends RunDates {
  readonly runId: string;
  /** The training institution (cơ sở đào tạo) that delivers the run. */
  readonly providerInstitutionId: string;
  /** The ministry or province that hosts the run, if any. */
  readonly hostAgencyId: string | null;
  /** Null for a run held online. */
  readonly venue: string | null;
  readonly waitlistPolicy: WaitlistPolicy;
  readonly sessions: readonly Session[];
  readonly lecturers: readonly Lecturer[];
}

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

export const courseRunDecider: Decider<CourseRunCommand, CourseRunEvent, CourseRunState> = {
  initialState: () => ({ status: 'unscheduled' }),

  decide(command, state) {
    switch (command.type) {
      case 'ScheduleCourseRun':
        return scheduleCourseRun(command, state);
      case 'RescheduleCourseRun':
        return rescheduleCourseRun(command, state);
      case 'AddSession':
        return addSession(command, state);
      case 'CancelSession':
        return cancelSession(command, state);
      case 'AssignLecturer':
        return assignLecturer(command, state);
      case 'CancelCourseRun':
        return cancelCourseRun(command, state);
      case 'StartCourseRun':
        return startCourseRun(command, state);
      case 'CompleteCourseRun':
        return completeCourseRun(command, state);
      default:
        return assertNever(command, 'course run command');
    }
  },

  evolve: evolveCourseRun,
};

function evolveCourseRun(state: CourseRunState, event: CourseRunEvent): CourseRunState {
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

function scheduleCourseRun(command: ScheduleCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { course, ...plan } = command.data;
  const scheduled: CourseRunScheduled['data'] = {
    runId: plan.runId,
    courseId: course.courseId,
    courseCode: course.code,
    level: course.level,
    trainingGroup: course.trainingGroup,
    format: course.format,
    providerInstitutionId: plan.providerInstitutionId,
    hostAgencyId: plan.hostAgencyId,
    venue: plan.venue,
    startDate: plan.startDate,
    endDate: plan.endDate,
    nominationDeadline: plan.nominationDeadline,
    capacity: plan.capacity,
    agencyQuotas: plan.agencyQuotas,
    waitlistPolicy: plan.waitlistPolicy,
    eligibleTargetGroups: course.eligibleTargetGroups,
    eligibleRanks: course.eligibleRanks,
    completionRule: course.completionRule,
    sessions: plan.sessions,
    lecturers: plan.lecturers,
  };
  if (state.status !== 'unscheduled') {
    if (sortedKeyJson(state.scheduled) === sortedKeyJson(scheduled)) return [];
    throw new DomainRuleViolation(
      'run-scheduled-once',
      `Run ${plan.runId} is already scheduled differently; change it by rescheduling`,
      'runId',
      'conflict',
    );
  }
  if (course.format === 'in-person' && (plan.venue === null || plan.venue.trim() === '')) {
    throw new DomainRuleViolation('in-person-run-has-venue', 'An in-person run must name its venue', 'venue');
  }
  requireValidDates(plan);
  const seen = new Set<string>();
  plan.sessions.forEach((session, index) => {
    if (seen.has(session.sessionId)) {
      throw new DomainRuleViolation(
        'session-id-used-once',
        `Session ${session.sessionId} appears twice in the timetable`,
        `sessions[${index}].sessionId`,
      );
    }
    seen.add(session.sessionId);
    requireSessionWithin(session, plan, `sessions[${index}]`);
  });
  const lecturerIds = plan.lecturers.map((lecturer) => lecturer.lecturerId);
  if (new Set(lecturerIds).size !== lecturerIds.length) {
    throw new DomainRuleViolation('lecturer-assigned-once', 'A lecturer appears twice', 'lecturers');
  }
  plan.lecturers.forEach((lecturer, index) => requireNamedLecturer(lecturer, `lecturers[${index}].name`));
  return [{ type: 'CourseRunScheduled.v1', data: scheduled, metadata: command.metadata }];
}

function rescheduleCourseRun(command: RescheduleCourseRun, state: CourseRunState): CourseRunEvent[] {
  const run = existingRun(state, command.data.runId);
  const { runId, ...dates } = command.data;
  if (sameDates(run.dates, dates)) return [];
  if (run.status !== 'scheduled') {
    throw new DomainRuleViolation(
      'rescheduled-before-start',
      `Run ${runId} is ${run.status} and can no longer be rescheduled`,
      'runId',
      'conflict',
    );
  }
  requireValidDates(dates);
  run.sessions.forEach((session, index) => {
    if (!session.cancelled) requireSessionWithin(session, dates, `sessions[${index}]`);
  });
  return [
    {
      type: 'CourseRunRescheduled.v1',
      data: {
        runId,
        startDate: dates.startDate,
        endDate: dates.endDate,
        nominationDeadline: dates.nominationDeadline,
        capacity: dates.capacity,
        agencyQuotas: dates.agencyQuotas,
      },
      metadata: command.metadata,
    },
  ];
}

function addSession(command: AddSession, state: CourseRunState): CourseRunEvent[] {
  const { runId, session } = command.data;
  const run = existingRun(state, runId);
  const earlier = run.sessions.find((candidate) => candidate.sessionId === session.sessionId);
  if (earlier) {
    if (sameSession(earlier, session)) return [];
    throw new DomainRuleViolation(
      'session-id-used-once',
      `Session ${session.sessionId} is already in the timetable of run ${runId}`,
      'session.sessionId',
      'conflict',
    );
  }
  requireOpenForChanges(run, runId);
  requireSessionWithin(session, run.dates, 'session');
  return [{ type: 'SessionAdded.v1', data: { runId, session }, metadata: command.metadata }];
}

function cancelSession(command: CancelSession, state: CourseRunState): CourseRunEvent[] {
  const { runId, sessionId, reason } = command.data;
  const run = existingRun(state, runId);
  requireReason(reason);
  const session = run.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) {
    throw new DomainRuleViolation(
      'session-must-exist',
      `Session ${sessionId} is not in the timetable of run ${runId}`,
      'sessionId',
      'not-found',
    );
  }
  if (session.cancelled) return [];
  requireOpenForChanges(run, runId);
  return [{ type: 'SessionCancelled.v1', data: { runId, sessionId, reason }, metadata: command.metadata }];
}

function assignLecturer(command: AssignLecturer, state: CourseRunState): CourseRunEvent[] {
  const { runId, lecturer } = command.data;
  const run = existingRun(state, runId);
  const earlier = run.lecturers.find((candidate) => candidate.lecturerId === lecturer.lecturerId);
  if (earlier) {
    if (sameLecturer(earlier, lecturer)) return [];
    throw new DomainRuleViolation(
      'lecturer-assigned-once',
      `Lecturer ${lecturer.lecturerId} is already assigned to run ${runId} with other details`,
      'lecturer.lecturerId',
      'conflict',
    );
  }
  requireOpenForChanges(run, runId);
  requireNamedLecturer(lecturer, 'lecturer.name');
  return [{ type: 'LecturerAssigned.v1', data: { runId, lecturer }, metadata: command.metadata }];
}

function cancelCourseRun(command: CancelCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, reason } = command.data;
  const run = existingRun(state, runId);
  requireReason(reason);
  if (run.status === 'cancelled') return [];
  if (run.status === 'completed') {
    throw new DomainRuleViolation(
      'completed-run-not-cancelled',
      `Run ${runId} is completed; its record stands`,
      'runId',
      'conflict',
    );
  }
  return [{ type: 'CourseRunCancelled.v1', data: { runId, reason }, metadata: command.metadata }];
}

function startCourseRun(command: StartCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, today } = command.data;
  const run = existingRun(state, runId);
  if (run.status === 'started') return [];
  if (run.status !== 'scheduled') {
    throw new DomainRuleViolation(
      'only-scheduled-run-starts',
      `Run ${runId} is ${run.status} and cannot start`,
      'runId',
      'conflict',
    );
  }
  if (today < run.dates.startDate) {
    throw new DomainRuleViolation(
      'run-starts-on-its-start-date',
      `Run ${runId} starts on ${run.dates.startDate}, not before`,
      'today',
      'conflict',
    );
  }
  return [{ type: 'CourseRunStarted.v1', data: { runId, startedOn: today }, metadata: command.metadata }];
}

function completeCourseRun(command: CompleteCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, today } = command.data;
  const run = existingRun(state, runId);
  if (run.status === 'completed') return [];
  if (run.status !== 'started') {
    throw new DomainRuleViolation(
      'only-started-run-completes',
      `Run ${runId} is ${run.status}; only a started run can be completed`,
      'runId',
      'conflict',
    );
  }
  const held = run.sessions.filter((session) => !session.cancelled);
  if (held.length === 0) {
    throw new DomainRuleViolation(
      'completed-run-held-sessions',
      `Run ${runId} has no session that was not cancelled; cancel the run instead`,
      'runId',
      'conflict',
    );
  }
  const lastDay = held.reduce((latest, session) => (session.date > latest ? session.date : latest), '');
  if (today < lastDay) {
    throw new DomainRuleViolation(
      'completed-after-last-session',
      `Run ${runId} still has a session on ${lastDay}`,
      'today',
      'conflict',
    );
  }
  return [
    {
      type: 'CourseRunCompleted.v1',
      data: {
        ...run.facts,
        completedOn: today,
        sessionsHeld: held.map((session) => session.sessionId),
        hasForeignLecturer: run.lecturers.some((lecturer) => lecturer.origin === 'foreign'),
        hostAgencyId: run.hostAgencyId,
        completionRule: run.completionRule,
      },
      metadata: command.metadata,
    },
  ];
}

/** What an integration presents when it posts attendance: its roles and the agency or institution it is bound to. */
export interface AttendancePoster {
  readonly roles: readonly string[];
  readonly agencyId?: string | null;
  readonly institutionId?: string | null;
}

/**
 * Who may post attendance (điểm danh) for a run is part of the run: the system of the training
 * institution that delivers it, and the system of the agency that hosts it.
 */
export function mayPostAttendance(state: CourseRunState, actor: AttendancePoster): boolean {
  if (state.status === 'unscheduled') return false;
  const provider =
    actor.roles.includes('institution-integration') &&
    actor.institutionId != null &&
    actor.institutionId === state.providerInstitutionId;
  const host =
    actor.roles.includes('agency-integration') &&
    state.hostAgencyId !== null &&
    actor.agencyId != null &&
    actor.agencyId === state.hostAgencyId;
  return provider || host;
}

function existingRun(state: CourseRunState, runId: string): CourseRun {
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

function requireOpenForChanges(run: CourseRun, runId: string): void {
  if (run.status === 'cancelled' || run.status === 'completed') {
    throw new DomainRuleViolation(
      'run-open-for-changes',
      `Run ${runId} is ${run.status}; its timetable and lecturers no longer change`,
      'runId',
      'conflict',
    );
  }
}

function requireValidDates(dates: RunDates): void {
  if (dates.startDate > dates.endDate) {
    throw new DomainRuleViolation('run-ends-after-it-starts', 'The run cannot end before it starts', 'endDate');
  }
  if (dates.nominationDeadline > dates.startDate) {
    throw new DomainRuleViolation(
      'nominations-close-before-start',
      'The nomination deadline cannot fall after the first day of the run',
      'nominationDeadline',
    );
  }
  if (!Number.isInteger(dates.capacity) || dates.capacity < 1) {
    throw new DomainRuleViolation('run-has-seats', 'A run has at least one seat', 'capacity');
  }
  const agencies = dates.agencyQuotas.map((quota) => quota.agencyId);
  if (new Set(agencies).size !== agencies.length) {
    throw new DomainRuleViolation('one-quota-per-agency', 'An agency has at most one quota', 'agencyQuotas');
  }
  if (dates.agencyQuotas.some((quota) => !Number.isInteger(quota.seats) || quota.seats < 0)) {
    throw new DomainRuleViolation('quota-whole-seats', 'A quota is a whole number of seats', 'agencyQuotas');
  }
  const quotaSeats = dates.agencyQuotas.reduce((sum, quota) => sum + quota.seats, 0);
  if (quotaSeats > dates.capacity) {
    throw new DomainRuleViolation(
      'quotas-within-capacity',
      `The agency quotas add up to ${quotaSeats} seats, more than the ${dates.capacity} of the run`,
      'agencyQuotas',
    );
  }
}

function requireSessionWithin(session: Session, dates: Pick<RunDates, 'startDate' | 'endDate'>, field: string): void {
  const startsAt = Date.parse(session.startsAt);
  const endsAt = Date.parse(session.endsAt);
  if (!(startsAt < endsAt)) {
    throw new DomainRuleViolation(
      'session-ends-after-it-starts',
      `Session ${session.sessionId} must end after it starts`,
      `${field}.endsAt`,
    );
  }
  if (session.startsAt.slice(0, 10) !== session.date) {
    throw new DomainRuleViolation(
      'session-starts-on-its-date',
      `Session ${session.sessionId} is dated ${session.date} but starts at ${session.startsAt}`,
      `${field}.startsAt`,
    );
  }
  if (session.date < dates.startDate || session.date > dates.endDate) {
    throw new DomainRuleViolation(
      'sessions-within-run-dates',
      `Session ${session.sessionId} on ${session.date} falls outside the run, ${dates.startDate} to ${dates.endDate}`,
      `${field}.date`,
    );
  }
}

function requireNamedLecturer(lecturer: Lecturer, field: string): void {
  if (lecturer.name.trim() === '') {
    throw new DomainRuleViolation('lecturer-named', `Lecturer ${lecturer.lecturerId} needs a name`, field);
  }
}

function requireReason(reason: string): void {
  if (reason.trim() === '') {
    throw new DomainRuleViolation('cancellation-states-reason', 'A cancellation must state its reason', 'reason');
  }
}

function sameDates(left: RunDates, right: RunDates): boolean {
  return (
    left.startDate === right.startDate &&
    left.endDate === right.endDate &&
    left.nominationDeadline === right.nominationDeadline &&
    left.capacity === right.capacity &&
    left.agencyQuotas.length === right.agencyQuotas.length &&
    left.agencyQuotas.every(
      (quota, index) =>
        quota.agencyId === right.agencyQuotas[index]?.agencyId && quota.seats === right.agencyQuotas[index]?.seats,
    )
  );
}

function sameSession(left: Session, right: Session): boolean {
  return (
    left.sessionId === right.sessionId &&
    left.date === right.date &&
    left.startsAt === right.startsAt &&
    left.endsAt === right.endsAt
  );
}

function sameLecturer(left: Lecturer, right: Lecturer): boolean {
  return (
    left.lecturerId === right.lecturerId &&
    left.name === right.name &&
    left.origin === right.origin &&
    left.affiliation === right.affiliation
  );
}
