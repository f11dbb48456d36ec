import type { EventStore, GlobalPosition, RecordedEvent } from '@training-ledger/event-store';
import type { DigestedMessage, EvaluationEvent } from '../evaluation-core';
import { vietnameseDate } from '@training-ledger/platform';
import { type ArchivedIntegrationEvent, INBOX_CATEGORY } from './inbox';

const PAGE = 5_000;

export interface InboxPartition {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  readonly events: ArchivedIntegrationEvent[];
  lastRevision: bigint | null;
}

/**
 * Key-sorted JSON with numbers as ECMAScript writes them (the shortest round trip, the same on every
 * engine): the bytes an archived event contributes to an input digest.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const digestedMessage = (event: ArchivedIntegrationEvent): DigestedMessage => ({
  offset: event.offset,
  key: event.key,
  value: stableJson({ eventId: event.eventId, type: event.type, data: event.data, occurredAt: event.occurredAt, sourceService: event.sourceService }),
});

/** The archived event as the evaluation reads it; its effective date defaults to the day it occurred in Viet Nam. */
export const evaluationEvent = (event: ArchivedIntegrationEvent): EvaluationEvent => ({
  topic: event.topic,
  partition: event.partition,
  offset: event.offset,
  eventId: event.eventId,
  type: event.type,
  data: event.data,
  occurredOn: vietnameseDate(event.occurredAt),
});

/** Everything archived so far, per topic partition in offset order, and the position of the last event read (null: none). */
export interface WholeInbox {
  readonly partitions: InboxPartition[];
  readonly through: GlobalPosition | null;
}

export async function readWholeInbox(store: EventStore, onProgress?: (read: number) => void): Promise<WholeInbox> {
  const partitions = new Map<string, InboxPartition>();
  let after: GlobalPosition | null = null;
  let read = 0;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll(after ? { after } : 'start', { limit: PAGE, filter: { streamCategories: [INBOX_CATEGORY] } });
    for (const recorded of page) {
      const archived = recorded.data as ArchivedIntegrationEvent;
      let partition = partitions.get(recorded.streamName);
      if (!partition) {
        partition = { streamName: recorded.streamName, topic: archived.topic, partition: archived.partition, events: [], lastRevision: null };
        partitions.set(recorded.streamName, partition);
      }
      partition.events.push(archived);
      partition.lastRevision = recorded.streamPosition;
    }
    read += page.length;
    onProgress?.(read);
    if (page.length > 0) after = page.at(-1)!.globalPosition;
    if (page.length < PAGE) break;
  }
  return {
    partitions: [...partitions.values()].sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0)),
    through: after,
  };
}

/** One inbox stream up to and including a revision, exactly as an evaluation recorded it. */
export async function readInboxStreamThrough(store: EventStore, streamName: string, lastRevision: bigint | null): Promise<ArchivedIntegrationEvent[]> {
  if (lastRevision === null) return [];
  const events: ArchivedIntegrationEvent[] = [];
  for (let from = 0n; ; from += BigInt(PAGE)) {
    const page = await store.readStream(streamName, { fromRevision: from, maxCount: PAGE });
    for (const recorded of page) {
      if (recorded.streamPosition > lastRevision) return events;
      events.push(recorded.data as ArchivedIntegrationEvent);
    }
    if (page.length < PAGE) return events;
  }
}
