import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  compareGlobalPositions,
  PostgresCheckpointStore,
  PostgresEventStore,
  type GlobalPosition,
} from '@training-ledger/event-store';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { sleep } from '../async-utils';
import { decodeIntegrationMessage } from '../envelope';
import { createKafkaClient, parseBrokerList } from '../kafka-client';
import type { MessagingLogger } from '../logger';
import { deleteTopicsQuietly, readWholeTopic } from '../testing/topic-reader';
import { ensureTopics } from '../topics';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const workspaceRoot = resolve(__dirname, '../../../..');
const relayScript = resolve(__dirname, '../testing/relay-process.ts');

const runId = randomUUID().replace(/-/g, '').slice(0, 10);
const schema = `it_relay_crash_${runId}`;
const service = `it-relay-crash-${runId}`;
const topic = `${service}.events.v1`;
const checkpointName = `event-relay:${topic}`;

const STREAMS = 30;
const EVENTS_PER_STREAM = 100;
const EVENTS_PER_APPEND = 10;

let pool: Pool;
let store: PostgresEventStore;
let checkpoints: PostgresCheckpointStore;
let kafka: Kafka;
const children = new Set<ChildProcess>();

interface RelayProgress {
  publishedEvents: number;
  checkpoint: GlobalPosition | null;
}

interface RunningRelay {
  readonly child: ChildProcess;
  readonly latest: () => RelayProgress | null;
  readonly exited: Promise<number | null>;
}

function startRelayProcess(): RunningRelay {
  const child = spawn(process.execPath, ['--import', 'tsx', relayScript], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      EVENT_STORE_SCHEMA: schema,
      RELAY_SERVICE: service,
      RELAY_TOPIC: topic,
      RELAY_MAX_BATCH_SIZE: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let latest: RelayProgress | null = null;
  const errors: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    latest = JSON.parse(line) as RelayProgress;
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line.includes('"level":"info"')) errors.push(line);
  });
  const exited = once(child, 'exit').then(([code]) => {
    children.delete(child);
    return code as number | null;
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL' && errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
  });
  return { child, latest: () => latest, exited };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Appends round-robin over the streams, a few events per append, and returns their ids in stream order. */
async function appendEvents(fromIndex: number, toIndex: number): Promise<GlobalPosition> {
  let last: GlobalPosition | null = null;
  for (let index = fromIndex; index < toIndex; index += EVENTS_PER_APPEND) {
    const stream = (index / EVENTS_PER_APPEND) % STREAMS;
    const streamName = `trainee-${stream}`;
    const result = await store.appendToStream(
      streamName,
      Array.from({ length: EVENTS_PER_APPEND }, (_, offset) => ({
        type: 'AttendanceMarked',
        data: { index: index + offset },
        metadata: {
          correlationId: randomUUID(),
          actor: { id: 'trainer-1', roles: ['trainer'] },
          occurredAt: '2026-07-01T09:00:00.000Z',
        },
      })),
      { expectedVersion: 'any' },
    );
    last = result.lastGlobalPosition;
  }
  return last!;
}

beforeAll(async () => {
  pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  store = await PostgresEventStore.create({ pool, schema });
  checkpoints = new PostgresCheckpointStore(pool, schema);
  kafka = createKafkaClient({ clientId: service, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet });
  await ensureTopics(kafka, [{ topic, numPartitions: 3 }], { replicationFactor: 1, logger: quiet });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await store?.close();
  await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
  if (kafka) await deleteTopicsQuietly(kafka, [topic]);
});

describe('EventRelay killed in the middle of relaying', () => {
  it('loses no event and keeps each stream in order once restarted', async () => {
    const total = STREAMS * EVENTS_PER_STREAM;
    await appendEvents(0, total / 2);

    const first = startRelayProcess();
    const appendingTheRest = appendEvents(total / 2, total);
    await until(() => (first.latest()?.publishedEvents ?? 0) >= total / 3, 'the first relay to publish a third');
    first.child.kill('SIGKILL');
    await first.exited;
    const lastPosition = await appendingTheRest;

    const checkpointAtKill = await checkpoints.load(checkpointName);
    expect(checkpointAtKill).not.toBeNull();
    expect(compareGlobalPositions(checkpointAtKill!, lastPosition)).toBeLessThan(0);

    const second = startRelayProcess();
    await until(async () => (await checkpoints.load(checkpointName)) === lastPosition, 'the restarted relay to catch up');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const published = (await readWholeTopic(kafka, topic)).map((record) => ({
      key: record.message.key?.toString(),
      decoded: decodeIntegrationMessage(record.message),
    }));
    const appended = await store.readAll('start', { limit: total + 1 });
    expect(appended).toHaveLength(total);

    const firstDeliveries = new Map<string, (typeof published)[number]>();
    for (const message of published) {
      if (!firstDeliveries.has(message.decoded.eventId)) firstDeliveries.set(message.decoded.eventId, message);
    }
    expect(firstDeliveries.size).toBe(total);
    expect(new Set(firstDeliveries.keys())).toEqual(new Set(appended.map((event) => event.eventId)));
    process.stdout.write(
      `relay crash test: ${published.length} messages for ${total} events (${published.length - total} re-sent after the kill)\n`,
    );

    const revisionsByStream = new Map<string, bigint[]>();
    for (const { key, decoded } of firstDeliveries.values()) {
      expect(key).toBe(decoded.source.streamName);
      const revisions = revisionsByStream.get(decoded.source.streamName) ?? [];
      revisions.push(decoded.source.streamPosition);
      revisionsByStream.set(decoded.source.streamName, revisions);
    }
    expect(revisionsByStream.size).toBe(STREAMS);
    for (const revisions of revisionsByStream.values()) {
      expect(revisions).toEqual(Array.from({ length: EVENTS_PER_STREAM }, (_, revision) => BigInt(revision)));
    }
  });
});
