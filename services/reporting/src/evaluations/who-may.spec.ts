import { admittedBy } from '@training-ledger/auth';
import { EVALUATION_ISSUERS, EVALUATION_READERS, EVALUATION_REPLAYERS, POLICY_PUBLISHERS } from './who-may';

describe('who may issue, replay and read evaluations and publish policies', () => {
  it('gives each MOFA role and overseer its part', () => {
    expect(
      admittedBy({ issues: EVALUATION_ISSUERS, replays: EVALUATION_REPLAYERS, reads: EVALUATION_READERS, publishes: POLICY_PUBLISHERS }),
    ).toEqual({
      evaluator: ['issues', 'replays', 'reads'],
      auditor: ['replays', 'reads'],
      'programme-admin': ['reads', 'publishes'],
      monitor: ['reads'],
      certifier: [],
      'agency-integration': [],
      'institution-integration': [],
    });
  });
});
