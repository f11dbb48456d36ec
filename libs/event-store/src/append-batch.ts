import { randomUUID } from 'node:crypto';
import type { GlobalPosition } from './global-position';
import {
  IdempotencyViolationError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventMetadata,
  type EventToAppend,
  type ExpectedVersion,
  type StreamRevision,
} from './port';
import { activeTraceparent } from './trace-context';

/** Metadata as stored with an event: everything but `recordedAt`, which comes from the store's clock. */
export type StoredMetadata = Omit<EventMetadata, 'recordedAt'>;

export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: StoredMetadata;
}

export interface PreparedBatch {
  readonly events: readonly PreparedEvent[];
  /** Only ids chosen by the caller can already be stored; generated ones are new by construction. */
  readonly hasCallerEventIds: boolean;
  /** The metadata of every event, when they were all given one metadata object (as a command gives them); else null. */
  readonly sharedMetadata: StoredMetadata | null;
}

/** Where an event of the batch is already stored. */
export interface StoredEventLocation {
  readonly eventId: string;
  readonly streamName: string;
  readonly streamPosition: StreamRevision;
  readonly globalPosition: GlobalPosition;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a batch at the door of the log (nothing stored can be corrected later) and completes
 * it: event ids, and `causationId` defaulting to null.
 */
export function prepareBatch(streamName: string, events: readonly EventToAppend[]): PreparedBatch {
  if (streamName.length === 0) throw new TypeError('A stream name must not be empty');
  if (streamName.startsWith('$')) throw new TypeError(`Stream names starting with $ are reserved: ${streamName}`);
  if (events.length === 0) throw new TypeError(`Nothing to append to stream ${streamName}`);

  const seen = new Set<string>();
  const traceparent = activeTraceparent();
  // The events of one command share their metadata object: it is checked and completed once.
  let metadataGiven: EventToAppend['metadata'] | undefined;
  let metadataStored: StoredMetadata | undefined;
  let shared = true;
  const prepared = events.map((event, index): PreparedEvent => {
    const eventId = (event.eventId ?? randomUUID()).toLowerCase();
    if (!UUID.test(eventId)) throw new TypeError(`Event ${index} of the batch: event id is not a UUID: ${eventId}`);
    if (seen.has(eventId)) throw new TypeError(`Event ${index} of the batch repeats event id ${eventId}`);
    seen.add(eventId);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new TypeError(`Event ${index} of the batch: invalid event type ${JSON.stringify(event.type)}`);
    }
    if (event.data === undefined) throw new TypeError(`Event ${index} of the batch has no data`);
    if (metadataStored === undefined || event.metadata !== metadataGiven) {
      assertValidMetadata(event.metadata, index);
      if (metadataStored !== undefined) shared = false;
      metadataGiven = event.metadata;
      metadataStored = {
        ...event.metadata,
        causationId: event.metadata.causationId ?? null,
        ...(traceparent === null || event.metadata.traceparent ? {} : { traceparent }),
      };
    }
    return { eventId, type: event.type, data: event.data, metadata: metadataStored };
  });
  return {
    events: prepared,
    hasCallerEventIds: events.some((event) => event.eventId !== undefined),
    sharedMetadata: shared ? (metadataStored as StoredMetadata) : null,
  };
}

function assertValidMetadata(metadata: EventToAppend['metadata'], index: number): void {
  const problem =
    typeof metadata?.correlationId !== 'string' || metadata.correlationId.length === 0
      ? 'correlationId is missing'
      : typeof metadata.actor?.id !== 'string' || metadata.actor.id.length === 0 || !Array.isArray(metadata.actor.roles)
        ? 'actor is missing or incomplete'
        : typeof metadata.occurredAt !== 'string' || Number.isNaN(Date.parse(metadata.occurredAt))
          ? 'occurredAt is not an ISO-8601 date-time'
          : null;
  if (problem) throw new TypeError(`Event ${index} of the batch: metadata ${problem}`);
}

export function assertExpectedVersion(
  streamName: string,
  expected: ExpectedVersion,
  actual: StreamRevision | 'no_stream',
): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && expected === actual);
  if (!satisfied) throw new WrongExpectedVersionError(streamName, expected, actual);
}

export function assertValidExpectedVersion(expected: ExpectedVersion): void {
  if (typeof expected === 'bigint' ? expected < 0n : !['no_stream', 'exists', 'any'].includes(expected)) {
    throw new TypeError(`Invalid expected version: ${String(expected)}`);
  }
}

/**
 * Decides what an append becomes given where the batch's event ids are already stored:
 * `null` when none is (a real append), the original positions when all are in this stream
 * (an idempotent retry), and an error otherwise.
 */
export function idempotentRetryResult(
  streamName: string,
  batch: PreparedBatch,
  stored: readonly StoredEventLocation[],
): AppendResult | null {
  if (stored.length === 0) return null;
  const byId = new Map(stored.map((location) => [location.eventId, location]));
  const locations = batch.events.map(({ eventId }) => byId.get(eventId));
  if (!locations.every((location): location is StoredEventLocation => location?.streamName === streamName)) {
    const storedIds = batch.events.filter(({ eventId }) => byId.has(eventId)).map(({ eventId }) => eventId);
    const newIds = batch.events.filter(({ eventId }) => !byId.has(eventId)).map(({ eventId }) => eventId);
    throw new IdempotencyViolationError(streamName, storedIds, newIds);
  }
  const last = locations.reduce((a, b) => (a.streamPosition > b.streamPosition ? a : b));
  return { nextExpectedVersion: last.streamPosition, lastGlobalPosition: last.globalPosition, written: false };
}
