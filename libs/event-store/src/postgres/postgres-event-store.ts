import { DatabaseError, Pool, type PoolClient } from 'pg';
import {
  assertValidExpectedVersion,
  idempotentRetryResult,
  prepareBatch,
  type PreparedBatch,
  type StoredEventLocation,
  type StoredMetadata,
} from '../append-batch';
import { globalPosition, globalPositionParts } from '../global-position';
import {
  DEFAULT_READ_ALL_LIMIT,
  IdempotencyKeyNotClaimedError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventFilter,
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
  streamCategory,
} from '../port';
import { streamEventJson } from '../stream-event-json';
import { streamHeadsOf } from '../stream-heads';
import { UpcasterRegistry } from '../upcasting';
import { AppendNotifier } from './append-notifier';
import { appendStatement, type AppendedRow, KEY_NOT_CLAIMED } from './append-statement';
import { migrateEventStore, pendingMigrations } from './migrations';
import { PostgresSubscription, type SubscriptionPage } from './postgres-subscription';
import { cursorBeforeTransaction, cursorFrom, laterCursor, type ReadCursor } from './read-cursor';
import { EventStoreSchema } from './schema';

export interface PostgresEventStoreOptions {
  /** A pool owned by the caller: `close()` leaves it open. */
  readonly pool?: Pool;
  /** Used when no pool is given: the store creates its own pool and ends it on `close()`. */
  readonly connectionString?: string;
  /** Schema holding the store's tables; `event_store` when omitted. */
  readonly schema?: string;
  readonly upcasters?: UpcasterRegistry;
  /**
   * Apply pending migrations before use (the default). Turn it off for a role that may only
   * append and read, and migrate with the owning role instead (`migrateEventStore`).
   */
  readonly migrate?: boolean;
  /** How often an idle subscription looks for new events when no notification arrives. */
  readonly pollIntervalMs?: number;
  /**
   * The shortest time between two notifications of appends that this store sends to other
   * processes (25 ms when omitted): a burst of appends costs one NOTIFY per interval, and a
   * subscription elsewhere hears of an append at most this much later.
   */
  readonly notifyIntervalMs?: number;
  /**
   * The shortest time between two reads of one subscription woken by appends (25 ms when omitted):
   * a burst of small appends is read as one page rather than one page per append. Every
   * subscription of a process is woken by every append: at 5 ms, registering trainees one stream
   * each, enrolment's four subscriptions read the log 800 times a second, a page of one or two events each.
   */
  readonly subscriptionReadIntervalMs?: number;
  readonly subscriptionPageSize?: number;
}

interface EventRow {
  readonly transaction_id: string;
  readonly global_position: string;
  readonly stream_name: string;
  readonly stream_position: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly data: unknown;
  readonly metadata: StoredMetadata;
  /** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. */
  readonly recorded_at: string;
}

/**
 * `recorded_at` is formatted by the server as `Date.toISOString()` would (milliseconds truncated, as
 * a JavaScript Date truncates microseconds), rather than parsed into a Date and formatted again.
 */
const EVENT_COLUMNS = `e.transaction_id::text AS transaction_id, e.global_position, e.stream_name, e.stream_position,
  e.event_id, e.event_type, e.data, e.metadata,
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/**
 * The event log on PostgreSQL.
 *
 * Read order. A sequence hands out global positions when rows are inserted, but transactions
 * commit in another order: a reader that followed the sequence could pass position 11 while the
 * transaction holding position 10 is still open, and never come back for it. Serialising appends
 * behind a lock would fix that at the cost of one commit at a time. Instead every row carries the
 * id of the transaction that wrote it, and readers only take rows of transactions older than the
 * oldest one still running (`pg_snapshot_xmin`), in (transaction id, position) order. Those rows
 * are final — any row written later belongs to a newer transaction and so sorts after them — which
 * makes that pair a checkpoint that never skips an event, while appends still commit in parallel.
 * A `GlobalPosition` here is exactly that pair. The price is latency: an event becomes readable
 * only once every older transaction in the cluster has ended.
 *
 * Waking subscriptions. An append's commit sends no NOTIFY, since PostgreSQL makes the commits
 * of notifying transactions take turns. Once an append committed, the store wakes its own
 * subscriptions directly and has the `AppendNotifier` wake those of other processes, with one
 * NOTIFY for all the appends of a short interval; subscriptions also poll.
 */
export class PostgresEventStore implements EventStore {
  private readonly schema: EventStoreSchema;
  private readonly upcasters: UpcasterRegistry;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly notifier: AppendNotifier;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.schema = new EventStoreSchema(options.schema);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.notifier = new AppendNotifier(
      (payload) => this.pool.query('SELECT pg_notify($1, $2)', [this.schema.channel, payload]),
      options.notifyIntervalMs ?? DEFAULT_NOTIFY_INTERVAL_MS,
    );
  }

  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    if (!options.pool && !options.connectionString) throw new TypeError('Give either a pool or a connection string');
    const pool = options.pool ?? new Pool({ connectionString: options.connectionString });
    const store = new PostgresEventStore(pool, !options.pool, options);
    if (store.ownsPool) {
      // An idle connection that fails only leaves the pool; the next query opens a fresh one.
      pool.on('error', () => undefined);
    }
    try {
      if (options.migrate ?? true) await migrateEventStore(pool, store.schema.name);
      else {
        const pending = await pendingMigrations(pool, store.schema.name);
        if (pending.length > 0) {
          throw new Error(
            `The event log schema ${store.schema.name} lacks migrations ${pending.join(', ')}: run the migration step as the schema's owner first (npm run migrate)`,
          );
        }
      }
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /**
   * One statement, committed on its own (`appendStatement`): it takes the stream's row as the
   * expected version asks and inserts the batch; with an Idempotency-Key it also completes the key.
   * A stream not at the expected version makes it append nothing and return no row.
   */
  async appendToStream(streamName: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    assertValidExpectedVersion(options.expectedVersion);
    const batch = prepareBatch(streamName, events);
    const key = options.idempotencyKey;
    const statement = appendStatement(this.schema, streamName, options.expectedVersion, batch, key);
    let appended: AppendedRow | undefined;
    try {
      ({
        rows: [appended],
      } = await this.pool.query<AppendedRow>(statement));
    } catch (error) {
      // Some ids are stored already, committed before this append or by one to another stream.
      if (batch.hasCallerEventIds && isUniqueViolation(error, 'events_event_id_key')) {
        const retry = idempotentRetryResult(streamName, batch, await this.findStoredEvents(this.pool, batch));
        if (retry) return retry;
      }
      if (key && isDatabaseError(error, KEY_NOT_CLAIMED)) throw new IdempotencyKeyNotClaimedError(key.scope, key.key);
      throw error;
    }
    if (appended === undefined) return this.refusedAppend(streamName, batch, options.expectedVersion);
    const last = { transactionId: BigInt(appended.transaction_id), position: BigInt(appended.last_global_position) };
    this.appendCommitted(streamName, batch, last);
    return {
      nextExpectedVersion: BigInt(appended.previous_revision) + BigInt(batch.events.length),
      lastGlobalPosition: globalPosition(last.transactionId, last.position),
      written: true,
    };
  }

  /**
   * The stream was not at the expected version. A retry of a batch already stored moved the stream
   * itself, so stored ids are looked for first; otherwise the refusal names the revision read now.
   */
  private async refusedAppend(streamName: string, batch: PreparedBatch, expected: ExpectedVersion): Promise<AppendResult> {
    if (batch.hasCallerEventIds) {
      const retry = idempotentRetryResult(streamName, batch, await this.findStoredEvents(this.pool, batch));
      if (retry) return retry;
    }
    const { rows } = await this.pool.query<{ revision: string }>(`SELECT revision FROM ${this.schema.streams} WHERE stream_name = $1`, [streamName]);
    throw new WrongExpectedVersionError(streamName, expected, rows[0] === undefined ? 'no_stream' : BigInt(rows[0].revision));
  }

  private appendCommitted(streamName: string, batch: PreparedBatch, last: ReadCursor): void {
    const types = [...new Set(batch.events.map((event) => event.type))];
    const appended = { types, category: streamCategory(streamName), last };
    for (const subscription of this.subscriptions) subscription.appended(appended);
    this.notifier.appended(types);
  }

  private async findStoredEvents(db: Pool | PoolClient, batch: PreparedBatch): Promise<StoredEventLocation[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema.events} e WHERE e.event_id = ANY($1::uuid[])`,
      [batch.events.map((event) => event.eventId)],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      streamName: row.stream_name,
      streamPosition: BigInt(row.stream_position),
      globalPosition: globalPosition(BigInt(row.transaction_id), BigInt(row.global_position)),
    }));
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema.events} e
       WHERE e.stream_name = $1 AND e.stream_position >= $2
       ORDER BY e.stream_position
       LIMIT $3`,
      [streamName, options.fromRevision ?? 0n, options.maxCount ?? null],
    );
    return rows.map((row) => this.toRecordedEvent(row));
  }

  async readStreams(streams: readonly StreamToRead[]): Promise<ReadonlyMap<string, RecordedEvent[]>> {
    const read = new Map<string, RecordedEvent[]>(streams.map(({ streamName }) => [streamName, []]));
    if (streams.length === 0) return read;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema.events} e
       JOIN unnest($1::text[], $2::bigint[]) AS wanted(stream_name, from_position)
         ON e.stream_name = wanted.stream_name AND e.stream_position >= wanted.from_position
       ORDER BY e.stream_name, e.stream_position`,
      [streams.map(({ streamName }) => streamName), streams.map(({ fromRevision }) => (fromRevision ?? 0n).toString())],
    );
    for (const row of rows) read.get(row.stream_name)?.push(this.toRecordedEvent(row));
    return read;
  }

  /**
   * Revision, type and data as text: neither metadata nor timestamps nor positions are sent, parsed
   * or built. A page holding an event whose type or data its upcasters or repairs may change is read
   * again whole, so that it reads as `readStream` reads it. A text field is taken out by the
   * database, unescaped, in a subquery that names it once.
   */
  async readStreamJson(streamName: string, options: ReadStreamJsonOptions = {}): Promise<StreamEventJson[]> {
    const { textField } = options;
    const values: unknown[] = [streamName, options.fromRevision ?? 0n, options.maxCount ?? null];
    if (textField !== undefined) values.push(textField);
    const { rows } = await this.pool.query<[string, string, string, string | null]>({
      text:
        textField === undefined
          ? `SELECT e.stream_position::text, e.event_type, e.data::text, NULL FROM ${this.schema.events} e
       WHERE e.stream_name = $1 AND e.stream_position >= $2
       ORDER BY e.stream_position
       LIMIT $3`
          : `SELECT s.stream_position::text, s.event_type, CASE WHEN s.field IS NULL THEN s.data::text ELSE (s.data - $4::text)::text END, s.field
       FROM (
         SELECT e.stream_position, e.event_type, e.data, e.data ->> $4::text AS field FROM ${this.schema.events} e
         WHERE e.stream_name = $1 AND e.stream_position >= $2
         ORDER BY e.stream_position
         LIMIT $3 OFFSET 0
       ) s
       ORDER BY s.stream_position`,
      values,
      rowMode: 'array',
    });
    const events: StreamEventJson[] = new Array(rows.length);
    for (let index = 0; index < rows.length; index += 1) {
      const [position, type, dataJson, fieldText] = rows[index]!;
      if (!this.upcasters.readsDataAsStored(type)) return (await this.readStream(streamName, options)).map((event) => streamEventJson(event, textField));
      events[index] = fieldText === null ? { type, dataJson, streamPosition: BigInt(position) } : { type, dataJson, streamPosition: BigInt(position), fieldText };
    }
    return events;
  }

  async readAll(from: ReadAllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const page = await this.readPage(this.pool, cursorFrom(from), options.limit ?? DEFAULT_READ_ALL_LIMIT, options.filter);
    return [...page.events];
  }

  /**
   * As `readAll`, with every event exactly as stored: neither upcast nor repaired, as a later release
   * might do differently. What a seal of the log covers.
   */
  async readAllAsStored(from: ReadAllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const page = await this.readPage(this.pool, cursorFrom(from), options.limit ?? DEFAULT_READ_ALL_LIMIT, options.filter, false);
    return [...page.events];
  }

  /**
   * One statement: each stream of the category (from the streams table), its last event below the
   * statement's horizon — the events `readAll` may read — and at or before `through` when given,
   * found backwards on the stream's own index. The heads are then those of one point of the log.
   */
  async readStreamHeads(category: string, options: ReadStreamHeadsOptions = {}): Promise<StreamHeads> {
    const through = options.through === undefined ? null : globalPositionParts(options.through);
    const { rows } = await this.pool.query<[string, string, string, string]>({
      text: `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS transaction_id)
       SELECT s.stream_name, head.stream_position::text, head.transaction_id::text, head.global_position::text
       FROM horizon, ${this.schema.streams} s
       CROSS JOIN LATERAL (
         SELECT e.stream_position, e.transaction_id, e.global_position
         FROM ${this.schema.events} e
         WHERE e.stream_name = s.stream_name AND e.transaction_id < horizon.transaction_id
           AND ($2::xid8 IS NULL OR (e.transaction_id, e.global_position) <= ($2::xid8, $3::bigint))
         ORDER BY e.stream_position DESC
         LIMIT 1
       ) head
       WHERE split_part(s.stream_name, '-', 1) = $1`,
      values: [category, through?.major.toString() ?? null, through?.minor.toString() ?? null],
      rowMode: 'array',
    });
    return streamHeadsOf(
      rows.map(([streamName, revision, transactionId, position]) => ({
        streamName,
        lastRevision: BigInt(revision),
        lastGlobalPosition: globalPosition(BigInt(transactionId), BigInt(position)),
      })),
    );
  }

  /** Each subscription holds one connection of the pool while it is iterated: size the pool for them. */
  subscribe(from: ReadAllFrom, options: SubscribeOptions = {}): EventSubscription {
    const subscription = new PostgresSubscription({
      pool: this.pool,
      channel: this.schema.channel,
      from: cursorFrom(from),
      pageSize: this.options.subscriptionPageSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
      readIntervalMs: this.options.subscriptionReadIntervalMs ?? DEFAULT_SUBSCRIPTION_READ_INTERVAL_MS,
      readPage: (client, after, limit) => this.readPage(client, after, limit, options.filter),
      reads: {
        types: options.filter?.eventTypes?.length ? new Set(this.upcasters.storedTypesFor(options.filter.eventTypes)) : null,
        categories: options.filter?.streamCategories?.length ? new Set(options.filter.streamCategories) : null,
      },
      onClosed: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * One page in read order, and how far the next page may start: past the page's last event, or —
   * when the page is not full — past every transaction older than the horizon, all of whose rows
   * this read has seen. The horizon comes from the statement's own snapshot, so every transaction
   * below it is visible to the same read.
   */
  private async readPage(
    db: Pool | PoolClient,
    after: ReadCursor,
    limit: number,
    filter: EventFilter | undefined,
    upcast = true,
  ): Promise<SubscriptionPage> {
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`Invalid read limit: ${limit}`);
    const conditions = [
      '(e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)',
      'e.transaction_id < horizon.transaction_id',
    ];
    const parameters: unknown[] = [after.transactionId.toString(), after.position, limit];
    if (filter?.eventTypes?.length) {
      parameters.push(this.upcasters.storedTypesFor(filter.eventTypes));
      conditions.push(`e.event_type = ANY($${parameters.length}::text[])`);
    }
    if (filter?.streamCategories?.length) {
      parameters.push(filter.streamCategories);
      conditions.push(`e.stream_category = ANY($${parameters.length}::text[])`);
    }
    const { rows } = await db.query<Partial<EventRow> & { horizon: string }>(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS transaction_id)
       SELECT horizon.transaction_id::text AS horizon, page.*
       FROM horizon LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS}
         FROM ${this.schema.events} e
         WHERE ${conditions.join(' AND ')}
         ORDER BY e.transaction_id, e.global_position
         LIMIT $3
       ) page ON true
       ORDER BY page.transaction_id::xid8, page.global_position`,
      parameters,
    );
    const eventRows = rows.filter((row): row is EventRow & { horizon: string } => row.event_id !== null);
    const events = eventRows.map((row) => (upcast ? this.toRecordedEvent(row) : storedEvent(row)));
    const last = eventRows.at(-1);
    const afterPage = last
      ? { transactionId: BigInt(last.transaction_id), position: BigInt(last.global_position) }
      : after;
    const next =
      events.length < limit ? laterCursor(afterPage, cursorBeforeTransaction(BigInt(rows[0]!.horizon))) : afterPage;
    return { events, next };
  }

  private toRecordedEvent(row: EventRow): RecordedEvent {
    return this.upcasters.upcast(storedEvent(row));
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.notifier.close();
    if (this.ownsPool) await this.pool.end();
  }
}

function storedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: { ...row.metadata, recordedAt: row.recorded_at },
    streamName: row.stream_name,
    streamPosition: BigInt(row.stream_position),
    globalPosition: globalPosition(BigInt(row.transaction_id), BigInt(row.global_position)),
  };
}

const DEFAULT_NOTIFY_INTERVAL_MS = 25;
const DEFAULT_SUBSCRIPTION_READ_INTERVAL_MS = 25;

function isDatabaseError(error: unknown, code: string): error is DatabaseError {
  return error instanceof DatabaseError && error.code === code;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return isDatabaseError(error, '23505') && error.constraint === constraint;
}
