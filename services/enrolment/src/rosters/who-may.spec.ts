import { admittedBy } from '@training-ledger/auth';
import { ROSTER_KEEPERS, ROSTER_READERS } from './who-may';

describe('who may file and read staff rosters (danh sách cán bộ)', () => {
  it('lets an agency and the programme office file, and the overseers read', () => {
    expect(admittedBy({ files: ROSTER_KEEPERS, reads: ROSTER_READERS })).toEqual({
      'agency-integration': ['files', 'reads'],
      'programme-admin': ['files', 'reads'],
      evaluator: ['reads'],
      monitor: ['reads'],
      auditor: ['reads'],
      certifier: [],
      'institution-integration': [],
    });
  });
});
