import { ROLES, type Role } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';
import { EVALUATION_ISSUERS, EVALUATION_READERS, EVALUATION_REPLAYERS } from '../evaluations/who-may';
import { JOB_READERS, mayFollowJob } from './who-may';

const actor = (roles: Role[]): Actor => ({ id: 'someone', roles });

describe('who may follow an evaluation job', () => {
  it.each([
    ['an evaluator, an issue', actor(['evaluator']), EVALUATION_ISSUERS, true],
    ['an auditor, an issue', actor(['auditor']), EVALUATION_ISSUERS, false],
    ['an auditor, a replay', actor(['auditor']), EVALUATION_REPLAYERS, true],
    ['a monitor, a replay', actor(['monitor']), EVALUATION_REPLAYERS, false],
    ['a monitor, a restatement', actor(['monitor']), EVALUATION_READERS, true],
    ['the programme office, a restatement', actor(['programme-admin']), EVALUATION_READERS, true],
    ['the certifier, a restatement', actor(['certifier']), EVALUATION_READERS, false],
  ])('%s: %s', (_who, who, roles, may) => {
    expect(mayFollowJob(who, { roles })).toBe(may);
  });

  it.each(ROLES.map((role) => [role]))('admits %s at the job route exactly when it may ask for some job', (role) => {
    const asks = [EVALUATION_ISSUERS, EVALUATION_REPLAYERS, EVALUATION_READERS].some((roles) => mayFollowJob(actor([role]), { roles }));
    expect(JOB_READERS.includes(role)).toBe(asks);
  });
});
