import { hasRole, isAgencyBound } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';

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
