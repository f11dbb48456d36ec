import type { EventStore, GlobalPosition, StreamEventJson } from '@training-ledger/event-store';
import type { DigestedBatch, DigestedMessage, EvaluationEvent } from '../evaluation-core';
import { isCalendarDate } from '@training-ledger/contracts';
import { vietnameseDate } from '@training-ledger/platform';
import { compareCodeUnits } from '../evaluation-core/canonical-json';
import {
  type ArchivedBatch,
  type ArchivedIntegrationEvent,
  type ArchivedMessage,
  BATCH_TEXT_FIELD,
  decodeArchivedMessages,
  encodeArchivedMessages,
  INBOX_BATCH_EVENT_TYPE,
  INBOX_CATEGORY,
  INBOX_EVENT_TYPE,
} from './archived-batch';
import { stableJson } from './stable-json';

export { stableJson };

/**
 * Pages of a stream hold about this much text: a few entries, or some hundreds of messages archived
 * alone. Two are read ahead, so that the database works while the caller folds; a page small enough
 * is folded before its text and messages outlive a collection of the young generation, so they die
 * young instead of being promoted and collected at length.
 */
const PAGE_TEXT = 256 * 1024;
const MAX_PAGE_ROWS = 500;
/** Until a stream's entries have been seen, a page is a few of them: one entry may be a batch of thousands. */
const FIRST_PAGE_ROWS = 2;
const READ_AHEAD = 2;

/**
 * One stored entry of an inbox stream: the messages a consumed batch brought (their text as stored),
 * or one message archived alone before batches.
 */
export interface ArchiveEntry {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ArchivedMessage[];
  /** A batch's text, exactly as stored; null for a message archived alone. */
  readonly storedText: string | null;
}

/** Decodes an entry read with its text apart (`BATCH_TEXT_FIELD`). */
export function archiveEntry(row: StreamEventJson): ArchiveEntry {
  switch (row.type) {
    case INBOX_BATCH_EVENT_TYPE: {
      const batch = JSON.parse(row.dataJson) as Omit<ArchivedBatch, 'messages'> & { readonly messages?: string };
      const text = row.fieldText ?? batch.messages ?? '[]';
      return { topic: batch.topic, partition: batch.partition, messages: decodeArchivedMessages(text), storedText: text };
    }
    case INBOX_EVENT_TYPE: {
      const single = JSON.parse(row.dataJson) as ArchivedIntegrationEvent;
      return { topic: single.topic, partition: single.partition, messages: [single], storedText: null };
    }
    default:
      throw new Error(`revision ${row.streamPosition} of an inbox stream holds a ${row.type}, no archived message`);
  }
}

/**
 * The entry as `input-digest/v2` chains it: a batch's text as stored; for a message archived alone,
 * the text a batch of that one message stores, written from its parsed value.
 */
export function digestedBatch(entry: ArchiveEntry): DigestedBatch {
  const { messages } = entry;
  return {
    firstOffset: messages[0]?.offset ?? '',
    lastOffset: messages.at(-1)?.offset ?? '',
    count: messages.length,
    text: entry.storedText ?? encodeArchivedMessages(messages),
  };
}

/** A message as `input-digest/v1` chains it. */
export function digestedMessage(message: ArchivedMessage): DigestedMessage {
  return { offset: message.offset, key: message.key, value: digestedValue(message) };
}

/**
 * `stableJson({ eventId, type, data, occurredAt, sourceService })`, written in its key order
 * without building that object first; a message missing one of them takes the general way.
 */
function digestedValue(message: ArchivedMessage): string {
  const { data, eventId, occurredAt, sourceService, type } = message;
  if (data === undefined || eventId === undefined || occurredAt === undefined || sourceService === undefined || type === undefined) {
    return stableJson({ eventId, type, data, occurredAt, sourceService });
  }
  return `{"data":${stableJson(data)},"eventId":${stableJson(eventId)},"occurredAt":${stableJson(occurredAt)},"sourceService":${stableJson(sourceService)},"type":${stableJson(type)}}`;
}

/** The archived message as the evaluation reads it, at its entry's topic and partition; its effective date defaults to the day it occurred in Viet Nam. */
export function evaluationEvent(entry: { readonly topic: string; readonly partition: number }, message: ArchivedMessage): EvaluationEvent {
  return {
    topic: entry.topic,
    partition: entry.partition,
    offset: message.offset,
    eventId: message.eventId,
    type: message.type,
    data: message.data,
    occurredOn: dayInVietNam(message.occurredAt),
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

/** An inbox stream as far as an evaluation reads it: through its last revision, `entries` entries. */
export interface InboxHead {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  readonly lastRevision: bigint;
  readonly entries: number;
}

/**
 * Where every inbox stream ends now, and the position of the last entry archived (null: none), so
 * that the streams can then be read one after another through these revisions and nothing archived
 * later enters. The log finds the heads itself; of each stream, only its first entry is read, for
 * the topic and partition it archives.
 */
export async function readInboxHeads(store: EventStore): Promise<{ readonly heads: InboxHead[]; readonly through: GlobalPosition | null }> {
  const { heads, through } = await store.readStreamHeads(INBOX_CATEGORY);
  const placed = await Promise.all(
    heads.map(async (head): Promise<InboxHead> => {
      const [first] = await store.readStreamJson(head.streamName, { maxCount: 1, textField: BATCH_TEXT_FIELD });
      const { topic, partition } = JSON.parse(first!.dataJson) as { topic: string; partition: number };
      // Revisions run from 0 without a gap: a stream through revision r holds r + 1 entries.
      return { streamName: head.streamName, topic, partition, lastRevision: head.lastRevision, entries: Number(head.lastRevision) + 1 };
    }),
  );
  return { heads: placed.sort((a, b) => compareCodeUnits(a.streamName, b.streamName)), through };
}

/**
 * One inbox stream up to and including a revision, a page at a time, in order, each entry with its
 * text apart for the caller to decode when it comes to it (so that no page of parsed messages lives on).
 */
export async function* inboxPages(store: EventStore, streamName: string, lastRevision: bigint | null): AsyncGenerator<readonly StreamEventJson[]> {
  if (lastRevision === null) return;
  let next = 0n;
  let rows = FIRST_PAGE_ROWS;
  const ask = (): { readonly page: Promise<StreamEventJson[]>; readonly rows: number } | null => {
    if (next > lastRevision) return null;
    const count = Math.min(rows, Number(lastRevision - next + 1n));
    const page = store.readStreamJson(streamName, { fromRevision: next, maxCount: count, textField: BATCH_TEXT_FIELD });
    // Read ahead: a caller that stops early must not leave a failed read unhandled.
    page.catch(() => undefined);
    next += BigInt(count);
    return { page, rows: count };
  };
  const ahead = [ask(), ask()];
  for (let asked = ahead.shift(); asked; asked = ahead.shift()) {
    const page = await asked.page;
    if (page.length > 0) rows = rowsFor(page);
    // A stream that ends before the revision asked for has nothing more to give.
    if (page.length < asked.rows) ahead.length = 0;
    else while (ahead.length < READ_AHEAD) ahead.push(ask());
    yield page;
  }
}

function rowsFor(page: readonly StreamEventJson[]): number {
  let text = 0;
  for (const row of page) text += row.dataJson.length + (row.fieldText?.length ?? 0);
  return Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor((PAGE_TEXT * page.length) / Math.max(1, text))));
}

/** A stream's messages in offset order, each with its topic and partition, as restatement holds them. */
export interface InboxPartition {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  readonly events: ArchivedIntegrationEvent[];
  readonly lastRevision: bigint;
}

/** Everything archived so far, per topic partition in offset order, and the position of the last entry read (null: none). */
export interface WholeInbox {
  readonly partitions: InboxPartition[];
  readonly through: GlobalPosition | null;
}

/** Every stream through the heads of one moment, so that nothing archived later enters. Progress counts messages. */
export async function readWholeInbox(store: EventStore, onProgress?: (read: number) => void): Promise<WholeInbox> {
  const { heads, through } = await readInboxHeads(store);
  const partitions: InboxPartition[] = [];
  let read = 0;
  for (const head of heads) {
    const events: ArchivedIntegrationEvent[] = [];
    for await (const page of inboxPages(store, head.streamName, head.lastRevision)) {
      for (const row of page) {
        const entry = archiveEntry(row);
        for (const message of entry.messages) events.push({ ...message, topic: entry.topic, partition: entry.partition });
        read += entry.messages.length;
      }
      onProgress?.(read);
    }
    partitions.push({ streamName: head.streamName, topic: head.topic, partition: head.partition, events, lastRevision: head.lastRevision });
  }
  return { partitions, through };
}
