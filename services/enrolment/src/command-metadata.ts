import type { AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, fold, type MessageMetadata } from '@training-ledger/decider';
import type { EventStore } from '@training-ledger/event-store';
import { agencyDecider, type AgencyEvent, agencyStreamName } from './agencies/agency.decider';

/** Who asked, under which correlation id, and when it happened in the domain (now unless the caller says). */
export function commandMetadata(actor: AuthenticatedActor, correlationId: string, occurredAt?: string): MessageMetadata {
  return {
    correlationId,
    actor: { id: actor.id, roles: actor.roles, agencyId: actor.agencyId },
    occurredAt: occurredAt ? new Date(occurredAt).toISOString() : new Date().toISOString(),
  };
}

/** Records about an agency are refused until the agency itself is registered. */
export async function assertAgencyRegistered(store: EventStore, agencyId: string): Promise<void> {
  const history = await store.readStream(agencyStreamName(agencyId));
  if (fold(agencyDecider, history as unknown as AgencyEvent[]).status !== 'registered') {
    throw new DomainRuleViolation('agency-must-exist', `Agency ${agencyId} is not registered`, 'agencyId', 'not-found');
  }
}
