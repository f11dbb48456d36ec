import type { AttendanceStatus, CompletionRule } from '@training-ledger/contracts';
import type { CourseRun, TimetabledSession } from '../course-runs/course-run.state';
import { attendanceShare, heldSessionIds } from './attendance-share';

const session = (sessionId: string, startsAt: string, cancelled = false): TimetabledSession => ({
  sessionId,
  date: startsAt.slice(0, 10),
  startsAt,
  endsAt: startsAt.replace('T08:00', 'T11:30'),
  cancelled,
});

const week = [
  session('D1-AM', '2027-05-10T08:00:00+07:00'),
  session('D2-AM', '2027-05-11T08:00:00+07:00'),
  session('D3-AM', '2027-05-12T08:00:00+07:00', true),
  session('D4-AM', '2027-05-13T08:00:00+07:00'),
];
const rule = (overrides: Partial<CompletionRule> = {}): CompletionRule => ({
  ruleVersion: 1,
  minAttendanceShare: '0.8000',
  excusedCountsAsAttended: false,
  assessmentRequired: false,
  passMark: null,
  ...overrides,
});
const run = (completionRule = rule(), status: CourseRun['status'] = 'started') => ({ status, sessions: week, completionRule });
const marked = (...statuses: [string, AttendanceStatus][]) => statuses.map(([sessionId, status]) => ({ sessionId, status }));
const approvedTrainee = (marks: ReturnType<typeof marked>, assessmentPassed?: boolean) => ({ marks, assessmentPassed, nominationApproved: true });
const afterTheRun = Date.parse('2027-05-20T00:00:00Z');

describe('attendance share (tỷ lệ tham dự) and completion, as certification will judge them', () => {
  it('counts present and late over the sessions held, leaving out cancelled and future sessions', () => {
    const trainee = approvedTrainee(marked(['D1-AM', 'present'], ['D2-AM', 'late'], ['D3-AM', 'present'], ['D4-AM', 'present']));
    const wednesdayEvening = Date.parse('2027-05-12T18:00:00+07:00');
    expect(attendanceShare(run(), trainee, wednesdayEvening)).toMatchObject({ sessionsHeld: 2, sessionsAttended: 2, share: '1.0000', completed: true });
    expect(attendanceShare(run(), trainee, afterTheRun)).toMatchObject({ sessionsHeld: 3, sessionsAttended: 3, share: '1.0000', completed: true });
  });

  it('holds every session not cancelled once the run is completed, as its completion event states them', () => {
    const completingMorning = Date.parse('2027-05-13T07:00:00+07:00');
    expect(heldSessionIds(run(rule(), 'started'), completingMorning)).toEqual(['D1-AM', 'D2-AM']);
    expect(heldSessionIds(run(rule(), 'completed'), completingMorning)).toEqual(['D1-AM', 'D2-AM', 'D4-AM']);
  });

  it('rounds 2 of 3 sessions down to 0.6666, so a rule of 0.6667 is not met', () => {
    const trainee = approvedTrainee(marked(['D1-AM', 'present'], ['D2-AM', 'present'], ['D4-AM', 'absent']));
    expect(attendanceShare(run(rule({ minAttendanceShare: '0.6667' })), trainee, afterTheRun)).toEqual({
      ruleVersion: 1,
      sessionsHeld: 3,
      sessionsAttended: 2,
      share: '0.6666',
      meetsAttendance: false,
      assessmentPassed: null,
      completed: false,
      reasons: ['attended 2 of 3 sessions (0.6666), below the required 0.6667'],
      minAttendanceShare: '0.6667',
      excusedCountsAsAttended: false,
      assessmentRequired: false,
    });
  });

  it('counts an excused absence as attended only when the rule says so', () => {
    const trainee = approvedTrainee(marked(['D1-AM', 'absent'], ['D2-AM', 'excused'], ['D4-AM', 'late']));
    expect(attendanceShare(run(), trainee, afterTheRun)).toMatchObject({ sessionsAttended: 1, share: '0.3333', meetsAttendance: false });
    expect(attendanceShare(run(rule({ excusedCountsAsAttended: true, minAttendanceShare: '0.6666' })), trainee, afterTheRun)).toMatchObject({
      sessionsAttended: 2,
      share: '0.6666',
      meetsAttendance: true,
      completed: true,
    });
  });

  it('is zero and not completed before any session is held', () => {
    expect(attendanceShare(run(), approvedTrainee([]), Date.parse('2027-05-01T00:00:00Z'))).toMatchObject({
      sessionsHeld: 0,
      sessionsAttended: 0,
      share: '0.0000',
      meetsAttendance: false,
      completed: false,
      reasons: ['no session of the run was held'],
    });
  });

  it('completes only with the assessment passed when the rule requires one, an approved nomination and a run not cancelled', () => {
    const fullWeek = marked(['D1-AM', 'present'], ['D2-AM', 'present'], ['D4-AM', 'present']);
    const assessed = run(rule({ assessmentRequired: true, passMark: 50 }));
    expect(attendanceShare(assessed, approvedTrainee(fullWeek), afterTheRun)).toMatchObject({ completed: false, assessmentPassed: false, assessmentRequired: true });
    expect(attendanceShare(assessed, approvedTrainee(fullWeek, true), afterTheRun)).toMatchObject({ completed: true, assessmentPassed: true });
    expect(attendanceShare(run(), { marks: fullWeek, assessmentPassed: undefined, nominationApproved: false }, afterTheRun)).toMatchObject({
      meetsAttendance: true,
      completed: false,
      reasons: ['the nomination is no longer approved'],
    });
    expect(attendanceShare(run(rule(), 'cancelled'), approvedTrainee(fullWeek), afterTheRun)).toMatchObject({ completed: false, reasons: ['the run was cancelled'] });
  });
});
