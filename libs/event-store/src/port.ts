import type { Actor } from '@training-ledger/decider';
import type { GlobalPosition } from './global-position';

export type { GlobalPosition } from './global-position';

export type StreamRevision = bigint;

/**
 * Optimistic concurrency for an append.
 * `no_stream`: the stream must not exist; `exists`: it must; `any`: no check;
 * a bigint: the stream's last event must be at exactly that revision (0-based).
 */
export type ExpectedVersion = 'no_stream' | 'exists' | 'any' | StreamRevision;

export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: Actor;
  /** Domain time the caller states (ISO-8601). */
  readonly occurredAt: string;
  /** Time the log accepted the event (ISO-8601), set by the store. */
  readonly recordedAt: string;
  /** W3C trace context active where the event was appended; only while tracing is on. */
  readonly traceparent?: string;
}

export type EventMetadataInput = Omit<EventMetadata, 'recordedAt' | 'causationId'> & {
  readonly causationId?: string | null;
};

export interface EventToAppend<TType extends string = string, TData = unknown> {
  /** UUID; supplied by the caller for idempotent retries, generated otherwise. */
  readonly eventId?: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadataInput;
}

export interface RecordedEvent<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  readonly streamPosition: StreamRevision;
  readonly globalPosition: GlobalPosition;
}

/**
 * An event as a reader of its data alone sees it: its type and revision, and its data as JSON text
 * that parses to the data `readStream` gives. The reader parses each event when it comes to it.
 */
export interface StreamEventJson {
  readonly type: string;
  readonly dataJson: string;
  readonly streamPosition: StreamRevision;
  /**
   * With `ReadStreamJsonOptions.textField`, that field of the data (an object), left out of
   * `dataJson`: a string as it is, another value as JSON text; undefined when absent or null.
   */
  readonly fieldText?: string;
}

/** Where one stream ended at a point of the log: its last revision, and that event's place in the log. */
export interface StreamHead {
  readonly streamName: string;
  readonly lastRevision: StreamRevision;
  readonly lastGlobalPosition: GlobalPosition;
}

/** The heads of a category's streams at one point of the log, and that point (null: the category had no events). */
export interface StreamHeads {
  /** Ordered by stream name (UTF-16 code units). */
  readonly heads: readonly StreamHead[];
  /** The place of the last event of the category at or before the point: the latest of the heads. */
  readonly through: GlobalPosition | null;
}

export interface ReadStreamHeadsOptions {
  /** The point of the log (inclusive); when omitted, as far as `readAll` reads now. */
  readonly through?: GlobalPosition;
}

export interface AppendResult {
  /**
   * Revision of the batch's last event: the stream's revision right after the append.
   * On an idempotent retry, the revision at which that event was first written.
   */
  readonly nextExpectedVersion: StreamRevision;
  /** Global position of the batch's last event (on an idempotent retry, where it was first written). */
  readonly lastGlobalPosition: GlobalPosition;
  /** False when every event of the batch was already in the stream (an idempotent retry). */
  readonly written: boolean;
}

/**
 * An Idempotency-Key whose request this append answers: the log records the answer in the same
 * transaction as the events, so the events are never kept without it, nor it without them. Only a
 * log that keeps the keys itself takes one (see `EventStore.keepsIdempotencyKeys`).
 */
export interface IdempotencyKeyAnswer {
  /** The table (the endpoint's store) of keys the key belongs to. */
  readonly store: string;
  readonly scope: string;
  readonly key: string;
  /** The answer as JSON text, replayed to retries of the request. */
  readonly responseJson: string;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Completes a claimed Idempotency-Key with the events; the append is refused if the key is not claimed. */
  readonly idempotencyKey?: IdempotencyKeyAnswer;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); 0 when omitted. */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

/** One stream of a `readStreams`, from its first revision to read (inclusive; 0 when omitted). */
export interface StreamToRead {
  readonly streamName: string;
  readonly fromRevision?: StreamRevision;
}

export interface ReadStreamJsonOptions extends ReadStreamOptions {
  /**
   * A field of the data that may hold a long JSON string (text written as JSON, say): its string
   * comes apart as `fieldText`, so that the reader is not handed it escaped inside `dataJson`
   * and does not parse it twice.
   */
  readonly textField?: string;
}

/** Both criteria must hold; an omitted or empty list does not restrict. */
export interface EventFilter {
  /** Keep only these event types (as read, i.e. after upcasting). */
  readonly eventTypes?: readonly string[];
  /** Keep only streams of these categories: the part of the stream name before the first `-`. */
  readonly streamCategories?: readonly string[];
}

export const DEFAULT_READ_ALL_LIMIT = 1_000;

/** Where a read of the whole log starts: from the beginning, or after a checkpoint (exclusive). */
export type ReadAllFrom = 'start' | { readonly after: GlobalPosition };

export interface ReadAllOptions {
  /** At most this many events; {@link DEFAULT_READ_ALL_LIMIT} when omitted. */
  readonly limit?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  readonly filter?: EventFilter;
}

/**
 * Catch-up then live, in global order, at-least-once. Iterate it with `for await`;
 * `close()` ends the iteration.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends a batch atomically, if the stream is at the expected version. A batch whose event ids
   * are all in the stream already is a retry: nothing is written and the original positions come
   * back (`written: false`), whatever the expected version; a batch repeating only some of them is
   * refused with an {@link IdempotencyViolationError}. Names and types starting with `$` are
   * reserved for the store; invalid batches are refused with a `TypeError` before anything is stored.
   */
  appendToStream(streamName: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams at once, each as `readStream` reads it from its revision: a command that rests
   * on many streams (a bulk request naming many trainees) reads them in one round trip, not one
   * each. Every stream asked for has an entry, empty when it has no event from there.
   */
  readStreams(streams: readonly StreamToRead[]): Promise<ReadonlyMap<string, RecordedEvent[]>>;
  /**
   * As `readStream`, each event's type and data only (upcast and repaired alike), the data as JSON
   * text: for readers of many events, which the store then spares reading and building the rest.
   */
  readStreamJson(streamName: string, options?: ReadStreamJsonOptions): Promise<StreamEventJson[]>;
  readAll(from: ReadAllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Where each stream of a category ended at one point of the log: the same streams and revisions
   * as reading the category with `readAll` up to that point would end on, without reading the events.
   */
  readStreamHeads(category: string, options?: ReadStreamHeadsOptions): Promise<StreamHeads>;
  subscribe(from: ReadAllFrom, options?: SubscribeOptions): EventSubscription;
  /** True when the store answers; used by readiness probes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An append meant to complete an Idempotency-Key that is no longer claimed: completed or forgotten meanwhile. */
export class IdempotencyKeyNotClaimedError extends Error {
  constructor(readonly scope: string, readonly key: string) {
    super(`Idempotency key ${scope}/${key} is not claimed by a running request: nothing was appended`);
    this.name = 'IdempotencyKeyNotClaimedError';
  }
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected version ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/**
 * Some, but not all, of a batch's event ids are already in the stream (or an id is used by another
 * stream). A retry must resend exactly the batch it retries; this one would half-duplicate it.
 */
export class IdempotencyViolationError extends Error {
  constructor(
    readonly streamName: string,
    /** Ids of the batch that are already stored, in this stream or another. */
    readonly storedEventIds: readonly string[],
    /** Ids of the batch that are not stored yet. */
    readonly newEventIds: readonly string[],
  ) {
    super(
      `Stream ${streamName}: ${storedEventIds.length} of ${storedEventIds.length + newEventIds.length} ` +
        `event ids of the batch are already stored (${storedEventIds.join(', ')}); ` +
        'an idempotent retry must resend the same batch',
    );
    this.name = 'IdempotencyViolationError';
  }
}

/**
 * Where a subscriber keeps how far it has processed the log. `save` never moves a checkpoint
 * backwards, so a late or repeated save after a restart cannot make it replay older work twice.
 */
export interface CheckpointStore {
  load(name: string): Promise<GlobalPosition | null>;
  save(name: string, position: GlobalPosition): Promise<void>;
}

export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}
