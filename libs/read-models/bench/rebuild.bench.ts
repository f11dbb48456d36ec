/**
 * How fast a service's read model is rebuilt from its PostgreSQL log into the server MONGO_URL names,
 * next to two baselines measured in the same run on the same data:
 * - reading the log alone, page by page, as the rebuild reads it;
 * - inserting the rebuilt documents into an empty collection (what writing the result costs at least).
 *
 *   npm run bench:rebuild [-- trainees=8000]
 *
 * The log (trainee registrations, cleared details, certificates issued and revoked, certificates
 * arriving long after their trainee's registration) is appended once into the schema
 * `bench_rebuild_<trainees>` of DATABASE_URL and reused by later runs. Read models go to a scratch
 * database that is dropped at the end.
 */
import { PostgresEventStore } from '@training-ledger/event-store';
import { Pool } from 'pg';
import { eventLogCatchUp } from '../src/event-log-source';
import { Projector } from '../src/projector';
import { defineProjection } from '../src/projection';
import { ProjectionRunner } from '../src/runner';
import { scratchDatabase } from '../src/testing/fixtures';
import { traineeProgress } from '../src/testing/programme-projections';

const trainees = Number(process.argv.find((arg) => arg.startsWith('trainees='))?.split('=')[1] ?? 8_000);
const service = 'certification';
const appendConcurrency = 8;

interface LoggedEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A deterministic history: every trainee registers early, certificates come over the whole timeline. */
function history(): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  let certificate = 0;
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let index = 0; index < trainees; index++) {
    const traineeId = `t-${index}`;
    events.push({
      stream: `trainee-${traineeId}`,
      type: 'TraineeRegistered.v1',
      data: { traineeId, agencyId: `agency-${index % 40}`, province: `P${index % 34}`, targetGroup: index % 3 ? 'regular' : 'non-regular' },
    });
    // Certificates of trainees registered a while ago, so that most documents are written again much later.
    for (let issued = 0; issued < 3; issued++) {
      const holder = Math.floor(random() * (index + 1));
      const certificateId = `c-${certificate++}`;
      events.push({
        stream: `certificate-${certificateId}`,
        type: 'CertificateIssued.v1',
        data: { certificateId, traineeId: `t-${holder}`, hours: 8 + (holder % 5) * 8, issuedOn: `2027-${String(1 + (certificate % 12)).padStart(2, '0')}-01` },
      });
      if (random() < 0.05) {
        events.push({
          stream: `certificate-${certificateId}`,
          type: 'CertificateRevoked.v1',
          data: { certificateId, traineeId: `t-${holder}`, hours: 8 + (holder % 5) * 8 },
        });
      }
    }
    if (random() < 0.1) events.push({ stream: `trainee-${traineeId}`, type: 'TraineeDetailsCleared.v1', data: { traineeId } });
  }
  return events;
}

const metadata = {
  correlationId: '0b7c7a39-5d7e-4c55-8f0e-9b8f1f7c1a11',
  causationId: null,
  actor: { id: 'bench-officer', roles: ['programme-office'] },
  occurredAt: '2026-09-14T02:00:00.000Z',
};

/** Appends the history unless the schema already holds it; events of one stream keep their order. */
async function ensureLog(store: PostgresEventStore, pool: Pool, schema: string, events: readonly LoggedEvent[]): Promise<void> {
  const stored = await pool.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${schema}.events`).catch(() => null);
  if (stored && Number(stored.rows[0]?.count) === events.length) return;
  if (stored && Number(stored.rows[0]?.count) > 0) throw new Error(`Schema ${schema} holds a partial log: drop it and run again`);
  console.log(`appending ${events.length} events into ${schema} (once)…`);
  const revisions = new Map<string, bigint>();
  const lanes: LoggedEvent[][] = Array.from({ length: appendConcurrency }, () => []);
  const laneOf = (stream: string): number => [...stream].reduce((sum, char) => sum + char.charCodeAt(0), 0) % appendConcurrency;
  for (const event of events) lanes[laneOf(event.stream)]?.push(event);
  await Promise.all(
    lanes.map(async (lane) => {
      for (const event of lane) {
        const revision = revisions.get(event.stream);
        await store.appendToStream(event.stream, [{ type: event.type, data: event.data, metadata }], {
          expectedVersion: revision === undefined ? 'no_stream' : revision,
        });
        revisions.set(event.stream, (revision ?? -1n) + 1n);
      }
    }),
  );
}

async function seconds<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1_000 };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const schema = `bench_rebuild_${trainees}`;
  const pool = new Pool({ connectionString: databaseUrl, max: appendConcurrency + 2 });
  const store = await PostgresEventStore.create({ pool, schema });
  const scratch = await scratchDatabase('read_models_rebuild_bench');
  try {
    const events = history();
    await ensureLog(store, pool, schema, events);
    const filter = { eventTypes: traineeProgress.eventTypes };
    const catchUp = eventLogCatchUp(store, { service, filter });
    const server = (await scratch.connection.db!.admin().command({ buildInfo: 1 })) as { version: string; ferretdbVersion?: string };
    console.log(
      `server: ${server.ferretdbVersion ? `FerretDB ${server.ferretdbVersion}` : `MongoDB ${server.version}`}; ` +
        `${events.length} events, ${trainees} documents`,
    );

    const read = await seconds(async () => {
      let count = 0;
      for await (const event of catchUp(null, new AbortController().signal)) if (event) count++;
      return count;
    });

    // The runtime's path: a runner finds its checkpoint one version behind and rebuilds from the log.
    const projector = new Projector(scratch.connection);
    const previous = defineProjection({ name: traineeProgress.name, version: 1, collection: traineeProgress.collection, handlers: {} });
    const bumped = { ...traineeProgress, version: 2, operationsFor: traineeProgress.operationsFor };
    await projector.initialize(previous);
    const runner = new ProjectionRunner(projector, bumped, { source: catchUp, replaySource: catchUp });
    const rebuild = await seconds(() => runner.run());
    const status = runner.status();
    if (status.eventsProcessed !== 0) throw new Error(`The runner read ${status.eventsProcessed} events after its rebuild`);
    const collection = status.collection as string;

    const db = scratch.connection.db!;
    const documents = await db.collection(collection).find({}).toArray();
    const insert = await seconds(async () => {
      for (let start = 0; start < documents.length; start += 1_000) {
        await db.collection('raw_insert').insertMany(documents.slice(start, start + 1_000), { ordered: false });
      }
    });

    const rate = (seconds: number): number => Math.round(read.result / seconds);
    console.log(`read the log alone      ${read.seconds.toFixed(2)} s  ${rate(read.seconds)} events/s`);
    console.log(`insert the documents    ${insert.seconds.toFixed(2)} s  (${documents.length} documents)`);
    console.log(`rebuild through runner  ${rebuild.seconds.toFixed(2)} s  ${rate(rebuild.seconds)} events/s`);
    console.log(
      `rebuild / read-only: ${(read.seconds / rebuild.seconds).toFixed(2)} of the reading rate; ` +
        `rebuild takes ${(rebuild.seconds / (read.seconds + insert.seconds)).toFixed(2)}x reading + inserting`,
    );
    console.log(`RESULT events/s=${rate(rebuild.seconds)} read=${rate(read.seconds)} insertSeconds=${insert.seconds.toFixed(2)}`);
  } finally {
    await scratch.drop();
    await store.close();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
