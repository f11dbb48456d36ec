import type { Actor } from '@training-ledger/decider';
import { maySeeHolderDetails } from './who-may-see-holders';

const actor = (roles: string[], agencyId: string | null = null): Actor => ({ id: 'someone', roles, agencyId });

describe('who may see what identifies a certificate’s holder', () => {
  it.each([
    ['certifier', actor(['certifier']), true],
    ['programme office', actor(['programme-admin']), true],
    ['the holder’s own agency', actor(['agency-integration'], 'BTP'), true],
    ['another agency', actor(['agency-integration'], 'BNV'), false],
    ['an agency token that also claims the programme office', actor(['agency-integration', 'programme-admin'], 'BNV'), false],
    ['evaluator', actor(['evaluator']), false],
    ['monitor', actor(['monitor']), false],
    ['auditor', actor(['auditor']), false],
    ['a training institution', actor(['institution-integration']), false],
    ['no role', actor([]), false],
  ])('%s', (_who, who, expected) => {
    expect(maySeeHolderDetails(who, 'BTP')).toBe(expected);
  });
});
