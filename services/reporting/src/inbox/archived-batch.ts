import { createHash } from 'node:crypto';
import { stableJson } from './stable-json';

export const INBOX_CATEGORY = 'inbox';
/** One consumed message, as the archive held each before it stored batches. Still read, no longer written. */
export const INBOX_EVENT_TYPE = 'IntegrationEventArchived.v1';
/** Messages of one partition that one consumed batch brought, in offset order: the batch, or a part of it. */
export const INBOX_BATCH_EVENT_TYPE = 'IntegrationEventsArchived.v1';
/** The field of a batch holding its messages' text, read apart from the rest of the event. */
export const BATCH_TEXT_FIELD = 'messages';

/** A consumed message as reporting archives it, at its offset in the partition of the entry holding it. */
export interface ArchivedMessage {
  /** Kafka offset, as a decimal string. */
  readonly offset: string;
  readonly key: string | null;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
  readonly sourceService: string;
}

/** A consumed integration event as reporting archived it alone (`IntegrationEventArchived.v1`), at its topic, partition and offset. */
export interface ArchivedIntegrationEvent extends ArchivedMessage {
  /** The topic without the deployment's prefix, e.g. `certification.events.v1`. */
  readonly topic: string;
  readonly partition: number;
}

/** The data of `IntegrationEventsArchived.v1`. */
export interface ArchivedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly firstOffset: string;
  readonly lastOffset: string;
  readonly count: number;
  /**
   * The messages as one JSON text (`encodeArchivedMessages`). A JSON string's value comes back from
   * any log exactly as written, whatever the log does to the JSON around it: `input-digest/v2`
   * hashes these bytes as they are.
   */
  readonly messages: string;
}

export const inboxStreamName = (topic: string, partition: number): string => `${INBOX_CATEGORY}-${topic}.${partition}`;

/**
 * A JSON array of the messages in offset order, each with its keys in code-unit order at every depth
 * (`stableJson`): the text depends on the messages alone, not on how a producer ordered its fields.
 */
export function encodeArchivedMessages(messages: readonly ArchivedMessage[]): string {
  return `[${messages.map(archivedMessageText).join(',')}]`;
}

function archivedMessageText({ offset, key, eventId, type, data, occurredAt, sourceService }: ArchivedMessage): string {
  return stableJson({ data, eventId, key, occurredAt, offset, sourceService, type });
}

export function decodeArchivedMessages(text: string): ArchivedMessage[] {
  return JSON.parse(text) as ArchivedMessage[];
}

/**
 * A consumed batch is stored as entries of at most this much text (about 170 messages), appended
 * together. A reader's copy of an entry's text then stays below the size JavaScript engines put in
 * a separate space of large objects, collected only by full collections: entries of a whole batch
 * (a megabyte) kept a replay's memory about 80 MiB higher for no gain in speed.
 */
const MAX_ENTRY_TEXT = 60_000;

/** The entries holding these messages of one partition, already in increasing offset order. */
export function archivedBatches(topic: string, partition: number, messages: readonly ArchivedMessage[], maxText = MAX_ENTRY_TEXT): ArchivedBatch[] {
  const batches: ArchivedBatch[] = [];
  let texts: string[] = [];
  let first = 0;
  let length = 0;
  const close = (end: number) => {
    batches.push({ topic, partition, firstOffset: messages[first].offset, lastOffset: messages[end - 1].offset, count: end - first, messages: `[${texts.join(',')}]` });
    texts = [];
    first = end;
    length = 0;
  };
  for (let index = 0; index < messages.length; index += 1) {
    const text = archivedMessageText(messages[index]);
    if (texts.length > 0 && length + text.length > maxText) close(index);
    texts.push(text);
    length += text.length + 1;
  }
  if (texts.length > 0) close(messages.length);
  return batches;
}

/**
 * One log entry per batch of offsets archived: the same batch written again (after a crash, by a
 * consumer that took the partition over) is the same entry, so retries are no-ops. Apart from the
 * ids of single entries.
 */
export function archivedBatchId(batch: Pick<ArchivedBatch, 'topic' | 'partition' | 'firstOffset' | 'lastOffset' | 'count'>): string {
  return uuidFrom(`${batch.topic}\n${batch.partition}\n${batch.firstOffset}\n${batch.lastOffset}\n${batch.count}\nbatch`);
}

/** The id reporting gave a message it archived alone. */
export function archivedEventId(topic: string, partition: number, offset: string): string {
  return uuidFrom(`${topic}\n${partition}\n${offset}`);
}

function uuidFrom(text: string): string {
  const digest = createHash('sha256').update(text).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
