import { currentTime } from '../clock/simulated-time';
import type { AuthenticatedActor } from '@training-ledger/auth';
import type { MessageMetadata } from '@training-ledger/decider';

/**
 * What a command carries besides its data: who asked, under which correlation id, and when it
 * happened in the domain — now, unless the caller states the time.
 */
export function commandMetadata(actor: AuthenticatedActor, correlationId: string, occurredAt?: string): MessageMetadata {
  return {
    correlationId,
    actor: { id: actor.id, roles: actor.roles, agencyId: actor.agencyId },
    occurredAt: (occurredAt ? new Date(occurredAt) : currentTime()).toISOString(),
  };
}
