import { DomainRuleViolation, fold } from '@training-ledger/decider';
import type { EventStore } from '@training-ledger/event-store';
import { agencyDecider, type AgencyEvent, agencyStreamName } from './agencies/agency.decider';

/** Records about an agency are refused until the agency itself is registered. */
export async function assertAgencyRegistered(store: EventStore, agencyId: string): Promise<void> {
  const history = await store.readStream(agencyStreamName(agencyId));
  if (fold(agencyDecider, history as unknown as AgencyEvent[]).status !== 'registered') {
    throw new DomainRuleViolation('agency-must-exist', `Agency ${agencyId} is not registered`, 'agencyId', 'not-found');
  }
}
