import { admittedBy, type Role, ROLES } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';
import { mayWithdrawNomination, NOMINATION_DECIDERS, NOMINATION_READERS, NOMINATION_WITHDRAWERS, NOMINATORS } from './who-may';

const ofJustice = { nominationId: 'N-0001', agencyId: 'BTP' };
const actor = (roles: Role[], agencyId: string | null = null): Actor => ({ id: 'someone', roles, agencyId });

describe('who may withdraw a nomination (rút cử)', () => {
  it.each([
    ["the nominating agency's system", actor(['agency-integration'], 'BTP'), true],
    ["MOFA's programme office, for any agency", actor(['programme-admin']), true],
    ["another agency's system", actor(['agency-integration'], 'HN'), false],
    ['an agency system whose token names no agency', actor(['agency-integration']), false],
    ["a token mixing the programme office with another agency's system, read as that agency's", actor(['programme-admin', 'agency-integration'], 'HN'), false],
    ['a token mixing the programme office with the nominating agency’s system', actor(['programme-admin', 'agency-integration'], 'BTP'), true],
    ['the certifier', actor(['certifier']), false],
    ['an evaluator', actor(['evaluator']), false],
    ['a training institution', actor(['institution-integration']), false],
    ['the Ministry of Home Affairs, monitoring', actor(['monitor']), false],
    ['an auditor', actor(['auditor']), false],
    ['a token with no role', actor([]), false],
  ])('%s: %s', (_, who, may) => {
    expect(mayWithdrawNomination(who, ofJustice) === null).toBe(may);
  });

  it('answers a refusal as data naming the rule, the field and the agency that may', () => {
    expect(mayWithdrawNomination(actor(['agency-integration'], 'HN'), ofJustice)).toEqual({
      rule: 'withdrawn-by-nominating-agency-or-programme-office',
      field: 'nominationId',
      kind: 'forbidden',
      reason: "Only agency BTP, which nominated, or MOFA's programme office may withdraw nomination N-0001",
    });
  });

  it.each(ROLES.map((role) => [role]))('admits %s at the withdraw route exactly when the rule can admit it', (role) => {
    const couldWithdraw = mayWithdrawNomination(actor([role], 'BTP'), ofJustice) === null;
    expect((NOMINATION_WITHDRAWERS as readonly Role[]).includes(role)).toBe(couldWithdraw);
  });

  it('leaves approving, rejecting and waitlisting to the programme office alone', () => {
    expect(NOMINATION_DECIDERS).toEqual(['programme-admin']);
  });
});

describe('who may nominate and read nominations (cử cán bộ)', () => {
  it('lets agencies and the programme office nominate, the programme office alone decide, and the overseers read', () => {
    expect(admittedBy({ nominates: NOMINATORS, decides: NOMINATION_DECIDERS, withdraws: NOMINATION_WITHDRAWERS, reads: NOMINATION_READERS })).toEqual({
      'agency-integration': ['nominates', 'withdraws', 'reads'],
      'programme-admin': ['nominates', 'decides', 'withdraws', 'reads'],
      evaluator: ['reads'],
      monitor: ['reads'],
      auditor: ['reads'],
      certifier: [],
      'institution-integration': [],
    });
  });
});
