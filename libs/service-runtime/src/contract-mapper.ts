import type { EventSchemas, TopicContract } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import type { IntegrationEventDraft, IntegrationEventMapper } from '@training-ledger/messaging';

/**
 * Publishes what a topic contract names, in the contract's shape: other event types stay private,
 * and fields the contract does not list (personal data among them) are stripped by its schema.
 * An event that breaks its contract stops the relay rather than leaving the service malformed.
 */
export function mapperForContract(contract: TopicContract<EventSchemas>): IntegrationEventMapper {
  return (event: RecordedEvent): IntegrationEventDraft | null => {
    if (!Object.hasOwn(contract.schemas, event.type)) return null;
    return { type: event.type, data: contract.schemas[event.type].parse(event.data) };
  };
}
