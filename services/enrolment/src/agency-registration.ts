import { DomainRuleViolation } from '@training-ledger/decider';
import { loadStreamState, type EventStore } from '@training-ledger/event-store';
import { agencyDecider, agencyStreamName } from './agencies/agency.decider';

/** Records about an agency are refused until the agency itself is registered. */
export async function assertAgencyRegistered(store: EventStore, agencyId: string): Promise<void> {
  const { state } = await loadStreamState(store, agencyDecider, agencyStreamName(agencyId));
  if (state.status !== 'registered') {
    throw new DomainRuleViolation('agency-must-exist', `Agency ${agencyId} is not registered`, 'agencyId', 'not-found');
  }
}
