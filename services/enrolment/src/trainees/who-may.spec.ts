import { admittedBy, type Role } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';
import { actingAgency, mayChangeTrainee, mayReadPersonalData, TRAINEE_KEEPERS, TRAINEE_READERS, transferActingAgency } from './who-may';

const actor = (roles: Role[], agencyId: string | null = null): Actor => ({ id: 'someone', roles, agencyId });

describe('who may keep and read trainees (học viên)', () => {
  it('lets an agency and the programme office keep trainees, and the overseers read them', () => {
    expect(admittedBy({ keeps: TRAINEE_KEEPERS, reads: TRAINEE_READERS })).toEqual({
      'agency-integration': ['keeps', 'reads'],
      'programme-admin': ['keeps', 'reads'],
      evaluator: ['reads'],
      monitor: ['reads'],
      auditor: ['reads'],
      certifier: [],
      'institution-integration': [],
    });
  });

  it.each(TRAINEE_READERS.map((role) => [role]))('shows %s names and dates of birth exactly when it keeps trainees', (role) => {
    expect(mayReadPersonalData(actor([role], 'BTP'))).toBe((TRAINEE_KEEPERS as readonly Role[]).includes(role));
  });
});

describe('which agency an actor changes a trainee for', () => {
  const trainee = { traineeId: 'T-1', agencyId: 'BTP', lastTransfer: null };

  it.each([
    ['the trainee’s agency, for itself', actor(['agency-integration'], 'BTP'), 'BTP', null],
    ['another agency, for itself, and is refused', actor(['agency-integration'], 'HN'), 'HN', 'trainee-belongs-to-agency'],
    ['an agency token naming no agency, for none', actor(['agency-integration']), '', 'trainee-belongs-to-agency'],
    ['the programme office, for the trainee’s agency', actor(['programme-admin']), 'BTP', null],
    ['a token mixing the office with another agency, for that agency', actor(['programme-admin', 'agency-integration'], 'HN'), 'HN', 'trainee-belongs-to-agency'],
  ])('%s', (_who, who, acting, refusal) => {
    expect(actingAgency(who, trainee.agencyId)).toBe(acting);
    expect(mayChangeTrainee(trainee, acting)?.rule ?? null).toBe(refusal);
  });

  it('lets the office resend a transfer it made, for the agency the trainee left', () => {
    const moved = { agencyId: 'HN', lastTransfer: { fromAgencyId: 'BTP', toAgencyId: 'HN', effectiveFrom: '2027-01-01' } };
    const again = { toAgencyId: 'HN', effectiveFrom: '2027-01-01' };
    expect(transferActingAgency(actor(['programme-admin']), moved, again)).toBe('BTP');
    expect(transferActingAgency(actor(['agency-integration'], 'BTP'), moved, again)).toBe('BTP');
    expect(transferActingAgency(actor(['programme-admin']), moved, { toAgencyId: 'BNV', effectiveFrom: '2027-02-01' })).toBe('HN');
  });

  it('answers a refusal as data naming the rule, the field and the agency', () => {
    expect(mayChangeTrainee(trainee, 'HN')).toEqual({
      rule: 'trainee-belongs-to-agency',
      field: 'traineeId',
      kind: 'forbidden',
      reason: 'Trainee T-1 does not belong to agency HN',
    });
  });
});
