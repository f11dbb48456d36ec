import { globalPosition, PostgresEventStore } from '@training-ledger/event-store';
import {
  createKafkaClient,
  encodeIntegrationMessage,
  ensureTopics,
  IntegrationEventConsumer,
  deadLetterTopic,
  redriveTopic,
  type IntegrationEventHandler,
  type MessagingLogger,
} from '@training-ledger/messaging';
import { deleteTopicsQuietly } from '@training-ledger/messaging/testing';
import { eventually, workspaceRoot } from '@training-ledger/test-servers';
import { Partitioners, type Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { EventLogQuarantine, QUARANTINE_EVENT_TYPE, quarantineStreamName, REDRIVE_EVENT_TYPE } from './quarantine-log';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const run = randomUUID().slice(0, 8);
const service = `redrive-${run}`;
const schema = `it_redrive_${run}`;
const topic = `it-redrive-${run}.events.v1`;
const groupId = `it-redrive-${run}.projection.nominations`;

interface Nomination {
  readonly _id: string;
  readonly agencyId: string;
  readonly traineeId: string;
  readonly position: number;
  readonly writes: number;
}

/** `npm run dead-letters -- ...` as an operator runs it, against this test's schema. */
async function deadLetters(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', '--tsconfig', 'tsconfig.json', 'libs/service-runtime/src/cli/dead-letters.ts', ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, EVENT_STORE_SCHEMA: schema },
  });
  return stdout;
}

/**
 * A nomination whose agency the read model does not know yet is dead-lettered after its retries;
 * once the agency is there, an operator redrives it with the command-line tool, and the same
 * consumer's handler, guarded by the stream position, writes it. A second redrive sends nothing.
 */
describe('redriving a dead letter once its cause is fixed', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  let store: PostgresEventStore;
  let quarantine: EventLogQuarantine;
  let kafka: Kafka;
  let mongo: Connection;
  let consumer: IntegrationEventConsumer;

  beforeAll(async () => {
    store = await PostgresEventStore.create({ pool, schema });
    quarantine = new EventLogQuarantine(store, service);
    kafka = createKafkaClient({ clientId: `it-redrive-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') });
    await ensureTopics(kafka, [topic, deadLetterTopic(groupId), redriveTopic(groupId)].map((name) => ({ topic: name, numPartitions: 1 })), { replicationFactor: 1, logger: quiet });
    mongo = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: `it_redrive_${run}` }).asPromise();
    const handler: IntegrationEventHandler = async (message) => {
      const data = message.data as { agencyId: string; traineeId: string };
      if (!(await mongo.db!.collection('agencies').findOne({ _id: data.agencyId as never }))) throw new Error(`agency ${data.agencyId} is unknown`);
      const nominations = mongo.db!.collection<Nomination>('nominations');
      const position = Number(message.source.streamPosition);
      const known = await nominations.findOne({ _id: message.source.streamName });
      if (known && known.position >= position) return;
      await nominations.updateOne({ _id: message.source.streamName }, { $set: { ...data, position }, $inc: { writes: 1 } }, { upsert: true });
    };
    consumer = new IntegrationEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      handler,
      redriveTopic: redriveTopic(groupId),
      quarantine,
      retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 50, multiplier: 2 },
      logger: quiet,
    });
    await consumer.start();
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    await deleteTopicsQuietly(kafka, [topic, deadLetterTopic(groupId), redriveTopic(groupId)]);
    await mongo?.dropDatabase();
    await mongo?.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }, 120_000);

  it('lists it, shows it, redrives it once and records who did it and when', async () => {
    const eventId = randomUUID();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        encodeIntegrationMessage({
          eventId,
          type: 'TraineeNominated.v1',
          data: { agencyId: 'BTP', traineeId: 'T-1' },
          metadata: { correlationId: randomUUID(), causationId: null, actor: { id: 'agency-btp', roles: ['agency-integration'] }, occurredAt: '2027-04-20T02:00:00.000Z', recordedAt: '2027-04-20T02:00:00.100Z' },
          source: { service: 'enrolment', streamName: 'nomination-T-1', streamPosition: 0n, globalPosition: globalPosition(1n, 1n) },
        }),
      ],
    });
    await producer.disconnect();

    const [setAside] = await eventually('the nomination is dead-lettered', async () => {
      const waiting = await quarantine.list();
      return waiting.length > 0 ? waiting : null;
    });
    expect(setAside).toMatchObject({ source: `consumer:${groupId}`, eventId, eventType: 'TraineeNominated.v1', redriven: null });
    expect(setAside!.reason).toContain('agency BTP is unknown');
    const listed = await deadLetters('list', service);
    expect(listed).toContain(`consumer:${groupId} — handler-failed: agency BTP is unknown`);
    expect(listed).toMatch(new RegExp(`${setAside!.id}\\s+TraineeNominated\\.v1 .* waiting`));
    const shown = JSON.parse(await deadLetters('show', service, setAside!.id.slice(0, 8))) as { message: { eventId: string }; redrivable: string };
    expect(shown).toMatchObject({ redrivable: 'yes', message: { eventId } });

    await mongo.db!.collection('agencies').insertOne({ _id: 'BTP' as never, name: 'Bộ Tư pháp' });
    const before = Date.now();
    expect(await deadLetters('redrive', service, setAside!.id, '--actor', 'ops.nguyen')).toMatch(/^redriven by ops\.nguyen to .*\.redrive\.v1\/0@0/);

    const nominations = mongo.db!.collection<Nomination>('nominations');
    const written = await eventually('the redriven nomination reaches the read model', () => nominations.findOne({ _id: 'nomination-T-1' }));
    expect(written).toMatchObject({ agencyId: 'BTP', traineeId: 'T-1', position: 0, writes: 1 });

    expect(await deadLetters('redrive', service, setAside!.id, '--actor', 'ops.tran')).toMatch(/^already redriven by ops\.nguyen at .*; nothing sent/);
    const admin = kafka.admin();
    await admin.connect();
    const [redriveEnd] = await admin.fetchTopicOffsets(redriveTopic(groupId));
    await admin.disconnect();
    expect(redriveEnd!.high).toBe('1');
    await new Promise((wait) => setTimeout(wait, 1_000));
    expect(await nominations.findOne({ _id: 'nomination-T-1' })).toMatchObject({ writes: 1 });

    // Recorded as facts, never by changing one: the set-aside event stays, the redrive follows it.
    const log = await store.readStream(quarantineStreamName(service));
    expect(log.map((event) => event.type)).toEqual([QUARANTINE_EVENT_TYPE, REDRIVE_EVENT_TYPE]);
    expect(log[1]!.metadata.actor).toEqual({ id: 'ops.nguyen', roles: ['operator'] });
    expect(Date.parse(log[1]!.metadata.occurredAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(await quarantine.list()).toEqual([]);
    expect((await quarantine.entries())[0]!.redriven).toMatchObject({ by: { id: 'ops.nguyen' } });
    expect(await deadLetters('list', service)).toContain('redriven by ops.nguyen');
  }, 180_000);
});
