import type { CourseRun } from '../course-runs/course-run.state';
import { type Role, ROLES } from '@training-ledger/auth';
import type { Actor, Refusal } from '@training-ledger/decider';
import {
  ASSESSMENT_RECORDERS,
  ATTENDANCE_CORRECTORS,
  ATTENDANCE_POSTERS,
  ATTENDANCE_READERS,
  attendanceReadScope,
  feedbackAgencyOf,
  FEEDBACK_GIVERS,
  mayCorrectMarks,
  mayGiveFeedbackAs,
  mayGiveFeedbackOn,
  mayPostAttendance,
  mayPostMarks,
  mayRecordAssessment,
  noTraineeToRead,
  rosterReadScope,
} from './who-may';

const run = { status: 'started', providerInstitutionId: 'HVNG', hostAgencyId: 'HN' } as CourseRun;
const sending = ['BTP', 'HN'];
const agency = (agencyId: string) => ({ roles: ['agency-integration'], agencyId });
const institution = (institutionId: string) => ({ roles: ['institution-integration'], institutionId });

describe('who may read a run’s attendance (bảng điểm danh)', () => {
  it.each([
    ['programme-admin', { roles: ['programme-admin'] }, { kind: 'whole-run' }, { kind: 'whole-run' }],
    ['monitor', { roles: ['monitor'] }, { kind: 'whole-run' }, { kind: 'whole-run' }],
    ['auditor', { roles: ['auditor'] }, { kind: 'whole-run' }, { kind: 'whole-run' }],
    ['evaluator', { roles: ['evaluator'] }, { kind: 'whole-run' }, { kind: 'whole-run' }],
    ['the delivering institution', institution('HVNG'), { kind: 'whole-run' }, { kind: 'whole-run' }],
    ['another institution', institution('DAV'), { kind: 'none' }, { kind: 'none' }],
    ['a sending agency', agency('BTP'), { kind: 'own-agency', agencyId: 'BTP' }, { kind: 'own-agency', agencyId: 'BTP' }],
    ['the host agency, which posts for the whole class', agency('HN'), { kind: 'own-agency', agencyId: 'HN' }, { kind: 'whole-run' }],
    ['an agency with nobody in the run', agency('BNV'), { kind: 'none' }, { kind: 'none' }],
    ['a certifier', { roles: ['certifier'] }, { kind: 'none' }, { kind: 'none' }],
  ])('%s', (_who, actor, marks, roster) => {
    expect(attendanceReadScope(run, actor, sending)).toEqual(marks);
    expect(rosterReadScope(run, actor, sending)).toEqual(roster);
  });

  it('lets a host with no trainee of its own read the roster it posts for, but no marks but its own', () => {
    expect(attendanceReadScope(run, agency('HN'), ['BTP'])).toEqual({ kind: 'own-agency', agencyId: 'HN' });
    expect(rosterReadScope(run, agency('HN'), ['BTP'])).toEqual({ kind: 'whole-run' });
  });
});

const office = (role: Role) => ({ roles: [role] });
const refusedBy = (refusal: Refusal | null) => refusal?.rule ?? null;

describe('who may post and correct a run’s marks (điểm danh)', () => {
  it.each([
    ['the delivering institution', institution('HVNG'), null, null],
    ['the host agency', agency('HN'), null, null],
    ['another institution', institution('DAV'), 'attendance-poster-of-run', 'attendance-poster-of-run'],
    ['a sending agency that does not host', agency('BTP'), 'attendance-poster-of-run', 'attendance-poster-of-run'],
    ['an institution token naming no institution', { roles: ['institution-integration'] }, 'attendance-poster-of-run', 'attendance-poster-of-run'],
    ['MOFA’s programme office, which corrects but does not post', office('programme-admin'), 'attendance-poster-of-run', null],
    ['the certifier', office('certifier'), 'attendance-poster-of-run', 'attendance-poster-of-run'],
    ['an auditor', office('auditor'), 'attendance-poster-of-run', 'attendance-poster-of-run'],
  ])('%s', (_who, actor, posting, correcting) => {
    expect(refusedBy(mayPostMarks(run, 'R-1', actor))).toBe(posting);
    expect(refusedBy(mayCorrectMarks(run, 'R-1', actor))).toBe(correcting);
  });

  it('refuses a run not scheduled to everyone but the office correcting', () => {
    const unscheduled = { status: 'unscheduled' } as const;
    expect(refusedBy(mayPostMarks(unscheduled, 'R-1', institution('HVNG')))).toBe('attendance-poster-of-run');
    expect(mayCorrectMarks(unscheduled, 'R-1', office('programme-admin'))).toBeNull();
  });

  it('answers a refusal as data naming the rule, the field and who may', () => {
    expect(mayPostMarks(run, 'R-1', agency('BTP'))).toEqual({
      rule: 'attendance-poster-of-run',
      field: 'runId',
      kind: 'forbidden',
      reason: 'Only the system of the institution delivering run R-1 or of the agency hosting it posts its attendance',
    });
  });
});

describe('who may record a run’s assessments (kết quả đánh giá)', () => {
  it.each([
    ['MOFA’s programme office', office('programme-admin'), null],
    ['the delivering institution', institution('HVNG'), null],
    ['another institution', institution('DAV'), 'assessor-of-run'],
    ['the host agency', agency('HN'), 'assessor-of-run'],
  ])('%s', (_who, actor, refusal) => {
    expect(refusedBy(mayRecordAssessment(run, 'R-1', actor))).toBe(refusal);
  });
});

describe('who may give feedback on a run (phản hồi)', () => {
  const actor = (roles: Role[], agencyId: string | null = null): Actor => ({ id: 'someone', roles, agencyId });
  it.each([
    ['an agency naming no agency: its own', actor(['agency-integration'], 'BTP'), undefined, 'BTP', null],
    ['an agency naming itself', actor(['agency-integration'], 'BTP'), 'BTP', 'BTP', null],
    ['an agency naming another', actor(['agency-integration'], 'BTP'), 'HN', 'BTP', 'agency-access'],
    ['the office naming an agency', actor(['programme-admin']), 'HN', 'HN', null],
    ['the office naming none', actor(['programme-admin']), undefined, undefined, null],
  ])('%s', (_who, who, named, from, refusal) => {
    expect(feedbackAgencyOf(who, named)).toBe(from);
    expect(refusedBy(mayGiveFeedbackAs(who, named))).toBe(refusal);
  });

  it('takes feedback only from an agency that sent an approved trainee', () => {
    expect(mayGiveFeedbackOn('R-1', 'BTP', sending)).toBeNull();
    expect(mayGiveFeedbackOn('R-1', 'BNV', sending)).toEqual({
      rule: 'feedback-from-sending-agency',
      field: 'agencyId',
      kind: 'forbidden',
      reason: 'Agency BNV sent no approved trainee to run R-1',
    });
  });

  it('refuses a reader with nothing of the run to read', () => {
    expect(noTraineeToRead('R-1')).toEqual({ rule: 'attendance-reader-of-run', field: 'runId', kind: 'forbidden', reason: "Run R-1 has no trainee of this caller's to read" });
  });
});

describe('the roles the attendance routes admit', () => {
  /** A token of the role bound to the run's host agency and delivering institution: the most any token of it can be. */
  const bestPlaced = (role: Role) => ({ roles: [role], agencyId: 'HN', institutionId: role === 'institution-integration' ? 'HVNG' : undefined });

  it.each(ROLES.map((role) => [role]))('admits %s exactly where a rule can admit it', (role) => {
    const actor = bestPlaced(role);
    expect((ATTENDANCE_POSTERS as readonly Role[]).includes(role)).toBe(mayPostAttendance(run, actor));
    expect((ATTENDANCE_CORRECTORS as readonly Role[]).includes(role)).toBe(mayCorrectMarks(run, 'R-1', actor) === null);
    expect((ASSESSMENT_RECORDERS as readonly Role[]).includes(role)).toBe(mayRecordAssessment(run, 'R-1', actor) === null);
    expect((ATTENDANCE_READERS as readonly Role[]).includes(role)).toBe(attendanceReadScope(run, actor, sending).kind !== 'none');
  });

  it('takes feedback from an agency’s system or the office on its behalf', () => {
    expect(FEEDBACK_GIVERS).toEqual(['agency-integration', 'programme-admin']);
  });
});
