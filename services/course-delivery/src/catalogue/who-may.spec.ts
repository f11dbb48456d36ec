import { admittedBy } from '@training-ledger/auth';
import { CATALOGUE_EDITORS, CATALOGUE_READERS } from './who-may';

describe('who may define and read the course catalogue (danh mục khóa bồi dưỡng)', () => {
  it('lets the programme office define courses and their completion rules, and every role read', () => {
    expect(admittedBy({ 'defines courses': CATALOGUE_EDITORS, 'reads the catalogue': CATALOGUE_READERS })).toEqual({
      'programme-admin': ['defines courses', 'reads the catalogue'],
      certifier: ['reads the catalogue'],
      evaluator: ['reads the catalogue'],
      'agency-integration': ['reads the catalogue'],
      'institution-integration': ['reads the catalogue'],
      monitor: ['reads the catalogue'],
      auditor: ['reads the catalogue'],
    });
  });
});
