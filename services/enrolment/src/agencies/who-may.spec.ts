import { admittedBy } from '@training-ledger/auth';
import { AGENCY_REGISTRARS } from './who-may';

describe('who may register and rename agencies', () => {
  it('leaves the list of agencies to the programme office alone', () => {
    expect(admittedBy({ 'registers and renames': AGENCY_REGISTRARS })).toEqual({
      'programme-admin': ['registers and renames'],
      certifier: [],
      evaluator: [],
      'agency-integration': [],
      'institution-integration': [],
      monitor: [],
      auditor: [],
    });
  });
});
