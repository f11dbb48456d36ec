import { randomUUID } from 'node:crypto';
import {
  PostgresCheckpointStore,
  PostgresEventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@training-ledger/event-store';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { sleep } from '../async-utils';
import { decodeIntegrationMessage, parseTraceparent, traceIdForCorrelation, type IntegrationEventMapper } from '../envelope';
import { createKafkaClient, parseBrokerList } from '../kafka-client';
import type { MessagingLogger } from '../logger';
import { deleteTopicsQuietly, readWholeTopic } from '../testing/topic-reader';
import { ensureTopics, serviceEventsTopic } from '../topics';
import { EventRelay } from './event-relay';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const runId = randomUUID().replace(/-/g, '').slice(0, 10);
const schema = `it_relay_${runId}`;
const service = `it-relay-${runId}`;
const topic = serviceEventsTopic(service);

let pool: Pool;
let store: PostgresEventStore;
let checkpoints: PostgresCheckpointStore;
let kafka: Kafka;

/** Registration events carry a national id that must not leave the service. */
const mapper: IntegrationEventMapper = (event) => {
  if (event.type === 'TraineeRegistered') {
    const { nationalId: _private, ...publicData } = event.data as { nationalId: string; name: string };
    return { type: 'TraineeRegistered.v1', data: publicData };
  }
  if (event.type === 'NominationSubmitted') return { type: 'NominationSubmitted.v1', data: event.data };
  return null;
};

function relay(): EventRelay {
  return new EventRelay({ service, kafka, eventStore: store, checkpoints, mapper, maxBatchSize: 7, logger: quiet });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

const flowCorrelationId = randomUUID();

async function appendFlow(trainee: number): Promise<GlobalPosition> {
  const metadata = {
    correlationId: flowCorrelationId,
    actor: { id: 'hr-officer', roles: ['agency-hr'], agencyId: 'mof' },
    occurredAt: '2026-06-02T08:00:00.000Z',
  };
  await store.appendToStream(
    `trainee-${trainee}`,
    [{ type: 'TraineeRegistered', data: { name: `Trainee ${trainee}`, nationalId: `0012030${trainee}` }, metadata }],
    { expectedVersion: 'no_stream' },
  );
  await store.appendToStream(
    `trainee-${trainee}`,
    [{ type: 'InternalNoteAdded', data: { note: 'checked documents' }, metadata: { ...metadata, causationId: flowCorrelationId } }],
    { expectedVersion: 0n },
  );
  const nominated = await store.appendToStream(
    `trainee-${trainee}`,
    [
      { type: 'NominationSubmitted', data: { courseRunId: 'run-1' }, metadata: { ...metadata, causationId: flowCorrelationId } },
      { type: 'NominationSubmitted', data: { courseRunId: 'run-2' }, metadata: { ...metadata, causationId: flowCorrelationId } },
    ],
    { expectedVersion: 1n },
  );
  return nominated.lastGlobalPosition;
}

beforeAll(async () => {
  pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  store = await PostgresEventStore.create({ pool, schema });
  checkpoints = new PostgresCheckpointStore(pool, schema);
  kafka = createKafkaClient({ clientId: service, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet });
  await ensureTopics(kafka, [{ topic, numPartitions: 4 }], { replicationFactor: 1, logger: quiet });
});

afterAll(async () => {
  await store?.close();
  await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
  if (kafka) await deleteTopicsQuietly(kafka, [topic]);
});

describe('EventRelay against PostgreSQL and Kafka', () => {
  it('publishes every public event of the log, keyed by stream, in stream order, with its headers', async () => {
    let last: GlobalPosition | null = null;
    for (let trainee = 0; trainee < 12; trainee += 1) last = await appendFlow(trainee);
    const running = relay();
    await running.start();
    try {
      expect(running.isReady()).toBe(true);
      await until(async () => running.status().checkpoint === last, 'the checkpoint to reach the log end');
      expect(running.status()).toMatchObject({ publishedEvents: 36, skippedEvents: 12, pendingEvents: 0 });
      expect(await checkpoints.load(`event-relay:${topic}`)).toBe(last);
    } finally {
      await running.stop();
    }

    const log = await store.readAll('start', { limit: 100 });
    const published = await readWholeTopic(kafka, topic);
    const expected = log.filter((event) => mapper(event) !== null);
    expect(published).toHaveLength(expected.length);

    const byId = new Map<string, RecordedEvent>(log.map((event) => [event.eventId, event]));
    const partitionOfStream = new Map<string, number>();
    const revisionsOfStream = new Map<string, bigint[]>();
    for (const { partition, message } of published) {
      const decoded = decodeIntegrationMessage(message);
      const source = byId.get(decoded.eventId)!;
      expect(source).toBeDefined();
      expect(message.key?.toString()).toBe(source.streamName);
      expect(decoded.source).toEqual({
        service,
        streamName: source.streamName,
        streamPosition: source.streamPosition,
        globalPosition: source.globalPosition,
      });
      expect(decoded.metadata).toEqual(source.metadata);
      expect(JSON.stringify(decoded.data)).not.toContain('nationalId');

      const headers = decoded.headers;
      expect(headers['type']).toBe(decoded.type);
      expect(headers['eventId']).toBe(source.eventId);
      expect(headers['correlationId']).toBe(flowCorrelationId);
      expect(headers['content-type']).toBe('application/json');
      if (source.metadata.causationId) expect(headers['causationId']).toBe(source.metadata.causationId);
      else expect(headers).not.toHaveProperty('causationId');
      expect(parseTraceparent(headers['traceparent']!)?.traceId).toBe(traceIdForCorrelation(flowCorrelationId));

      expect(partitionOfStream.get(source.streamName) ?? partition).toBe(partition);
      partitionOfStream.set(source.streamName, partition);
      revisionsOfStream.set(source.streamName, [...(revisionsOfStream.get(source.streamName) ?? []), source.streamPosition]);
    }
    expect(revisionsOfStream.size).toBe(12);
    for (const revisions of revisionsOfStream.values()) expect(revisions).toEqual([0n, 2n, 3n]);
    expect(new Set(partitionOfStream.values()).size).toBeGreaterThan(1);
  });

  it('after a graceful stop resumes where it left off without sending anything twice', async () => {
    const before = (await readWholeTopic(kafka, topic)).length;
    const last = await appendFlow(100);
    const running = relay();
    await running.start();
    try {
      await until(async () => (await checkpoints.load(`event-relay:${topic}`)) === last, 'the new events to be relayed');
    } finally {
      await running.stop();
    }
    expect(running.status().state).toBe('stopped');
    const after = await readWholeTopic(kafka, topic);
    expect(after).toHaveLength(before + 3);
    expect(after.filter(({ message }) => message.key?.toString() === 'trainee-100')).toHaveLength(3);
  });
  it('publishes a batch of one stream that is more than the broker takes in one request', async () => {
    // 120 events of 10 kB on one key, one partition: 1.2 MB, over the broker's 1 MiB per record batch.
    const metadata = { correlationId: randomUUID(), actor: { id: 'sealer', roles: ['system'], agencyId: null }, occurredAt: '2026-06-02T08:00:00.000Z' };
    let last: GlobalPosition | null = null;
    for (let page = 0; page < 12; page += 1) {
      const events = Array.from({ length: 10 }, (_, index) => ({ type: 'NominationSubmitted', data: { courseRunId: `${page * 10 + index}:${'x'.repeat(10_000)}` }, metadata }));
      last = (await store.appendToStream('heavy-stream', events, { expectedVersion: page === 0 ? 'no_stream' : BigInt(page * 10 - 1) })).lastGlobalPosition;
    }
    const running = new EventRelay({ service, kafka, eventStore: store, checkpoints, mapper, maxBatchSize: 500, logger: quiet });
    await running.start();
    try {
      await until(async () => (await checkpoints.load(`event-relay:${topic}`)) === last, 'the heavy stream to be relayed');
    } finally {
      await running.stop();
    }
    const heavy = (await readWholeTopic(kafka, topic)).filter(({ message }) => message.key?.toString() === 'heavy-stream');
    expect(heavy.map(({ message }) => Number((decodeIntegrationMessage(message).data as { courseRunId: string }).courseRunId.split(':')[0]))).toEqual(
      Array.from({ length: 120 }, (_, index) => index),
    );
  });
});
