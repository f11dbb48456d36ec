import { admittedBy, ROLES, type Role } from '@training-ledger/auth';
import { maySeeHolderDetails } from '../certificates/who-may';
import { HOLDER_DOCUMENT_READERS } from './who-may';

describe('who may fetch a certificate’s credential and printable PDF', () => {
  it('lets the certifier, the programme office and the holder’s agency fetch them', () => {
    expect(admittedBy({ fetches: HOLDER_DOCUMENT_READERS })).toEqual({
      certifier: ['fetches'],
      'programme-admin': ['fetches'],
      'agency-integration': ['fetches'],
      evaluator: [],
      monitor: [],
      auditor: [],
      'institution-integration': [],
    });
  });

  it.each(ROLES.map((role) => [role]))('admits %s exactly when it may see the holder of its own agency’s certificate', (role) => {
    const mayName = maySeeHolderDetails({ id: 'someone', roles: [role], agencyId: 'BTP' }, 'BTP');
    expect((HOLDER_DOCUMENT_READERS as readonly Role[]).includes(role)).toBe(mayName);
  });
});
