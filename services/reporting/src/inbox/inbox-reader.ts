import type { EventStore, GlobalPosition, RecordedEvent, StreamEventJson } from '@training-ledger/event-store';
import type { DigestedMessage, EvaluationEvent } from '../evaluation-core';
import { isCalendarDate } from '@training-ledger/contracts';
import { vietnameseDate } from '@training-ledger/platform';
import { compareCodeUnits } from '../evaluation-core/canonical-json';
import { type ArchivedIntegrationEvent, INBOX_CATEGORY } from './inbox';
import { stableJson } from './stable-json';

export { stableJson };

const PAGE = 5_000;
/**
 * Stream pages are small, and two are read ahead: a page then lives for a few hundred events, and
 * its text dies young instead of being promoted to the old generation and collected at length.
 */
const STREAM_PAGE = 500;
const READ_AHEAD = 2;

export interface InboxPartition {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  readonly events: ArchivedIntegrationEvent[];
  lastRevision: bigint | null;
}

export function digestedMessage(event: ArchivedIntegrationEvent): DigestedMessage {
  return { offset: event.offset, key: event.key, value: digestedValue(event) };
}

/**
 * `stableJson({ eventId, type, data, occurredAt, sourceService })`, written in its key order
 * without building that object first; an event missing one of them takes the general way.
 */
function digestedValue(event: ArchivedIntegrationEvent): string {
  const { data, eventId, occurredAt, sourceService, type } = event;
  if (data === undefined || eventId === undefined || occurredAt === undefined || sourceService === undefined || type === undefined) {
    return stableJson({ eventId, type, data, occurredAt, sourceService });
  }
  return `{"data":${stableJson(data)},"eventId":${stableJson(eventId)},"occurredAt":${stableJson(occurredAt)},"sourceService":${stableJson(sourceService)},"type":${stableJson(type)}}`;
}

/** The archived event as the evaluation reads it; its effective date defaults to the day it occurred in Viet Nam. */
export function evaluationEvent(event: ArchivedIntegrationEvent): EvaluationEvent {
  return {
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    occurredOn: dayInVietNam(event.occurredAt),
  };
}

/** An instant as toISOString writes it, before 17:00 UTC: the same calendar day in Viet Nam (UTC+7). */
const utcBeforeFivePm = /^(\d{4}-\d{2}-\d{2})T(?:0\d|1[0-6]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** `vietnameseDate`, without a Date for the common instant: this runs once per archived event an evaluation reads. */
export function dayInVietNam(occurredAt: string): string {
  // Archived events come in runs of one instant (a batch of one producer): the last day is kept.
  if (occurredAt === lastInstant) return lastDay;
  const match = utcBeforeFivePm.exec(occurredAt);
  const day = match !== null && isCalendarDate(match[1]) ? match[1] : vietnameseDate(occurredAt);
  lastInstant = occurredAt;
  lastDay = day;
  return day;
}
let lastInstant: string | null = null;
let lastDay = '';

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

/** An inbox stream as far as an evaluation reads it: through its last revision, `count` events. */
export interface InboxHead {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  readonly lastRevision: bigint;
  readonly count: number;
}

/**
 * Where every inbox stream ends now, and the position of the last event archived (null: none), so
 * that the streams can then be read one after another through these revisions and nothing archived
 * later enters. The log finds the heads itself; of each stream, only its first event is read, for
 * the topic and partition it archives.
 */
export async function readInboxHeads(store: EventStore): Promise<{ readonly heads: InboxHead[]; readonly through: GlobalPosition | null }> {
  const { heads, through } = await store.readStreamHeads(INBOX_CATEGORY);
  const placed = await Promise.all(
    heads.map(async (head): Promise<InboxHead> => {
      const [first] = await store.readStreamJson(head.streamName, { maxCount: 1 });
      const { topic, partition } = parseArchived(first!.dataJson);
      // Revisions run from 0 without a gap: a stream through revision r holds r + 1 events.
      return { streamName: head.streamName, topic, partition, lastRevision: head.lastRevision, count: Number(head.lastRevision) + 1 };
    }),
  );
  return { heads: placed.sort((a, b) => compareCodeUnits(a.streamName, b.streamName)), through };
}

/**
 * One inbox stream up to and including a revision, a page at a time, in order, each archived event
 * with its data as JSON text for the caller to parse when it comes to it (so that no page of parsed
 * events lives on).
 */
export async function* inboxPages(store: EventStore, streamName: string, lastRevision: bigint | null): AsyncGenerator<readonly StreamEventJson[]> {
  if (lastRevision === null) return;
  const readFrom = (from: bigint) => {
    const page = from <= lastRevision ? store.readStreamJson(streamName, { fromRevision: from, maxCount: STREAM_PAGE }) : Promise.resolve([]);
    // Read ahead: a caller that stops early must not leave a failed read unhandled.
    page.catch(() => undefined);
    return page;
  };
  // Pages are asked for before they are needed, a few at a time, so that the database works while the caller folds.
  const ahead = Array.from({ length: READ_AHEAD }, (_, index) => readFrom(BigInt(index * STREAM_PAGE)));
  for (let from = 0n; ; from += BigInt(STREAM_PAGE)) {
    const page = await ahead.shift()!;
    const last = page.at(-1);
    const more = page.length === STREAM_PAGE && last !== undefined && last.streamPosition < lastRevision;
    if (more) ahead.push(readFrom(from + BigInt(READ_AHEAD * STREAM_PAGE)));
    // Only a last page may run past the head.
    yield last !== undefined && last.streamPosition > lastRevision ? page.filter((recorded) => recorded.streamPosition <= lastRevision) : page;
    if (!more) return;
  }
}

export function parseArchived(json: string): ArchivedIntegrationEvent {
  return JSON.parse(json) as ArchivedIntegrationEvent;
}
