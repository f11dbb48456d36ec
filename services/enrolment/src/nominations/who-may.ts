import { isAgencyBound, type Role } from '@training-ledger/auth';
import type { Actor, Refusal } from '@training-ledger/decider';

/*
 * Who may act on a nomination (cử cán bộ), in one place: the routes admit these roles, and the
 * decider asks these predicates about the actor and the nomination in hand.
 */

/** The agency's own system, for its own trainees; MOFA's programme office, for any agency (cử, and checking before cử). */
export const NOMINATORS = ['agency-integration', 'programme-admin'] as const satisfies readonly Role[];

/** The nominating agencies and the programme office, and those who evaluate, monitor and audit the programme. */
export const NOMINATION_READERS = [...NOMINATORS, 'evaluator', 'monitor', 'auditor'] as const satisfies readonly Role[];

/** The nominating agency's own system, for its nominations; MOFA's programme office, for any (say, at the agency's request). */
export const NOMINATION_WITHDRAWERS = ['agency-integration', 'programme-admin'] as const satisfies readonly Role[];

/** Approving, rejecting and waitlisting (duyệt, từ chối, danh sách chờ) are the programme office's alone. */
export const NOMINATION_DECIDERS = ['programme-admin'] as const satisfies readonly Role[];

/**
 * Null when `actor` may withdraw the nomination, else why not. A token bound to an agency acts for
 * that agency only, whatever other roles it holds, as everywhere else in the ledger.
 */
export function mayWithdrawNomination(
  actor: Actor,
  nomination: { readonly nominationId: string; readonly agencyId: string },
): Refusal | null {
  const admitted = isAgencyBound(actor) ? actor.agencyId === nomination.agencyId : actor.roles.includes('programme-admin');
  if (admitted) return null;
  return {
    rule: 'withdrawn-by-nominating-agency-or-programme-office',
    field: 'nominationId',
    kind: 'forbidden',
    reason: `Only agency ${nomination.agencyId}, which nominated, or MOFA's programme office may withdraw nomination ${nomination.nominationId}`,
  };
}
