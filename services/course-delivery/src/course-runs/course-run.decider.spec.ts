import type { CompletionRule } from '@training-ledger/contracts';
import { fold, given, type MessageMetadata } from '@training-ledger/decider';
import { mayPostAttendance } from '../attendance/who-may';
import { courseRunDecider } from './course-run.decider';
import type { Lecturer, RunDates, ScheduledCourse, Session } from './course-run.plan';
import type { CourseRunCommand, CourseRunEvent, ScheduleCourseRun } from './course-run.state';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000601',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-03-01T08:00:00.000Z',
};

const eightyPercentAndAnExam: CompletionRule = {
  ruleVersion: 2,
  minAttendanceShare: '0.8000',
  excusedCountsAsAttended: false,
  assessmentRequired: true,
  passMark: 50,
};

const negotiationSkills: ScheduledCourse = {
  courseId: 'NEG-101',
  code: 'NEG-101',
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'in-person',
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['division-level', 'specialist'],
  completionRule: eightyPercentAndAnExam,
};

const session = (sessionId: string, date: string, from = '08:00', to = '11:30'): Session => ({
  sessionId,
  date,
  startsAt: `${date}T${from}:00+07:00`,
  endsAt: `${date}T${to}:00+07:00`,
});
const monday = session('S1', '2027-05-10');
const tuesday = session('S2', '2027-05-11');
const wednesday = session('S3', '2027-05-12');

const vietnameseLecturer: Lecturer = {
  lecturerId: 'L-01',
  name: 'Nguyễn Văn An',
  origin: 'vietnamese',
  affiliation: 'Học viện Ngoại giao',
};
const foreignLecturer: Lecturer = {
  lecturerId: 'L-02',
  name: 'Jane Doe',
  origin: 'foreign',
  affiliation: 'Graduate Institute Geneva',
};

const runId = 'RUN-2027-NEG-01';
const dates: RunDates = {
  startDate: '2027-05-10',
  endDate: '2027-05-12',
  nominationDeadline: '2027-04-25',
  capacity: 30,
  agencyQuotas: [{ agencyId: 'HN', seats: 5 }],
};
const plan: ScheduleCourseRun['data'] = {
  runId,
  course: negotiationSkills,
  providerInstitutionId: 'DAV',
  hostAgencyId: 'HN',
  venue: 'Hội trường A, Học viện Ngoại giao, Hà Nội',
  waitlistPolicy: 'auto-approve',
  sessions: [monday, tuesday],
  lecturers: [vietnameseLecturer],
  ...dates,
};

const schedule = (change: Partial<ScheduleCourseRun['data']> = {}): CourseRunCommand => ({
  type: 'ScheduleCourseRun',
  data: { ...plan, ...change },
  metadata,
});
const reschedule = (change: Partial<RunDates>): CourseRunCommand => ({
  type: 'RescheduleCourseRun',
  data: { runId, ...dates, ...change },
  metadata,
});
const addSession = (added: Session): CourseRunCommand => ({
  type: 'AddSession',
  data: { runId, session: added },
  metadata,
});
const cancelSession = (sessionId: string, reason = 'Lecturer ill'): CourseRunCommand => ({
  type: 'CancelSession',
  data: { runId, sessionId, reason },
  metadata,
});
const assign = (lecturer: Lecturer): CourseRunCommand => ({
  type: 'AssignLecturer',
  data: { runId, lecturer },
  metadata,
});
const cancelRun = (reason = 'Too few nominations'): CourseRunCommand => ({
  type: 'CancelCourseRun',
  data: { runId, reason },
  metadata,
});
const start = (today = '2027-05-10'): CourseRunCommand => ({
  type: 'StartCourseRun',
  data: { runId, today },
  metadata,
});
const complete = (today = '2027-05-12'): CourseRunCommand => ({
  type: 'CompleteCourseRun',
  data: { runId, today },
  metadata,
});

const runFacts = {
  runId,
  courseId: 'NEG-101',
  courseCode: 'NEG-101',
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'in-person',
} as const;
const scheduled: CourseRunEvent = {
  type: 'CourseRunScheduled.v1',
  data: {
    ...runFacts,
    providerInstitutionId: 'DAV',
    hostAgencyId: 'HN',
    venue: plan.venue,
    ...dates,
    waitlistPolicy: 'auto-approve',
    eligibleTargetGroups: ['regular'],
    eligibleRanks: ['division-level', 'specialist'],
    completionRule: eightyPercentAndAnExam,
    sessions: [monday, tuesday],
    lecturers: [vietnameseLecturer],
  },
  metadata,
};
const sessionAdded = (added: Session): CourseRunEvent => ({
  type: 'SessionAdded.v1',
  data: { runId, session: added },
  metadata,
});
const sessionCancelled = (sessionId: string, reason = 'Lecturer ill'): CourseRunEvent => ({
  type: 'SessionCancelled.v1',
  data: { runId, sessionId, reason },
  metadata,
});
const lecturerAssigned = (lecturer: Lecturer): CourseRunEvent => ({
  type: 'LecturerAssigned.v1',
  data: { runId, lecturer },
  metadata,
});
const cancelled: CourseRunEvent = {
  type: 'CourseRunCancelled.v1',
  data: { runId, reason: 'Too few nominations' },
  metadata,
};
const started: CourseRunEvent = { type: 'CourseRunStarted.v1', data: { runId, startedOn: '2027-05-10' }, metadata };
const completed = (
  sessionsHeld: string[],
  hasForeignLecturer: boolean,
  completedOn = '2027-05-12',
): CourseRunEvent => ({
  type: 'CourseRunCompleted.v1',
  data: {
    ...runFacts,
    completedOn,
    sessionsHeld,
    hasForeignLecturer,
    hostAgencyId: 'HN',
    completionRule: eightyPercentAndAnExam,
  },
  metadata,
});

describe('Lên lịch khóa bồi dưỡng (scheduling a course run)', () => {
  it('schedules a run with the course facts and the completion rule in force', () => {
    expect(given(courseRunDecider).when(schedule())).toEqual({ events: [scheduled] });
  });

  it('treats the same scheduling sent again as already done, whatever order its fields arrive in', () => {
    const reordered = {
      ...plan,
      sessions: [{ endsAt: monday.endsAt, startsAt: monday.startsAt, date: monday.date, sessionId: 'S1' }, tuesday],
    };
    expect(given(courseRunDecider, [scheduled]).when(schedule(reordered))).toEqual({ events: [] });
  });

  it('refuses a different scheduling under the same run id', () => {
    expect(given(courseRunDecider, [scheduled]).when(schedule({ capacity: 40 }))).toEqual({
      violation: { rule: 'run-scheduled-once', field: 'runId', kind: 'conflict' },
    });
  });

  it('schedules an online run without a venue', () => {
    const online = { course: { ...negotiationSkills, format: 'online' as const }, venue: null };
    expect(given(courseRunDecider).when(schedule(online))).toEqual({
      events: [{ ...scheduled, data: { ...scheduled.data, format: 'online', venue: null } }],
    });
  });

  it('requires the venue of an in-person run', () => {
    expect(given(courseRunDecider).when(schedule({ venue: null }))).toEqual({
      violation: { rule: 'in-person-run-has-venue', field: 'venue', kind: 'invalid' },
    });
  });

  it('refuses a run that ends before it starts', () => {
    expect(given(courseRunDecider).when(schedule({ endDate: '2027-05-09', sessions: [] }))).toEqual({
      violation: { rule: 'run-ends-after-it-starts', field: 'endDate', kind: 'invalid' },
    });
  });

  it('accepts a one-day run whose nominations close on that day', () => {
    const oneDay = {
      startDate: '2027-05-10',
      endDate: '2027-05-10',
      nominationDeadline: '2027-05-10',
      sessions: [monday],
    };
    expect(given(courseRunDecider).when(schedule(oneDay))).toEqual({
      events: [{ ...scheduled, data: { ...scheduled.data, ...oneDay } }],
    });
  });

  it('refuses a nomination deadline after the first day', () => {
    expect(given(courseRunDecider).when(schedule({ nominationDeadline: '2027-05-11' }))).toEqual({
      violation: { rule: 'nominations-close-before-start', field: 'nominationDeadline', kind: 'invalid' },
    });
  });

  it.each([0, -3, 2.5])('refuses a capacity of %s seats', (capacity) => {
    expect(given(courseRunDecider).when(schedule({ capacity, agencyQuotas: [] }))).toEqual({
      violation: { rule: 'run-has-seats', field: 'capacity', kind: 'invalid' },
    });
  });

  it('refuses agency quotas that add up to more than the capacity', () => {
    const quotas = [
      { agencyId: 'HN', seats: 20 },
      { agencyId: 'BTP', seats: 11 },
    ];
    expect(given(courseRunDecider).when(schedule({ agencyQuotas: quotas }))).toEqual({
      violation: { rule: 'quotas-within-capacity', field: 'agencyQuotas', kind: 'invalid' },
    });
  });

  it('accepts quotas that fill the capacity exactly', () => {
    const quotas = [
      { agencyId: 'HN', seats: 20 },
      { agencyId: 'BTP', seats: 10 },
    ];
    expect(given(courseRunDecider).when(schedule({ agencyQuotas: quotas }))).toEqual({
      events: [{ ...scheduled, data: { ...scheduled.data, agencyQuotas: quotas } }],
    });
  });

  it('refuses two quotas for one agency', () => {
    const quotas = [
      { agencyId: 'HN', seats: 2 },
      { agencyId: 'HN', seats: 3 },
    ];
    expect(given(courseRunDecider).when(schedule({ agencyQuotas: quotas }))).toEqual({
      violation: { rule: 'one-quota-per-agency', field: 'agencyQuotas', kind: 'invalid' },
    });
  });

  it('refuses a session (buổi học) outside the run dates', () => {
    expect(given(courseRunDecider).when(schedule({ sessions: [monday, session('S9', '2027-05-13')] }))).toEqual({
      violation: { rule: 'sessions-within-run-dates', field: 'sessions[1].date', kind: 'invalid' },
    });
  });

  it('refuses a session that does not end after it starts', () => {
    expect(
      given(courseRunDecider).when(schedule({ sessions: [session('S1', '2027-05-10', '11:30', '11:30')] })),
    ).toEqual({
      violation: { rule: 'session-ends-after-it-starts', field: 'sessions[0].endsAt', kind: 'invalid' },
    });
  });

  it('refuses a session that starts on another day than its date', () => {
    const misdated = { ...monday, startsAt: '2027-05-11T08:00:00+07:00', endsAt: '2027-05-11T11:30:00+07:00' };
    expect(given(courseRunDecider).when(schedule({ sessions: [misdated] }))).toEqual({
      violation: { rule: 'session-starts-on-its-date', field: 'sessions[0].startsAt', kind: 'invalid' },
    });
  });

  it('refuses a session id used twice in the timetable', () => {
    expect(given(courseRunDecider).when(schedule({ sessions: [monday, { ...tuesday, sessionId: 'S1' }] }))).toEqual({
      violation: { rule: 'session-id-used-once', field: 'sessions[1].sessionId', kind: 'invalid' },
    });
  });
});

describe('Đổi lịch (rescheduling) a run before it starts', () => {
  it('moves the dates and changes the seats', () => {
    const later = { startDate: '2027-05-10', endDate: '2027-05-14', nominationDeadline: '2027-05-01', capacity: 25 };
    expect(given(courseRunDecider, [scheduled]).when(reschedule(later))).toEqual({
      events: [{ type: 'CourseRunRescheduled.v1', data: { runId, ...dates, ...later }, metadata }],
    });
  });

  it('records nothing when nothing changes', () => {
    expect(given(courseRunDecider, [scheduled]).when(reschedule({}))).toEqual({ events: [] });
  });

  it('refuses new dates that leave a timetabled session outside the run', () => {
    expect(given(courseRunDecider, [scheduled]).when(reschedule({ startDate: '2027-05-11' }))).toEqual({
      violation: { rule: 'sessions-within-run-dates', field: 'sessions[0].date', kind: 'invalid' },
    });
  });

  it('ignores a cancelled session when checking new dates', () => {
    const history = [scheduled, sessionCancelled('S1')];
    expect(given(courseRunDecider, history).when(reschedule({ startDate: '2027-05-11' }))).toEqual({
      events: [{ type: 'CourseRunRescheduled.v1', data: { runId, ...dates, startDate: '2027-05-11' }, metadata }],
    });
  });

  it('checks quotas against the new capacity', () => {
    expect(given(courseRunDecider, [scheduled]).when(reschedule({ capacity: 4 }))).toEqual({
      violation: { rule: 'quotas-within-capacity', field: 'agencyQuotas', kind: 'invalid' },
    });
  });

  it('refuses to reschedule a run that has started', () => {
    expect(given(courseRunDecider, [scheduled, started]).when(reschedule({ capacity: 25 }))).toEqual({
      violation: { rule: 'rescheduled-before-start', field: 'runId', kind: 'conflict' },
    });
  });

  it('cannot reschedule a run never scheduled', () => {
    expect(given(courseRunDecider).when(reschedule({}))).toEqual({
      violation: { rule: 'run-must-exist', field: 'runId', kind: 'not-found' },
    });
  });
});

describe('Buổi học (sessions) and giảng viên (lecturers)', () => {
  it('adds a session within the run dates', () => {
    expect(given(courseRunDecider, [scheduled]).when(addSession(wednesday))).toEqual({
      events: [sessionAdded(wednesday)],
    });
  });

  it('adds a session while the run is under way', () => {
    expect(given(courseRunDecider, [scheduled, started]).when(addSession(wednesday))).toEqual({
      events: [sessionAdded(wednesday)],
    });
  });

  it('treats the same session added again as already done', () => {
    expect(given(courseRunDecider, [scheduled]).when(addSession(monday))).toEqual({ events: [] });
  });

  it('refuses another session under an id already in the timetable', () => {
    expect(given(courseRunDecider, [scheduled]).when(addSession({ ...wednesday, sessionId: 'S1' }))).toEqual({
      violation: { rule: 'session-id-used-once', field: 'session.sessionId', kind: 'conflict' },
    });
  });

  it('refuses a session after the last day of the run', () => {
    expect(given(courseRunDecider, [scheduled]).when(addSession(session('S4', '2027-05-13')))).toEqual({
      violation: { rule: 'sessions-within-run-dates', field: 'session.date', kind: 'invalid' },
    });
  });

  it('cancels a session, stating why', () => {
    expect(given(courseRunDecider, [scheduled]).when(cancelSession('S2'))).toEqual({
      events: [sessionCancelled('S2')],
    });
  });

  it('treats a second cancellation of a session as already done', () => {
    expect(given(courseRunDecider, [scheduled, sessionCancelled('S2')]).when(cancelSession('S2'))).toEqual({
      events: [],
    });
  });

  it('requires the reason for cancelling a session', () => {
    expect(given(courseRunDecider, [scheduled]).when(cancelSession('S2', ''))).toEqual({
      violation: { rule: 'cancellation-states-reason', field: 'reason', kind: 'invalid' },
    });
  });

  it('cannot cancel a session not in the timetable', () => {
    expect(given(courseRunDecider, [scheduled]).when(cancelSession('S9'))).toEqual({
      violation: { rule: 'session-must-exist', field: 'sessionId', kind: 'not-found' },
    });
  });

  it('assigns a foreign lecturer', () => {
    expect(given(courseRunDecider, [scheduled]).when(assign(foreignLecturer))).toEqual({
      events: [lecturerAssigned(foreignLecturer)],
    });
  });

  it('treats the same lecturer assigned again as already done', () => {
    expect(given(courseRunDecider, [scheduled]).when(assign(vietnameseLecturer))).toEqual({ events: [] });
  });

  it('refuses other details under a lecturer id already assigned', () => {
    expect(given(courseRunDecider, [scheduled]).when(assign({ ...vietnameseLecturer, origin: 'foreign' }))).toEqual({
      violation: { rule: 'lecturer-assigned-once', field: 'lecturer.lecturerId', kind: 'conflict' },
    });
  });

  it.each([
    ['cancelled', [scheduled, cancelled]],
    ['completed', [scheduled, started, completed(['S1', 'S2'], false)]],
  ])('changes neither sessions nor lecturers of a run that is %s', (_status, history) => {
    for (const command of [addSession(wednesday), cancelSession('S2'), assign(foreignLecturer)]) {
      expect(given(courseRunDecider, history).when(command)).toEqual({
        violation: { rule: 'run-open-for-changes', field: 'runId', kind: 'conflict' },
      });
    }
  });
});

describe('Khai giảng, bế giảng, huỷ lớp (start, completion and cancellation)', () => {
  it('starts a scheduled run on its first day', () => {
    expect(given(courseRunDecider, [scheduled]).when(start())).toEqual({ events: [started] });
  });

  it('does not start a run before its first day', () => {
    expect(given(courseRunDecider, [scheduled]).when(start('2027-05-09'))).toEqual({
      violation: { rule: 'run-starts-on-its-start-date', field: 'today', kind: 'conflict' },
    });
  });

  it('treats a second start as already done', () => {
    expect(given(courseRunDecider, [scheduled, started]).when(start())).toEqual({ events: [] });
  });

  it.each([
    ['cancelled', [scheduled, cancelled]],
    ['completed', [scheduled, started, completed(['S1', 'S2'], false)]],
  ])('does not start a run that is %s', (_status, history) => {
    expect(given(courseRunDecider, history).when(start())).toEqual({
      violation: { rule: 'only-scheduled-run-starts', field: 'runId', kind: 'conflict' },
    });
  });

  it('completes a started run with the sessions held, the foreign lecturer and the rule in force', () => {
    const history = [
      scheduled,
      lecturerAssigned(foreignLecturer),
      started,
      sessionAdded(wednesday),
      sessionCancelled('S2'),
    ];
    expect(given(courseRunDecider, history).when(complete())).toEqual({
      events: [completed(['S1', 'S3'], true)],
    });
  });

  it('completes a run taught by Vietnamese lecturers only', () => {
    expect(given(courseRunDecider, [scheduled, started]).when(complete('2027-05-11'))).toEqual({
      events: [completed(['S1', 'S2'], false, '2027-05-11')],
    });
  });

  it('does not complete a run before its last session', () => {
    expect(given(courseRunDecider, [scheduled, started, sessionAdded(wednesday)]).when(complete('2027-05-11'))).toEqual(
      {
        violation: { rule: 'completed-after-last-session', field: 'today', kind: 'conflict' },
      },
    );
  });

  it('does not complete a run whose every session was cancelled', () => {
    const history = [scheduled, started, sessionCancelled('S1'), sessionCancelled('S2')];
    expect(given(courseRunDecider, history).when(complete())).toEqual({
      violation: { rule: 'completed-run-held-sessions', field: 'runId', kind: 'conflict' },
    });
  });

  it('does not complete a run that has not started', () => {
    expect(given(courseRunDecider, [scheduled]).when(complete())).toEqual({
      violation: { rule: 'only-started-run-completes', field: 'runId', kind: 'conflict' },
    });
  });

  it('treats a second completion as already done', () => {
    expect(given(courseRunDecider, [scheduled, started, completed(['S1', 'S2'], false)]).when(complete())).toEqual({
      events: [],
    });
  });

  it.each([
    ['scheduled', [scheduled]],
    ['started', [scheduled, started]],
  ])('cancels a run that is %s, stating why', (_status, history) => {
    expect(given(courseRunDecider, history).when(cancelRun())).toEqual({ events: [cancelled] });
  });

  it('requires the reason for cancelling a run', () => {
    expect(given(courseRunDecider, [scheduled]).when(cancelRun(' '))).toEqual({
      violation: { rule: 'cancellation-states-reason', field: 'reason', kind: 'invalid' },
    });
  });

  it('treats a second cancellation as already done', () => {
    expect(given(courseRunDecider, [scheduled, cancelled]).when(cancelRun())).toEqual({ events: [] });
  });

  it('cannot cancel a completed run', () => {
    expect(given(courseRunDecider, [scheduled, started, completed(['S1', 'S2'], false)]).when(cancelRun())).toEqual({
      violation: { rule: 'completed-run-not-cancelled', field: 'runId', kind: 'conflict' },
    });
  });

  it('refuses a command for another run than the one this stream records', () => {
    expect(
      given(courseRunDecider, [scheduled]).when({
        type: 'StartCourseRun',
        data: { runId: 'RUN-OTHER', today: '2027-05-10' },
        metadata,
      }),
    ).toEqual({ violation: { rule: 'commands-of-one-run', field: 'runId', kind: 'invalid' } });
  });
});

describe('Who may post attendance (điểm danh) for a run', () => {
  const run = fold(courseRunDecider, [scheduled]);

  it('lets the system of the provider institution post', () => {
    expect(mayPostAttendance(run, { roles: ['institution-integration'], institutionId: 'DAV' })).toBe(true);
  });

  it('lets the system of the host agency post', () => {
    expect(mayPostAttendance(run, { roles: ['agency-integration'], agencyId: 'HN' })).toBe(true);
  });

  it('refuses another institution, another agency, and a role bound to neither', () => {
    expect(mayPostAttendance(run, { roles: ['institution-integration'], institutionId: 'HVCTQG' })).toBe(false);
    expect(mayPostAttendance(run, { roles: ['agency-integration'], agencyId: 'BTP' })).toBe(false);
    expect(mayPostAttendance(run, { roles: ['institution-integration'] })).toBe(false);
    expect(mayPostAttendance(run, { roles: ['programme-admin'], agencyId: 'HN', institutionId: 'DAV' })).toBe(false);
  });

  it('refuses an agency system when the run has no host agency', () => {
    const unhosted = fold(courseRunDecider, [
      { ...scheduled, data: { ...scheduled.data, hostAgencyId: null } } as CourseRunEvent,
    ]);
    expect(mayPostAttendance(unhosted, { roles: ['agency-integration'], agencyId: 'HN' })).toBe(false);
  });

  it('lets nobody post for a run never scheduled', () => {
    expect(
      mayPostAttendance(courseRunDecider.initialState(), { roles: ['institution-integration'], institutionId: 'DAV' }),
    ).toBe(false);
  });
});
