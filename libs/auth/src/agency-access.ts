import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@training-ledger/decider';
import { isAgencyBound } from './roles';

/**
 * An agency-bound actor may only read or write its own agency's records. Other roles pass here;
 * what they may do is decided by `@Roles` on the route.
 */
export function assertAgencyAccess(actor: Actor, agencyId: string): void {
  if (isAgencyBound(actor) && actor.agencyId !== agencyId) {
    throw new ForbiddenException(`This token is bound to agency ${actor.agencyId ?? '(none)'} and cannot act on agency ${agencyId}`);
  }
}
