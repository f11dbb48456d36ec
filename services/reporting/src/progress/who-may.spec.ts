import { admittedBy } from '@training-ledger/auth';
import { PROGRESS_READERS, progressAgencyOf } from './who-may';

describe('who may read live progress', () => {
  it('lets the office and the overseers read the nation’s figures, and an agency’s system its own', () => {
    expect(admittedBy({ 'reads progress': PROGRESS_READERS })).toEqual({
      'programme-admin': ['reads progress'],
      evaluator: ['reads progress'],
      monitor: ['reads progress'],
      auditor: ['reads progress'],
      'agency-integration': ['reads progress'],
      certifier: [],
      'institution-integration': [],
    });
  });

  it.each([
    ['an agency’s system: its own figures', ['agency-integration'], 'BTP', { agencyId: 'BTP' }],
    ['an agency token naming no agency: nobody’s', ['agency-integration'], null, { agencyId: null }],
    ['a token mixing the office with an agency: that agency’s', ['programme-admin', 'agency-integration'], 'BTP', { agencyId: 'BTP' }],
    ['the monitor: the nation’s and every agency’s', ['monitor'], null, null],
  ])('%s', (_who, roles, agencyId, scope) => {
    expect(progressAgencyOf({ id: 'someone', roles, agencyId })).toEqual(scope);
  });
});
