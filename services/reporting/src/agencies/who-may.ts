import type { Role } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';

/* Who may read reporting's agency directory, and which of its agencies, in one place: the route admits these roles. */

/** MOFA's office and the overseers read the whole directory; an agency's system reads its own entry. */
export const DIRECTORY_READERS = ['programme-admin', 'evaluator', 'monitor', 'auditor', 'agency-integration'] as const satisfies readonly Role[];

/** The one agency a caller's token names, whose entry alone it reads; null when it reads every agency. */
export function directoryAgencyOf(actor: Actor): string | null {
  return actor.agencyId ? actor.agencyId : null;
}
