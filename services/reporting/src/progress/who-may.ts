import { isAgencyBound, type Role } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';

/* Who may read live progress, and how much of it, in one place: the route admits these roles. */

/** MOFA's office and the overseers read the nation's and every agency's figures; an agency's system its own. */
export const PROGRESS_READERS = ['programme-admin', 'evaluator', 'monitor', 'auditor', 'agency-integration'] as const satisfies readonly Role[];

/** The one agency whose figures `actor` sees (an agency-bound token's), or null when it sees the nation's and every agency's. */
export function progressAgencyOf(actor: Actor): { readonly agencyId: string | null } | null {
  return isAgencyBound(actor) ? { agencyId: actor.agencyId ?? null } : null;
}
