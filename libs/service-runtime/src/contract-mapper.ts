import type { EventSchemas, TopicContract } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import type { IntegrationEventDraft, IntegrationEventMapper } from '@training-ledger/messaging';

/**
 * Publishes what a topic contract names, in the contract's shape: other event types stay private,
 * the fields the contract withholds (free text) stay in the log, and any other field the contract
 * does not list is stripped by its schema. An event that breaks its contract is set aside.
 * Services publish through their gateways (`publishedEvents`); this stays as the reference their
 * specs compare them with, to the byte.
 */
export function mapperForContract(contract: TopicContract<EventSchemas>): IntegrationEventMapper {
  return (event: RecordedEvent): IntegrationEventDraft | null => {
    if (!Object.hasOwn(contract.schemas, event.type)) return null;
    return { type: event.type, data: contract.schemas[event.type].parse(withoutWithheld(contract, event.type, event.data)) };
  };
}

/** The event's data without the fields its contract withholds from publication. */
export function withoutWithheld(contract: TopicContract<EventSchemas>, type: string, data: unknown): unknown {
  const withheld = contract.withheld[type];
  if (!withheld || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([field]) => !withheld.includes(field)));
}
