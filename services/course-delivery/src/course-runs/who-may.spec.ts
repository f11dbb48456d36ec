import { admittedBy, ROLES } from '@training-ledger/auth';
import { RUN_PLANNERS, RUN_READERS } from './who-may';

describe('who may plan and read course runs (khóa bồi dưỡng)', () => {
  it('lets the programme office plan, and every role read', () => {
    expect(admittedBy({ plans: RUN_PLANNERS, reads: RUN_READERS })).toEqual({
      'programme-admin': ['plans', 'reads'],
      certifier: ['reads'],
      evaluator: ['reads'],
      'agency-integration': ['reads'],
      'institution-integration': ['reads'],
      monitor: ['reads'],
      auditor: ['reads'],
    });
    expect(RUN_READERS).toEqual(ROLES);
  });
});
