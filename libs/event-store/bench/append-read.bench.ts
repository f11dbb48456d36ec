/**
 * Append and read throughput of the PostgreSQL event store, next to what the same database does
 * with plain multi-row INSERTs and sequential SELECTs of equally sized rows, and next to the same
 * appends through @event-driven-io/emmett-postgresql; and whole commands (state, decision, one event)
 * as the services handle them, next to Emmett's CommandHandler. Runs in a scratch database on the server of
 * DATABASE_URL, dropped at the end. Each case runs for BENCH_CASE_SECONDS (default 3).
 *
 *   npm run bench:event-store
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { handleCommand, PostgresEventStore, StreamStateCache, type EventToAppend, type ExpectedVersion, type GlobalPosition } from '../src';

const caseMs = Number(process.env.BENCH_CASE_SECONDS ?? 3) * 1_000;
const readPageSize = 1_000;
const streamsPerWriter = 100;
const concurrentWriters = 8;

interface Appender {
  readonly name: string;
  /** Appends one batch of `size` events to the next of this writer's streams. */
  append(writer: number, size: number): Promise<void>;
}

interface Row {
  readonly label: string;
  readonly ours: number;
  readonly raw: number;
  readonly emmett: number | string;
}

const metadata = {
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'bench-officer', roles: ['programme-office'], agencyId: 'mofa' },
  occurredAt: '2026-09-14T02:00:00.000Z',
};

function sampleEvent(): EventToAppend {
  return {
    type: 'NominationSubmitted',
    data: {
      nominationId: randomUUID(),
      traineeId: randomUUID(),
      courseRunId: 'course-run-2026-universal-negotiation-03',
      agencyId: 'province-lao-cai',
      targetGroup: 'regular',
      justification: 'Leads the provincial delegation to the border trade committee with Yunnan.',
    },
    metadata,
  };
}

/** Round-robins each writer over its own streams, remembering each stream's revision. */
class StreamCycle<TRevision> {
  private readonly revisions = new Map<string, TRevision>();
  private turn = 0;

  constructor(
    private readonly prefix: string,
    private readonly initial: TRevision,
  ) {}

  next(writer: number): { stream: string; revision: TRevision } {
    this.turn += 1;
    const stream = `${this.prefix}-w${writer}s${this.turn % streamsPerWriter}`;
    return { stream, revision: this.revisions.get(stream) ?? this.initial };
  }

  advance(stream: string, revision: TRevision): void {
    this.revisions.set(stream, revision);
  }
}

function ourAppender(store: PostgresEventStore): Appender {
  const cycle = new StreamCycle<ExpectedVersion>(`ours${randomBytes(3).toString('hex')}`, 'no_stream');
  return {
    name: 'event store',
    async append(writer, size) {
      const { stream, revision } = cycle.next(writer);
      const events = Array.from({ length: size }, sampleEvent);
      const result = await store.appendToStream(stream, events, { expectedVersion: revision });
      cycle.advance(stream, result.nextExpectedVersion);
    },
  };
}

const countEvents = { initialState: () => 0, evolve: (count: number) => count + 1 };

/** Commands as the services handle them: each stream's state cached, a decision, one event appended. */
function ourCommands(store: PostgresEventStore): Appender {
  const cycle = new StreamCycle<null>(`cmd${randomBytes(3).toString('hex')}`, null);
  const stateCache = new StreamStateCache<number>();
  const decider = { ...countEvents, decide: () => [sampleEvent()] };
  return {
    name: 'commands',
    async append(writer) {
      const { stream } = cycle.next(writer);
      await handleCommand(store, decider, {
        streamName: stream,
        command: { type: 'SubmitNomination', data: {}, metadata },
        commandId: randomUUID(),
        stateCache,
      });
    },
  };
}

/** The same rows, with the same indexes, written by one multi-row INSERT per batch. */
function rawAppender(pool: Pool): Appender {
  const cycle = new StreamCycle<number>(`raw${randomBytes(3).toString('hex')}`, 0);
  return {
    name: 'raw INSERT',
    async append(writer, size) {
      const { stream, revision } = cycle.next(writer);
      const values: unknown[] = [];
      const rows = Array.from({ length: size }, (_, index) => {
        const event = sampleEvent();
        values.push(stream, revision + index, randomUUID(), event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
        const at = index * 6;
        return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`;
      });
      await pool.query(
        `INSERT INTO raw_bench.events (stream_name, stream_position, event_id, event_type, data, metadata)
         VALUES ${rows.join(', ')}`,
        values,
      );
      cycle.advance(stream, revision + size);
    },
  };
}

interface Emmett {
  readonly appender: Appender;
  readonly commands: Appender;
  close(): Promise<void>;
}

async function emmettAppender(connectionString: string): Promise<Emmett | string> {
  try {
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
    const { CommandHandler, STREAM_DOES_NOT_EXIST } = await import('@event-driven-io/emmett');
    const emmett = getPostgreSQLEventStore(connectionString);
    const handle = CommandHandler({ ...countEvents });
    const commandStreams = new StreamCycle<null>(`emmettcmd${randomBytes(3).toString('hex')}`, null);
    const cycle = new StreamCycle<bigint>(`emmett${randomBytes(3).toString('hex')}`, 0n);
    return {
      appender: {
        name: 'emmett',
        async append(writer, size) {
          const { stream, revision } = cycle.next(writer);
          const events = Array.from({ length: size }, () => {
            const { type, data, metadata: eventMetadata } = sampleEvent();
            return { type, data: data as Record<string, unknown>, metadata: eventMetadata };
          });
          const result = await emmett.appendToStream(stream, events, {
            expectedStreamVersion: revision === 0n ? STREAM_DOES_NOT_EXIST : revision,
          });
          cycle.advance(stream, result.nextExpectedStreamVersion);
        },
      },
      commands: {
        name: 'emmett commands',
        async append(writer) {
          const { stream } = commandStreams.next(writer);
          await handle(emmett, stream, () => {
            const { type, data, metadata: eventMetadata } = sampleEvent();
            return [{ type, data: data as Record<string, unknown>, metadata: eventMetadata }];
          });
        },
      },
      close: () => emmett.close(),
    };
  } catch (error) {
    return `not available: ${(error as Error).message}`;
  }
}

/** Events per second that `writers` concurrent loops of `size`-event appends sustain for one case. */
async function appendThroughput(appender: Appender, size: number, writers = 1): Promise<number> {
  await Promise.all(Array.from({ length: writers }, (_, writer) => appender.append(writer, size)));
  let appended = 0;
  const started = performance.now();
  const deadline = started + caseMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < deadline) {
        await appender.append(writer, size);
        appended += size;
      }
    }),
  );
  return appended / ((performance.now() - started) / 1_000);
}

/** Events per second read page by page from the start of the log, starting over at its end. */
async function readThroughput<TCursor>(
  readPage: (after: TCursor | null) => Promise<{ count: number; last: TCursor | null }>,
): Promise<number> {
  let read = 0;
  let after: TCursor | null = null;
  const started = performance.now();
  while (performance.now() - started < caseMs) {
    const page = await readPage(after);
    read += page.count;
    after = page.count < readPageSize ? null : page.last;
  }
  return read / ((performance.now() - started) / 1_000);
}

function printTable(rows: readonly Row[]): void {
  const format = (value: number | string): string =>
    typeof value === 'number' ? Math.round(value).toLocaleString('en-US') : value;
  const ratio = (value: number | string, ours: number): string =>
    typeof value === 'number' ? `${(value / ours).toFixed(2)}x` : '-';
  const table = [
    ['case', 'event store (ev/s)', 'raw SQL (ev/s)', 'raw / ours', 'emmett (ev/s)', 'emmett / ours'],
    ...rows.map((row) => [
      row.label,
      format(row.ours),
      format(row.raw),
      ratio(row.raw, row.ours),
      format(row.emmett),
      ratio(row.emmett, row.ours),
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  for (const [index, cells] of table.entries()) {
    console.log(cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL server to measure');
  const database = `bench_event_store_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${database}`);
  const benchUrl = new URL(databaseUrl);
  benchUrl.pathname = `/${database}`;
  const pool = new Pool({ connectionString: benchUrl.toString(), max: concurrentWriters + 2 });
  const emmett = await emmettAppender(benchUrl.toString());
  try {
    const store = await PostgresEventStore.create({ pool });
    await pool.query(`
      CREATE SCHEMA raw_bench;
      CREATE TABLE raw_bench.events (LIKE event_store.events INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY);
      ALTER TABLE raw_bench.events ADD PRIMARY KEY (global_position),
        ADD UNIQUE (stream_name, stream_position), ADD UNIQUE (event_id);
      CREATE INDEX ON raw_bench.events (transaction_id, global_position);`);
    const { rows: versionRows } = await pool.query<{ server_version: string }>('SHOW server_version');
    console.log(
      `PostgreSQL ${versionRows[0]!.server_version}, ${caseMs / 1_000} s per case; ` +
        'raw SQL = same columns and indexes, no stream table, no checks, no triggers',
    );

    const ours = ourAppender(store);
    const raw = rawAppender(pool);
    const rows: Row[] = [];
    for (const size of [1, 50, 500]) {
      rows.push({
        label: `append, batches of ${size}`,
        ours: await appendThroughput(ours, size),
        raw: await appendThroughput(raw, size),
        emmett: typeof emmett === 'string' ? emmett : await appendThroughput(emmett.appender, size),
      });
    }
    rows.push({
      label: 'command: state, decision, 1 event',
      ours: await appendThroughput(ourCommands(store), 1),
      raw: rows[0]!.raw,
      emmett: typeof emmett === 'string' ? emmett : await appendThroughput(emmett.commands, 1),
    });
    rows.push({
      label: `append, batches of 1, ${concurrentWriters} writers`,
      ours: await appendThroughput(ours, 1, concurrentWriters),
      raw: await appendThroughput(raw, 1, concurrentWriters),
      emmett: typeof emmett === 'string' ? emmett : await appendThroughput(emmett.appender, 1, concurrentWriters),
    });
    await pool.query('ANALYZE event_store.events; ANALYZE raw_bench.events');
    rows.push({
      label: `read whole log, pages of ${readPageSize}`,
      ours: await readThroughput<GlobalPosition>(async (after) => {
        const page = await store.readAll(after ? { after } : 'start', { limit: readPageSize });
        return { count: page.length, last: page.at(-1)?.globalPosition ?? null };
      }),
      raw: await readThroughput<string>(async (after) => {
        const { rows: page } = await pool.query<{ global_position: string }>(
          `SELECT global_position, transaction_id, stream_name, stream_position, event_id, event_type, data, metadata, recorded_at
           FROM raw_bench.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
          [after ?? 0, readPageSize],
        );
        return { count: page.length, last: page.at(-1)?.global_position ?? null };
      }),
      emmett: 'not measured',
    });
    await store.close();
    printTable(rows);
  } finally {
    if (typeof emmett !== 'string') await emmett.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
