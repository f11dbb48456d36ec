import type { CourseRun } from '../course-runs/course-run.decider';
import { attendanceReadScope, rosterReadScope } from './who-may-read';

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
