import type { Actor } from '@training-ledger/decider';

export type StreamRevision = bigint;
export type GlobalPosition = bigint;

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

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedVersion: StreamRevision;
  /** Global position of the batch's last event. */
  readonly lastGlobalPosition: GlobalPosition;
  /** False when every event of the batch was already in the stream (an idempotent retry). */
  readonly written: boolean;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); 0 when omitted. */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Keep only these event types. */
  readonly eventTypes?: readonly string[];
  /** Keep only streams of these categories: the part of the stream name before the first `-`. */
  readonly streamCategories?: readonly string[];
}

/** Where a read of the whole log starts: from the beginning, or after a checkpoint (exclusive). */
export type ReadAllFrom = 'start' | { readonly after: GlobalPosition };

export interface ReadAllOptions {
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
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(from: ReadAllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(from: ReadAllFrom, options?: SubscribeOptions): EventSubscription;
  /** True when the store answers; used by readiness probes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
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

export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}
