import { hasRole, isAgencyBound, type Role } from '@training-ledger/auth';
import type { Actor, Refusal } from '@training-ledger/decider';

/*
 * Who may issue, revoke, reissue and read certificates (chứng nhận bồi dưỡng), in one place: the
 * routes admit these roles, and the list asks these predicates whose certificates it shows and to
 * whom it shows their holders.
 */

/** Issuing, revoking and reissuing are MOFA's certifying authority's alone. */
export const CERTIFIERS = ['certifier'] as const satisfies readonly Role[];

/** The certifier's worklist and the eligibility preview: the certifier, and the programme office that follows it. */
export const WORKLIST_READERS = ['certifier', 'programme-admin'] as const satisfies readonly Role[];

/** Every MOFA role and the overseers, who count certificates, and an agency's system, for its own. */
export const CERTIFICATE_READERS = ['certifier', 'programme-admin', 'evaluator', 'monitor', 'auditor', 'agency-integration'] as const satisfies readonly Role[];

/**
 * Who may see what identifies a certificate's holder (the printed name, the verification code that
 * opens the full public answer, the certifier's own words on a revocation): MOFA's certifiers and
 * programme office, and the holder's own agency. Evaluators, monitors and auditors count
 * certificates; they never need to know whose they are.
 */
export function maySeeHolderDetails(actor: Actor, certificateAgencyId: string): boolean {
  if (isAgencyBound(actor)) return actor.agencyId === certificateAgencyId;
  return hasRole(actor, 'certifier') || hasRole(actor, 'programme-admin');
}

/** Null when `actor` may list the certificates of the agency it asks for: an agency's system asks for its own only. */
export function mayListCertificatesOf(actor: Actor, agencyId: string | undefined): Refusal | null {
  if (!isAgencyBound(actor) || agencyId === undefined || agencyId === actor.agencyId) return null;
  return { rule: 'own-agency-only', field: 'agencyId', kind: 'forbidden', reason: 'An agency sees only its own certificates' };
}

/** Whose certificates a list shows: an agency's system sees its own agency's, others the agency they ask for, if any. */
export function listedAgency(actor: Actor, agencyId: string | undefined): string | null | undefined {
  return isAgencyBound(actor) ? actor.agencyId : agencyId;
}
