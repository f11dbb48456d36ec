import { decideEach, type EachOutcome, fold, given, type MessageMetadata } from '@training-ledger/decider';
import { courseRunDecider } from '../course-runs/course-run.decider';
import {
  type AttendanceMark,
  attendanceMarkCommands,
  attendanceRunView,
  type AttendanceRunView,
  attendanceSheetDecider,
  type AttendanceSheetCommand,
  type AttendanceSheetEvent,
  type RecordAttendance,
} from './attendance-sheet.decider';

/** A mark's outcome as a bulk answer words it: recorded, already recorded, or refused by kind and rule. */
function verdict(outcome: EachOutcome<AttendanceSheetEvent>): readonly string[] {
  if (outcome.accepted) return [outcome.events.length > 0 ? 'accepted' : 'already-recorded'];
  return ['refused', outcome.violation.kind, outcome.violation.rule];
}

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000701',
  actor: { id: 'svc:dav-attendance', roles: ['institution-integration'] },
  occurredAt: '2027-05-10T08:05:00.000Z',
};

const runId = 'RUN-2027-NEG-01';
const postedBy = 'svc:dav-attendance';
const run: AttendanceRunView = {
  status: 'started',
  sessions: [
    { sessionId: 'S1', date: '2027-05-10', startsAt: '2027-05-10T08:00:00+07:00', endsAt: '2027-05-10T11:30:00+07:00', cancelled: false },
    { sessionId: 'S2', date: '2027-05-11', startsAt: '2027-05-11T08:00:00+07:00', endsAt: '2027-05-11T11:30:00+07:00', cancelled: true },
  ],
};
const approvedTrainees = ['T-0001', 'T-0002'];

const mark = (change: Partial<AttendanceMark> = {}): AttendanceMark => ({
  recordId: 'DAV-REC-1',
  traineeId: 'T-0001',
  sessionId: 'S1',
  status: 'present',
  observedAt: '2027-05-10T07:58:00+07:00',
  ...change,
});
const post = (
  posted: AttendanceMark,
  options: { run?: AttendanceRunView; postedBy?: string; runId?: string } = {},
): AttendanceSheetCommand => ({
  type: 'RecordAttendanceMark',
  data: {
    runId: options.runId ?? runId,
    postedBy: options.postedBy ?? postedBy,
    run: options.run ?? run,
    approvedTrainees,
    toleranceMinutes: 15,
    mark: posted,
  },
  metadata,
});
const recorded = (posted: AttendanceMark, by = postedBy): AttendanceSheetEvent => ({
  type: 'AttendanceRecorded.v1',
  data: {
    runId,
    sessionId: posted.sessionId,
    traineeId: posted.traineeId,
    status: posted.status,
    observedAt: posted.observedAt,
    recordId: posted.recordId,
    postedBy: by,
    sessionDate: run.sessions.find((session) => session.sessionId === posted.sessionId)?.date,
  },
  metadata,
});
const correct = (
  newStatus: AttendanceMark['status'],
  reason = 'Medical certificate received',
): AttendanceSheetCommand => ({
  type: 'CorrectAttendance',
  data: { runId, sessionId: 'S1', traineeId: 'T-0001', newStatus, correctedBy: 'mofa-programme-office', reason },
  metadata,
});
const corrected = (
  previousStatus: AttendanceMark['status'],
  newStatus: AttendanceMark['status'],
  reason = 'Medical certificate received',
): AttendanceSheetEvent => ({
  type: 'AttendanceCorrected.v1',
  data: {
    runId,
    sessionId: 'S1',
    traineeId: 'T-0001',
    previousStatus,
    newStatus,
    correctedBy: 'mofa-programme-office',
    reason,
  },
  metadata,
});

describe('Điểm danh (attendance) posted by an integration, mark by mark', () => {
  it('records the mark of an approved trainee observed during a session (buổi học) of the run', () => {
    expect(given(attendanceSheetDecider).when(post(mark()))).toEqual({ events: [recorded(mark())] });
  });

  it.each(['present', 'late', 'absent', 'excused'] as const)('records the status %s', (status) => {
    expect(given(attendanceSheetDecider).when(post(mark({ status })))).toEqual({
      events: [recorded(mark({ status }))],
    });
  });

  it('treats the same record posted again as a duplicate, even with the time written in another offset', () => {
    const sameInstant = mark({ observedAt: '2027-05-10T00:58:00Z' });
    expect(given(attendanceSheetDecider, [recorded(mark())]).when(post(sameInstant))).toEqual({ events: [] });
  });

  it('refuses a record id posted again with other content', () => {
    expect(given(attendanceSheetDecider, [recorded(mark())]).when(post(mark({ status: 'late' })))).toEqual({
      violation: { rule: 'record-id-used-once', field: 'recordId', kind: 'conflict' },
    });
  });

  it("keeps each integration's record ids apart", () => {
    const hostsMark = mark({ traineeId: 'T-0002' });
    expect(
      given(attendanceSheetDecider, [recorded(mark())]).when(post(hostsMark, { postedBy: 'svc:hanoi-hr' })),
    ).toEqual({ events: [recorded(hostsMark, 'svc:hanoi-hr')] });
  });

  it('refuses a second mark of a trainee for a session under another record id: a change is a correction', () => {
    const second = mark({ recordId: 'DAV-REC-2', status: 'late' });
    expect(given(attendanceSheetDecider, [recorded(mark())]).when(post(second))).toEqual({
      violation: { rule: 'trainee-marked-once-per-session', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('refuses a trainee without an approved nomination to the run: "not the right people"', () => {
    expect(given(attendanceSheetDecider).when(post(mark({ traineeId: 'T-0099' })))).toEqual({
      violation: { rule: 'trainee-approved-for-run', field: 'traineeId', kind: 'invalid' },
    });
  });

  it('refuses a session not in the timetable of the run', () => {
    expect(given(attendanceSheetDecider).when(post(mark({ sessionId: 'S9' })))).toEqual({
      violation: { rule: 'session-of-this-run', field: 'sessionId', kind: 'not-found' },
    });
  });

  it('refuses a mark for a cancelled session', () => {
    const tuesday = mark({ sessionId: 'S2', observedAt: '2027-05-11T08:00:00+07:00' });
    expect(given(attendanceSheetDecider).when(post(tuesday))).toEqual({
      violation: { rule: 'session-not-cancelled', field: 'sessionId', kind: 'invalid' },
    });
  });

  it('refuses every mark once the run is cancelled', () => {
    expect(given(attendanceSheetDecider).when(post(mark(), { run: { ...run, status: 'cancelled' } }))).toEqual({
      violation: { rule: 'run-not-cancelled', field: 'runId', kind: 'invalid' },
    });
  });

  it('still recognises a duplicate posted after the run was cancelled', () => {
    expect(
      given(attendanceSheetDecider, [recorded(mark())]).when(post(mark(), { run: { ...run, status: 'cancelled' } })),
    ).toEqual({ events: [] });
  });

  it.each([
    ['15 minutes before the start', '2027-05-10T07:45:00+07:00'],
    ['15 minutes after the end', '2027-05-10T11:45:00+07:00'],
  ])('accepts an observation %s, within the tolerance', (_when, observedAt) => {
    expect(given(attendanceSheetDecider).when(post(mark({ observedAt })))).toEqual({
      events: [recorded(mark({ observedAt }))],
    });
  });

  it.each([
    ['16 minutes before the start', '2027-05-10T07:44:00+07:00'],
    ['16 minutes after the end', '2027-05-10T11:46:00+07:00'],
    ['on the next day', '2027-05-11T08:00:00+07:00'],
  ])('refuses an observation %s', (_when, observedAt) => {
    expect(given(attendanceSheetDecider).when(post(mark({ observedAt })))).toEqual({
      violation: { rule: 'observed-within-session', field: 'observedAt', kind: 'invalid' },
    });
  });

  it('refuses a mark for another run than the one this sheet records', () => {
    expect(
      given(attendanceSheetDecider, [recorded(mark())]).when(
        post(mark({ recordId: 'X', traineeId: 'T-0002' }), { runId: 'RUN-OTHER' }),
      ),
    ).toEqual({ violation: { rule: 'attendance-of-one-run', field: 'runId', kind: 'invalid' } });
  });
});

describe('A bulk posting gets one result per mark', () => {
  const posting: RecordAttendance = {
    type: 'RecordAttendance',
    data: {
      runId,
      postedBy,
      run,
      approvedTrainees,
      toleranceMinutes: 15,
      marks: [
        mark(),
        mark({ recordId: 'DAV-REC-2', traineeId: 'T-0002', status: 'late', observedAt: '2027-05-10T08:20:00+07:00' }),
        mark({ recordId: 'DAV-REC-3', traineeId: 'T-0099' }),
        mark({ recordId: 'DAV-REC-4', sessionId: 'S9' }),
        mark({ recordId: 'DAV-REC-5', traineeId: 'T-0002', observedAt: '2027-05-10T13:00:00+07:00' }),
        mark({ status: 'absent' }),
        mark(),
      ],
    },
    metadata,
  };

  it('accepts, rejects, flags conflicts and recognises duplicates within one posting, each with its reason', () => {
    const { events, outcomes } = decideEach(
      attendanceSheetDecider,
      attendanceSheetDecider.initialState(),
      attendanceMarkCommands(posting),
    );
    expect(outcomes.map(verdict)).toEqual([
      ['accepted'],
      ['accepted'],
      ['refused', 'invalid', 'trainee-approved-for-run'],
      ['refused', 'not-found', 'session-of-this-run'],
      ['refused', 'invalid', 'observed-within-session'],
      ['refused', 'conflict', 'record-id-used-once'],
      ['already-recorded'],
    ]);
    expect(events).toEqual([recorded(posting.data.marks[0]!), recorded(posting.data.marks[1]!)]);
  });

  it('tells the integration why a mark was refused', () => {
    const { outcomes } = decideEach(
      attendanceSheetDecider,
      attendanceSheetDecider.initialState(),
      attendanceMarkCommands(posting),
    );
    const refused = outcomes[2];
    expect(refused?.accepted === false && { rule: refused.violation.rule, reason: refused.violation.message }).toEqual({
      rule: 'trainee-approved-for-run',
      reason: `Trainee T-0099 has no approved nomination to run ${runId}`,
    });
  });

  it('sees the marks already recorded from earlier postings', () => {
    const afterFirstPosting = fold(attendanceSheetDecider, [recorded(mark())]);
    const { outcomes } = decideEach(
      attendanceSheetDecider,
      afterFirstPosting,
      attendanceMarkCommands(posting).slice(0, 1),
    );
    expect(outcomes.map(verdict)).toEqual([['already-recorded']]);
  });
});

describe('Điều chỉnh điểm danh (correction): a new event, never an edit', () => {
  it('corrects a status, keeping the previous one, who corrected it and why', () => {
    expect(given(attendanceSheetDecider, [recorded(mark({ status: 'absent' }))]).when(correct('excused'))).toEqual({
      events: [corrected('absent', 'excused')],
    });
  });

  it('carries the corrected session\'s date, so that a late correction is counted for the day it is about', () => {
    const command = correct('present');
    const withDate = { ...command, data: { ...command.data, sessionDate: '2027-05-10' } } as AttendanceSheetCommand;
    const expected = corrected('absent', 'present');
    expect(given(attendanceSheetDecider, [recorded(mark({ status: 'absent' }))]).when(withDate)).toEqual({
      events: [{ ...expected, data: { ...expected.data, sessionDate: '2027-05-10' } }],
    });
  });

  it('corrects from the status in force after an earlier correction', () => {
    const history = [recorded(mark({ status: 'absent' })), corrected('absent', 'excused')];
    expect(given(attendanceSheetDecider, history).when(correct('present', 'Signed in late on paper'))).toEqual({
      events: [corrected('excused', 'present', 'Signed in late on paper')],
    });
  });

  it('records nothing when the status is already the one asked for', () => {
    expect(given(attendanceSheetDecider, [recorded(mark())]).when(correct('present'))).toEqual({ events: [] });
  });

  it('requires the reason for a correction', () => {
    expect(given(attendanceSheetDecider, [recorded(mark())]).when(correct('late', '  '))).toEqual({
      violation: { rule: 'correction-states-reason', field: 'reason', kind: 'invalid' },
    });
  });

  it('cannot correct a mark never recorded', () => {
    expect(given(attendanceSheetDecider).when(correct('present'))).toEqual({
      violation: { rule: 'attendance-must-exist', field: 'traineeId', kind: 'not-found' },
    });
  });

  it('keeps treating the original posting as a duplicate after a correction', () => {
    const history = [recorded(mark({ status: 'absent' })), corrected('absent', 'excused')];
    expect(given(attendanceSheetDecider, history).when(post(mark({ status: 'absent' })))).toEqual({ events: [] });
  });
});

describe('The view of the run that marks are judged against', () => {
  it('is read from the course run stream: its status and every session, cancelled ones marked', () => {
    const runState = fold(courseRunDecider, [
      {
        type: 'CourseRunScheduled.v1',
        data: {
          runId,
          courseId: 'NEG-101',
          courseCode: 'NEG-101',
          level: 'universal',
          trainingGroup: 'skills-and-style',
          format: 'online',
          providerInstitutionId: 'DAV',
          hostAgencyId: null,
          venue: null,
          startDate: '2027-05-10',
          endDate: '2027-05-11',
          nominationDeadline: '2027-04-25',
          capacity: 30,
          agencyQuotas: [],
          waitlistPolicy: 'auto-approve',
          eligibleTargetGroups: ['regular'],
          eligibleRanks: ['specialist'],
          completionRule: {
            ruleVersion: 1,
            minAttendanceShare: '0.8000',
            excusedCountsAsAttended: false,
            assessmentRequired: false,
            passMark: null,
          },
          sessions: run.sessions.map(({ sessionId, startsAt, endsAt }) => ({
            sessionId,
            date: startsAt.slice(0, 10),
            startsAt,
            endsAt,
          })),
          lecturers: [],
        },
        metadata,
      },
      { type: 'CourseRunStarted.v1', data: { runId, startedOn: '2027-05-10' }, metadata },
      { type: 'SessionCancelled.v1', data: { runId, sessionId: 'S2', reason: 'Typhoon warning' }, metadata },
    ]);
    expect(attendanceRunView(runState)).toEqual(run);
  });

  it('does not exist for a run never scheduled', () => {
    expect(attendanceRunView(courseRunDecider.initialState())).toBeNull();
  });
});
