import {
  ANY,
  BACKWARDS,
  ErrorType,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type JSONType,
  type ReadPosition,
  type RecordedEvent as KurrentRecordedEvent,
  type WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { assertNever } from '@training-ledger/decider';
import {
  assertValidExpectedVersion,
  idempotentRetryResult,
  prepareBatch,
  type PreparedBatch,
  type StoredEventLocation,
  type StoredMetadata,
} from '../append-batch';
import { globalPosition, globalPositionParts, type GlobalPosition } from '../global-position';
import {
  DEFAULT_READ_ALL_LIMIT,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedVersion,
  type ReadAllFrom,
  type ReadAllOptions,
  type ReadStreamHeadsOptions,
  type ReadStreamJsonOptions,
  type ReadStreamOptions,
  type StreamToRead,
  type RecordedEvent,
  type StreamEventJson,
  type StreamHeads,
  type SubscribeOptions,
} from '../port';
import { streamEventJson } from '../stream-event-json';
import { streamHeadsByReadingAll } from '../stream-heads';
import { UpcasterRegistry } from '../upcasting';
import { isKurrentError } from './kurrentdb-errors';
import { kurrentDbFilter, type StoredEventPredicate } from './kurrentdb-filters';
import { KurrentDbSubscription } from './kurrentdb-subscription';

export interface KurrentDbEventStoreOptions {
  /** A client owned by the caller: `close()` leaves it open. */
  readonly client?: KurrentDBClient;
  /** Used when no client is given, e.g. `kurrentdb://127.0.0.1:2113?tls=false`; the store disposes its client on `close()`. */
  readonly connectionString?: string;
  readonly upcasters?: UpcasterRegistry;
}

/**
 * The event log on KurrentDB. Global positions are the (commit, prepare) positions of `$all`,
 * whose order is the server's commit order, so they are checkpoints as they come.
 *
 * Idempotent retries. KurrentDB deduplicates by event id on its own, but only relative to the
 * expected version: a repeat sent with the version the original was sent with is acknowledged
 * without writing; sent with `any` it is caught only while the ids are in the server's recent
 * cache; sent with the stream's current revision it is written again; a partial repeat is
 * reported as a wrong expected version. To give the same answers as PostgreSQL regardless of the
 * expected version, a batch carrying caller-chosen ids is first looked up in its stream, which
 * costs a read of the stream. Two differences remain: an id already used in another stream is
 * not detected (KurrentDB scopes ids to a stream), and two identical batches racing each other
 * past that lookup are left to the server's own deduplication, which may answer `written: true`
 * to both.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly ownsClient: boolean,
    upcasters: UpcasterRegistry | undefined,
  ) {
    this.upcasters = upcasters ?? new UpcasterRegistry();
  }

  static create(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
    if (options.client) return new KurrentDbEventStore(options.client, false, options.upcasters);
    if (!options.connectionString) throw new TypeError('Give either a client or a connection string');
    return new KurrentDbEventStore(KurrentDBClient.connectionString(options.connectionString), true, options.upcasters);
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const { expectedVersion } = options;
    assertValidExpectedVersion(expectedVersion);
    if (options.idempotencyKey) throw new TypeError('KurrentDB keeps no Idempotency-Keys: complete the key in its own store');
    const batch = prepareBatch(streamName, events);
    if (batch.hasCallerEventIds) {
      const retry = idempotentRetryResult(streamName, batch, await this.findStoredEvents(streamName, batch));
      if (retry) return retry;
    }

    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(
        streamName,
        batch.events.map((event) =>
          jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: event.metadata }),
        ),
        { streamState: toStreamState(expectedVersion) },
      ));
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      if (batch.hasCallerEventIds) {
        const retry = idempotentRetryResult(streamName, batch, await this.findStoredEvents(streamName, batch));
        if (retry) return retry;
      }
      throw new WrongExpectedVersionError(streamName, expectedVersion, toActualVersion(error.actualState));
    }

    // The append's answer carries a log position, but not documented as the last event's own
    // position; reading that event back gives the exact checkpoint.
    const [last] = await this.readStoredStream(streamName, nextExpectedRevision, 1);
    if (!last) throw new Error(`Stream ${streamName}: appended event at revision ${nextExpectedRevision} is not readable`);
    return { nextExpectedVersion: nextExpectedRevision, lastGlobalPosition: positionOf(last), written: true };
  }

  private async findStoredEvents(streamName: string, batch: PreparedBatch): Promise<StoredEventLocation[]> {
    const ids = new Set(batch.events.map((event) => event.eventId));
    const stored = await this.readStoredStream(streamName, START, Number.MAX_SAFE_INTEGER);
    return stored
      .filter((event) => ids.has(event.id.toLowerCase()))
      .map((event) => ({
        eventId: event.id.toLowerCase(),
        streamName,
        streamPosition: event.revision,
        globalPosition: positionOf(event),
      }));
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stored = await this.readStoredStream(
      streamName,
      options.fromRevision ?? START,
      options.maxCount ?? Number.MAX_SAFE_INTEGER,
    );
    return stored.map((event) => this.toRecordedEvent(event));
  }

  /** KurrentDB reads one stream a call; the reads go out together. */
  async readStreams(streams: readonly StreamToRead[]): Promise<ReadonlyMap<string, RecordedEvent[]>> {
    const read = await Promise.all(streams.map(async ({ streamName, fromRevision }) => [streamName, await this.readStream(streamName, { fromRevision })] as const));
    return new Map(read);
  }

  async readStreamJson(streamName: string, options: ReadStreamJsonOptions = {}): Promise<StreamEventJson[]> {
    return (await this.readStream(streamName, options)).map((event) => streamEventJson(event, options.textField));
  }

  private async readStoredStream(
    streamName: string,
    fromRevision: bigint | typeof START,
    maxCount: number | bigint,
  ): Promise<KurrentRecordedEvent[]> {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision, maxCount })) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (isKurrentError(error, ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
    return events;
  }

  async readAll(from: ReadAllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`Invalid read limit: ${limit}`);
    const filter = kurrentDbFilter(options.filter, this.upcasters);
    const deliverable = this.deliverable(from, filter.accepts);
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: readPositionOf(from), filter: filter.server })) {
      const event = deliverable(resolved);
      if (event) events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  /** KurrentDB keeps no index of a category's stream heads at a point of `$all`: the category is read. */
  readStreamHeads(category: string, options: ReadStreamHeadsOptions = {}): Promise<StreamHeads> {
    return streamHeadsByReadingAll(this, category, options);
  }

  subscribe(from: ReadAllFrom, options: SubscribeOptions = {}): EventSubscription {
    const filter = kurrentDbFilter(options.filter, this.upcasters);
    const source = this.client.subscribeToAll({ fromPosition: readPositionOf(from), filter: filter.server });
    const subscription = new KurrentDbSubscription(source, this.deliverable(from, filter.accepts), (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Reads of `$all` start at the checkpoint itself (reads include it, subscriptions do not), and
   * the server filter covers one criterion only: this keeps what the port promises.
   */
  private deliverable(
    from: ReadAllFrom,
    accepts: StoredEventPredicate,
  ): (resolved: AllStreamResolvedEvent) => RecordedEvent | null {
    const after = from === 'start' ? null : from.after;
    return ({ event }) => {
      if (!event || !accepts({ type: event.type, streamName: event.streamId })) return null;
      const recorded = this.toRecordedEvent(event);
      return after !== null && recorded.globalPosition <= after ? null : recorded;
    };
  }

  private toRecordedEvent(event: KurrentRecordedEvent): RecordedEvent {
    if (!event.isJson) throw new Error(`Event ${event.id} in ${event.streamId} is not JSON`);
    return this.upcasters.upcast({
      eventId: event.id.toLowerCase(),
      type: event.type,
      data: event.data,
      metadata: { ...(event.metadata as StoredMetadata), recordedAt: event.created.toISOString() },
      streamName: event.streamId,
      streamPosition: event.revision,
      globalPosition: positionOf(event),
    });
  }

  async ping(): Promise<boolean> {
    const reads = this.client.readAll({ direction: BACKWARDS, maxCount: 1, deadline: 5_000 });
    try {
      await reads.next();
      return true;
    } catch {
      return false;
    } finally {
      await reads.return?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.ownsClient) await this.client.dispose();
  }
}

function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (typeof expected === 'bigint') return expected;
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return assertNever(expected, 'expected version');
  }
}

function toActualVersion(actual: CurrentStreamState): bigint | 'no_stream' {
  return actual === NO_STREAM || actual < 0n ? 'no_stream' : actual;
}

function isWrongExpectedVersion(error: unknown): error is KurrentWrongExpectedVersionError {
  return isKurrentError(error, ErrorType.WRONG_EXPECTED_VERSION);
}


function positionOf(event: KurrentRecordedEvent): GlobalPosition {
  if (!event.position) throw new Error(`KurrentDB returned no log position for event ${event.id}; it needs server 22.6 or later`);
  return globalPosition(event.position.commit, event.position.prepare);
}

function readPositionOf(from: ReadAllFrom): ReadPosition {
  if (from === 'start') return START;
  const { major, minor } = globalPositionParts(from.after);
  return { commit: major, prepare: minor };
}
