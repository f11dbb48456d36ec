import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server } from 'node:net';
import { Client } from 'pg';
import { globalPosition } from '@training-ledger/event-store';
import { freePort } from '@training-ledger/test-servers';
import { Kafka as KafkaClient, Partitioners, type ISocketFactory, type Kafka, type Producer } from 'kafkajs';
import { sleep } from '../async-utils';
import { decodeIntegrationMessage, encodeIntegrationMessage, type IntegrationEvent } from '../envelope';
import { createKafkaClient, parseBrokerList } from '../kafka-client';
import type { MessagingLogger } from '../logger';
import { deleteTopicsQuietly, readWholeTopic } from '../testing/topic-reader';
import { deadLetterTopic, ensureTopics } from '../topics';
import { DeadLetterHeaders, IntegrationEventConsumer, type IntegrationEventHandler } from './integration-event-consumer';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const runId = randomUUID().slice(0, 8);
const topic = `it-messaging-${runId}.events.v1`;
const groupId = `it-messaging-${runId}.consumer`;
const dlqTopic = deadLetterTopic(groupId);
const outageTopic = `it-messaging-${runId}-outage.events.v1`;
const outageGroupId = `it-messaging-${runId}.outage`;
const lostCommitTopic = `it-messaging-${runId}-lost-commit.events.v1`;
const lostCommitGroupIds = [`it-messaging-${runId}.lost-commit.single`, `it-messaging-${runId}.lost-commit.batch`];

let kafka: Kafka;
let producer: Producer;

function integrationEvent(label: string): IntegrationEvent {
  return {
    eventId: randomUUID(),
    type: 'AttendanceMarked.v1',
    data: { label },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'trainer-1', roles: ['trainer'] },
      occurredAt: '2026-07-01T09:00:00.000Z',
      recordedAt: '2026-07-01T09:00:00.100Z',
    },
    source: { service: 'attendance', streamName: 'course-run-1', streamPosition: 0n, globalPosition: globalPosition(1n, 1n) },
  };
}

async function publish(events: Array<IntegrationEvent | string>): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: events.map((event) =>
      typeof event === 'string' ? { key: 'course-run-1', value: event } : encodeIntegrationMessage(event),
    ),
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

function consumerWith(handler: IntegrationEventHandler): IntegrationEventConsumer {
  return new IntegrationEventConsumer({
    kafka,
    groupId,
    topics: [topic],
    handler,
    retry: { attempts: 5, initialDelayMs: 20, maxDelayMs: 200, multiplier: 2 },
    logger: quiet,
  });
}

beforeAll(async () => {
  kafka = createKafkaClient({ clientId: `it-messaging-${runId}`, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet });
  await ensureTopics(
    kafka,
    [
      { topic, numPartitions: 3 },
      { topic: dlqTopic, numPartitions: 1 },
      { topic: outageTopic, numPartitions: 1 },
      { topic: deadLetterTopic(outageGroupId), numPartitions: 1 },
      { topic: lostCommitTopic, numPartitions: 1 },
      ...lostCommitGroupIds.map((id) => ({ topic: deadLetterTopic(id), numPartitions: 1 })),
    ],
    { replicationFactor: 1, logger: quiet },
  );
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  if (!kafka) return;
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId, outageGroupId, ...lostCommitGroupIds]).catch(() => undefined);
  await admin.disconnect();
  await deleteTopicsQuietly(kafka, [
    topic,
    dlqTopic,
    outageTopic,
    deadLetterTopic(outageGroupId),
    lostCommitTopic,
    ...lostCommitGroupIds.map(deadLetterTopic),
  ]);
});

describe('IntegrationEventConsumer against Kafka', () => {
  const flaky = integrationEvent('fails twice');
  const poison = integrationEvent('always fails');
  const afterPoison = integrationEvent('after the poison message');
  const malformed = '{"eventId": "cut short';
  const last = integrationEvent('last of the first run');
  const attempts = new Map<string, number>();
  const handledInOrder: string[] = [];

  it('retries, dead-letters and keeps the partition moving', async () => {
    await publish([flaky, poison, afterPoison, malformed, last]);
    const consumer = consumerWith(async (message) => {
      const attempt = (attempts.get(message.eventId) ?? 0) + 1;
      attempts.set(message.eventId, attempt);
      if (message.eventId === flaky.eventId && attempt <= 2) throw new Error(`transient failure ${attempt}`);
      if (message.eventId === poison.eventId) throw new Error('course run course-run-1 is unknown here');
      handledInOrder.push(message.eventId);
    });
    await consumer.start();
    try {
      await until(() => handledInOrder.includes(last.eventId), 'the last message to be handled');
      expect(consumer.status()).toMatchObject({ handledMessages: 3, deadLetteredMessages: 2 });
    } finally {
      await consumer.stop();
    }

    expect(attempts.get(flaky.eventId)).toBe(3);
    expect(attempts.get(poison.eventId)).toBe(5);
    expect(handledInOrder).toEqual([flaky.eventId, afterPoison.eventId, last.eventId]);

    const deadLetters = await readWholeTopic(kafka, dlqTopic);
    expect(deadLetters).toHaveLength(2);
    const header = (index: number, name: string) => deadLetters[index]!.message.headers?.[name]?.toString();
    expect(decodeIntegrationMessage(deadLetters[0]!.message).eventId).toBe(poison.eventId);
    expect(header(0, DeadLetterHeaders.reason)).toBe('course run course-run-1 is unknown here');
    expect(header(0, DeadLetterHeaders.failureKind)).toBe('handler-failed');
    expect(header(0, DeadLetterHeaders.attempts)).toBe('5');
    expect(header(0, DeadLetterHeaders.originalTopic)).toBe(topic);
    expect(deadLetters[1]!.message.value?.toString()).toBe(malformed);
    expect(header(1, DeadLetterHeaders.failureKind)).toBe('malformed');
    expect(header(1, DeadLetterHeaders.reason)).toContain('value is not JSON');
    expect(header(1, DeadLetterHeaders.originalPartition)).toBe(header(0, DeadLetterHeaders.originalPartition));
    expect(BigInt(header(1, DeadLetterHeaders.originalOffset)!)).toBeGreaterThan(BigInt(header(0, DeadLetterHeaders.originalOffset)!));
  });

  it('commits every settled message, so a restarted group sees only new ones', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedByPartition = new Map(committed[0]!.partitions.map((p) => [p.partition, p.offset]));
      for (const end of ends) {
        if (end.high !== '0') expect(committedByPartition.get(end.partition)).toBe(end.high);
      }
    } finally {
      await admin.disconnect();
    }

    const fresh = integrationEvent('published after the restart');
    const delivered: string[] = [];
    const restarted = consumerWith(async (message) => {
      delivered.push(message.eventId);
    });
    await restarted.start();
    try {
      await publish([fresh]);
      await until(() => delivered.includes(fresh.eventId), 'the new message');
      await sleep(500);
    } finally {
      await restarted.stop();
    }
    expect(delivered).toEqual([fresh.eventId]);
  });
});

/** A port nothing listens on until `open` forwards it to the real PostgreSQL: an outage, then recovery. */
class PostgresBehindAnOutage {
  private server: Server | null = null;
  private constructor(readonly port: number, private readonly target: URL) {}

  static async create(databaseUrl: string): Promise<PostgresBehindAnOutage> {
    return new PostgresBehindAnOutage(await freePort(), new URL(databaseUrl));
  }

  get databaseUrl(): string {
    const url = new URL(this.target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('IntegrationEventConsumer whose database is down for longer than its retries', () => {
  it('waits for the database, parks nothing and handles every message in order', async () => {
    const database = await PostgresBehindAnOutage.create(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const events = ['before the outage', 'during it', 'after it'].map(integrationEvent);
    const recorded: string[] = [];
    let failedCalls = 0;
    const consumer = new IntegrationEventConsumer({
      kafka,
      groupId: outageGroupId,
      topics: [outageTopic],
      handler: async (message) => {
        const client = new Client({ connectionString: database.databaseUrl, connectionTimeoutMillis: 2_000 });
        try {
          await client.connect();
          const { rows } = await client.query<{ id: string }>('SELECT $1::text AS id', [message.eventId]);
          recorded.push(rows[0]!.id);
        } catch (error) {
          failedCalls += 1;
          throw error;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200, multiplier: 2 },
      logger: quiet,
    });
    await producer.send({ topic: outageTopic, acks: -1, messages: events.map((event) => encodeIntegrationMessage(event)) });
    await consumer.start();
    try {
      await until(() => failedCalls > 6, 'the handler to fail more often than its retries allow');
      expect(consumer.status().waitingForRecoverySince).toEqual(expect.any(String));
      await database.open();
      await until(() => recorded.length === events.length, 'every message to be recorded');
      expect(consumer.status()).toMatchObject({ handledMessages: 3, deadLetteredMessages: 0, waitingForRecoverySince: null });
    } finally {
      await consumer.stop();
      await database.close();
    }
    expect(recorded).toEqual(events.map((event) => event.eventId));
    expect(await readWholeTopic(kafka, deadLetterTopic(outageGroupId))).toEqual([]);
  });
});

const OFFSET_COMMIT_API_KEY = 8;

/**
 * Real sockets to the real broker, except that the connection carrying the first offset commit is
 * cut as the commit is written, as when the broker restarts between a batch and its commit.
 */
function socketsThatDropTheFirstCommit(): { readonly socketFactory: ISocketFactory; droppedCommits: () => number } {
  let dropped = 0;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      const isOffsetCommit = Buffer.isBuffer(chunk) && chunk.length >= 6 && chunk.readInt16BE(4) === OFFSET_COMMIT_API_KEY;
      if (isOffsetCommit && dropped === 0) {
        dropped += 1;
        socket.destroy(Object.assign(new Error('connection reset by the test'), { code: 'ECONNRESET' }));
        return false;
      }
      return write(chunk, ...rest);
    }) as typeof socket.write;
    return socket;
  };
  return { socketFactory, droppedCommits: () => dropped };
}

describe('IntegrationEventConsumer whose offset commit is lost with its connection', () => {
  const events = ['first', 'second', 'last before the cut'].map(integrationEvent);

  beforeAll(async () => {
    await producer.send({ topic: lostCommitTopic, acks: -1, messages: events.map((event) => encodeIntegrationMessage(event)) });
  });

  it.each([
    ['a message handler', lostCommitGroupIds[0]!, false],
    ['a batch handler', lostCommitGroupIds[1]!, true],
  ])('with %s, commits the end of the partition once the broker is back, redelivering what it could not commit', async (_, lostCommitGroupId, batched) => {
    const sockets = socketsThatDropTheFirstCommit();
    const flakyKafka = new KafkaClient({
      clientId: `it-messaging-${runId}-lost-commit`,
      brokers: parseBrokerList(process.env.KAFKA_BROKERS),
      socketFactory: sockets.socketFactory,
      logCreator: () => () => undefined,
      retry: { initialRetryTime: 50, retries: 8 },
    });
    const handled: string[] = [];
    const record = async (eventId: string) => {
      handled.push(eventId);
    };
    const consumer = new IntegrationEventConsumer({
      kafka: flakyKafka,
      groupId: lostCommitGroupId,
      topics: [lostCommitTopic],
      ...(batched
        ? { batchHandler: async (messages) => messages.forEach(({ message }) => void record(message.eventId)) }
        : { handler: (message) => record(message.eventId) }),
      retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200, multiplier: 2 },
      logger: quiet,
    });
    const admin = kafka.admin();
    await admin.connect();
    const committedOffset = async () => (await admin.fetchOffsets({ groupId: lostCommitGroupId, topics: [lostCommitTopic] }))[0]!.partitions[0]!.offset;
    await consumer.start();
    try {
      await until(() => sockets.droppedCommits() === 1, 'the first commit to be cut off');
      const deadline = Date.now() + 30_000;
      while ((await committedOffset()) !== String(events.length) && Date.now() < deadline) await sleep(200);
      expect(await committedOffset()).toBe(String(events.length));
    } finally {
      await consumer.stop();
      await admin.disconnect();
    }
    expect(new Set(handled)).toEqual(new Set(events.map((event) => event.eventId)));
    expect(handled.slice(0, events.length)).toEqual(events.map((event) => event.eventId));
    expect(consumer.status().deadLetteredMessages).toBe(0);
  });
});
