import type { Actor } from '@training-ledger/decider';
import type { Role } from './roles';

/** The decider's Actor, as established from a verified bearer token. */
export interface AuthenticatedActor extends Actor {
  readonly roles: readonly Role[];
  readonly agencyId: string | null;
  /** Present only for institution-integration tokens that name their institution. */
  readonly institutionId?: string;
}
