import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@training-ledger/decider';
import { assertAgencyAccess } from './agency-access';
import { isAgencyBound, isReadOnly, isRole } from './roles';

const actor = (roles: string[], agencyId: string | null = null): Actor => ({ id: 'someone', roles, agencyId });

describe('roles', () => {
  it('knows its roles and nothing else', () => {
    expect(isRole('certifier')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(42)).toBe(false);
  });

  it('reads monitor and auditor as read-only, unless a writing role comes with them', () => {
    expect(isReadOnly(actor(['monitor']))).toBe(true);
    expect(isReadOnly(actor(['auditor', 'monitor']))).toBe(true);
    expect(isReadOnly(actor(['auditor', 'evaluator']))).toBe(false);
    expect(isReadOnly(actor(['programme-admin']))).toBe(false);
    expect(isReadOnly(actor([]))).toBe(false);
  });

  it('binds agency-integration to its agency, even next to an office role', () => {
    expect(isAgencyBound(actor(['agency-integration'], 'BTC'))).toBe(true);
    expect(isAgencyBound(actor(['agency-integration', 'programme-admin'], 'BTC'))).toBe(true);
    expect(isAgencyBound(actor(['institution-integration']))).toBe(false);
  });
});

describe('assertAgencyAccess', () => {
  it('lets an agency system act on its own agency only', () => {
    expect(() => assertAgencyAccess(actor(['agency-integration'], 'BTC'), 'BTC')).not.toThrow();
    expect(() => assertAgencyAccess(actor(['agency-integration'], 'BTC'), 'HN')).toThrow(ForbiddenException);
  });

  it('refuses an agency-bound actor that names no agency', () => {
    expect(() => assertAgencyAccess(actor(['agency-integration'], null), 'HN')).toThrow(ForbiddenException);
  });

  it('leaves roles that are not agency-bound to @Roles', () => {
    for (const roles of [['programme-admin'], ['monitor'], ['auditor'], ['institution-integration']]) {
      expect(() => assertAgencyAccess(actor(roles, 'BNV'), 'HN')).not.toThrow();
    }
  });
});
