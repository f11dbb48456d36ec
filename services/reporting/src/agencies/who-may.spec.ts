import { admittedBy } from '@training-ledger/auth';
import { DIRECTORY_READERS, directoryAgencyOf } from './who-may';

describe('who may read the agency directory', () => {
  it('lets the office, the overseers and an agency’s system read it', () => {
    expect(admittedBy({ 'reads the directory': DIRECTORY_READERS })).toEqual({
      'programme-admin': ['reads the directory'],
      evaluator: ['reads the directory'],
      monitor: ['reads the directory'],
      auditor: ['reads the directory'],
      'agency-integration': ['reads the directory'],
      certifier: [],
      'institution-integration': [],
    });
  });

  it('shows an agency’s system its own entry, everyone else every agency', () => {
    expect(directoryAgencyOf({ id: 'someone', roles: ['agency-integration'], agencyId: 'BTP' })).toBe('BTP');
    expect(directoryAgencyOf({ id: 'someone', roles: ['monitor'], agencyId: null })).toBeNull();
    expect(directoryAgencyOf({ id: 'someone', roles: ['monitor'] })).toBeNull();
  });
});
