import { admittedBy } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';
import { CERTIFICATE_READERS, CERTIFIERS, listedAgency, mayListCertificatesOf, maySeeHolderDetails, WORKLIST_READERS } from './who-may';

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

describe('who may issue, revoke, reissue and read certificates', () => {
  it('leaves issuing to the certifier, the worklist to it and the programme office, and lets the overseers and agencies read', () => {
    expect(admittedBy({ issues: CERTIFIERS, 'follows the worklist': WORKLIST_READERS, reads: CERTIFICATE_READERS })).toEqual({
      certifier: ['issues', 'follows the worklist', 'reads'],
      'programme-admin': ['follows the worklist', 'reads'],
      evaluator: ['reads'],
      monitor: ['reads'],
      auditor: ['reads'],
      'agency-integration': ['reads'],
      'institution-integration': [],
    });
  });
});

describe('whose certificates a list shows', () => {
  it.each([
    ['an agency asking for none: its own', actor(['agency-integration'], 'BTP'), undefined, 'BTP', null],
    ['an agency asking for its own', actor(['agency-integration'], 'BTP'), 'BTP', 'BTP', null],
    ['an agency asking for another’s: refused', actor(['agency-integration'], 'BTP'), 'HN', 'BTP', 'own-agency-only'],
    ['the certifier asking for an agency', actor(['certifier']), 'HN', 'HN', null],
    ['a monitor asking for none: every agency', actor(['monitor']), undefined, undefined, null],
  ])('%s', (_who, who, asked, listed, refusal) => {
    expect(listedAgency(who, asked)).toBe(listed);
    expect(mayListCertificatesOf(who, asked)?.rule ?? null).toBe(refusal);
  });

  it('answers a refusal as data', () => {
    expect(mayListCertificatesOf(actor(['agency-integration'], 'BTP'), 'HN')).toEqual({
      rule: 'own-agency-only',
      field: 'agencyId',
      kind: 'forbidden',
      reason: 'An agency sees only its own certificates',
    });
  });
});
