import type { EventSchemas, TopicContract } from '@training-ledger/contracts';
import type { DomainEvent } from '@training-ledger/decider';
import { globalPosition, type RecordedEvent } from '@training-ledger/event-store';
import { publicationOf, type IntegrationEventMapper } from '@training-ledger/messaging';
import { mapperForContract } from '../contract-mapper';

const recordedMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: null,
  actor: { id: 'programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-04-20T08:00:00.000Z',
  recordedAt: '2027-04-20T08:00:00.120Z',
};

/** The event as a log holds it, at the given place. */
export function recordedAt(event: Pick<DomainEvent, 'type' | 'data'>, index: number): RecordedEvent {
  return {
    eventId: `3f0e1a52-8d7e-4a51-9e4b-${index.toString(16).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: recordedMetadata,
    streamName: 'stream-1',
    streamPosition: BigInt(index),
    globalPosition: globalPosition(1n, BigInt(index)),
  };
}

const isRecord = (data: unknown): data is Record<string, unknown> =>
  data !== null && typeof data === 'object' && !Array.isArray(data);

/**
 * The shapes a log may hold of one event: as decided, with a field no contract lists, without each
 * of its fields in turn (an event recorded before the field was carried), with each field null,
 * and data that is no object at all.
 */
export function shapesOf(event: Pick<DomainEvent, 'type' | 'data'>): Pick<DomainEvent, 'type' | 'data'>[] {
  const { type, data } = event;
  if (!isRecord(data)) return [event];
  const fields = Object.keys(data);
  return [
    event,
    { type, data: { ...data, unlistedField: 'Nguyễn Văn A' } },
    ...fields.map((field) => ({ type, data: Object.fromEntries(Object.entries(data).filter(([key]) => key !== field)) })),
    ...fields.map((field) => ({ type, data: { ...data, [field]: null } })),
    { type, data: null },
    { type, data: [data] },
    { type, data: 'text' },
  ];
}

/**
 * What the relay would make of each event with this mapper: the exact key and bytes it would send,
 * the fields it would refuse, or nothing for a private event. The span id a traceparent header
 * draws at random is left out.
 */
export function publicationsOf(service: string, mapper: IntegrationEventMapper, events: readonly RecordedEvent[]) {
  return events.map((event) => {
    const publication = publicationOf(service, mapper, event);
    if (publication.kind !== 'publishable') return { type: event.type, ...publication };
    const { key, value, headers } = publication.message;
    return { type: event.type, kind: publication.kind, key, value, headers: { ...headers, traceparent: undefined } };
  });
}

/** What every service's log holds beside its domain events: seals, and entries no decider decides. */
const logBookkeeping: Pick<DomainEvent, 'type' | 'data'>[] = [
  {
    type: 'LogSealed.v1',
    data: {
      service: 'a-service',
      sequence: 2,
      fromPosition: '0000000000000001:0000000000000001',
      throughPosition: '0000000000000001:0000000000000009',
      eventCount: 8,
      previousChainHash: 'a'.repeat(64),
      chainHash: 'b'.repeat(64),
      eventDigests: ['0123456789abcdef'],
    },
  },
  { type: 'EventSetAside.v1', data: { streamName: 'stream-1', problems: [{ field: 'data.runId', reason: 'Required' }] } },
  { type: 'IntegrationEventArchived.v1', data: { type: 'LogSealed.v1', data: {} } },
  { type: 'IntegrationEventsArchived.v1', data: { topic: 'a-topic', partition: 0, firstOffset: '0', lastOffset: '0', count: 1, messages: '[{"type":"LogSealed.v1","data":{}}]' } },
];

/**
 * What the relay publishes of the given domain events, of the log's own bookkeeping, and of every
 * shape of them a log may hold: `before` by the contract's names (`mapperForContract`), `after`
 * by the service's gateway; with the event types `before` published and how many it set aside, to
 * show that the comparison covers the contract.
 */
export function publicationsBeforeAndAfter(
  contract: TopicContract<EventSchemas>,
  gateway: IntegrationEventMapper,
  decided: readonly Pick<DomainEvent, 'type' | 'data'>[],
) {
  const events = [...decided, ...logBookkeeping].flatMap(shapesOf).map(recordedAt);
  const before = publicationsOf(contract.service, mapperForContract(contract), events);
  return {
    before,
    after: publicationsOf(contract.service, gateway, events),
    publishedTypes: new Set(before.filter((publication) => publication.kind === 'publishable').map((publication) => publication.type)),
    setAside: before.filter((publication) => publication.kind === 'unpublishable').length,
  };
}
