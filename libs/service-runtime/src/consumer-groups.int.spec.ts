import { globalPosition } from '@training-ledger/event-store';
import {
  createKafkaClient,
  encodeIntegrationMessage,
  ensureTopics,
  IntegrationEventConsumer,
  redriveTopic,
  type MessageInBatch,
  type MessagingLogger,
} from '@training-ledger/messaging';
import { deleteTopicsQuietly } from '@training-ledger/messaging/testing';
import { eventually } from '@training-ledger/test-servers';
import type { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { alignGroupStart, consumerGroupsOf, planGroup, routesMetadata, type ServiceConsumerGroup } from './consumer-groups';
import type { ConsumerRegistration } from './integration-consumers';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const run = randomUUID().slice(0, 8);
const prefix = `it-groups-${run}-`;
const service = 'reporting';
const topic = 'course-delivery.events.v1';

function mark(partition: number, n: number) {
  const encoded = encodeIntegrationMessage({
    eventId: randomUUID(),
    type: 'AttendanceMarked.v1',
    data: { session: n },
    metadata: { correlationId: 'groups', causationId: null, actor: { id: 'trainer', roles: ['trainer'] }, occurredAt: '2027-03-01T09:00:00.000Z', recordedAt: '2027-03-01T09:00:00.000Z' },
    source: { service: 'course-delivery', streamName: `run-${partition}`, streamPosition: BigInt(n), globalPosition: globalPosition(1n, BigInt(n)) },
  });
  return { key: encoded.key, value: encoded.value, headers: encoded.headers, partition };
}

/**
 * Two handlers that had a group each, upgraded to one group for both: the group starts where the
 * one furthest behind had got, so neither misses a message; once it has committed for both, it
 * stays where it is; a third handler joining it takes it back to the first message.
 */
describe('one consumer group for the handlers of a topic', () => {
  let kafka: Kafka;
  let admin: Admin;
  const handled = new Map<string, string[]>();
  const registration = (name: string): ConsumerRegistration => ({
    name,
    topics: [topic],
    batchHandler: async (messages: readonly MessageInBatch[]) => {
      handled.set(name, [...(handled.get(name) ?? []), ...messages.map(({ context }) => `${context.partition}@${context.offset}`)]);
    },
  });
  const groupOf = (...names: string[]): ServiceConsumerGroup => consumerGroupsOf(service, prefix, names.map(registration))[0]!;
  const former = (name: string) => `${prefix}${service}.${name}`;
  const redriveTopics = ['progress', 'evaluations', 'feedback', 'titles'].map((name) => redriveTopic(former(name)));

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: `it-groups-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') });
    await ensureTopics(kafka, [`${prefix}${topic}`, ...redriveTopics].map((name, index) => ({ topic: name, numPartitions: index === 0 ? 2 : 1 })), {
      replicationFactor: 1,
      logger: quiet,
    });
    admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: `${prefix}${topic}`, acks: -1, messages: [0, 1].flatMap((partition) => Array.from({ length: 10 }, (_, n) => mark(partition, n))) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: former('progress'), topic: `${prefix}${topic}`, partitions: [{ partition: 0, offset: '6' }, { partition: 1, offset: '5' }] });
    await admin.setOffsets({ groupId: former('evaluations'), topic: `${prefix}${topic}`, partitions: [{ partition: 0, offset: '3' }] });
  }, 120_000);

  afterAll(async () => {
    await admin?.disconnect();
    await deleteTopicsQuietly(kafka, [`${prefix}${topic}`, ...redriveTopics]);
  }, 60_000);

  async function consumeAll(group: ServiceConsumerGroup, expected: number): Promise<void> {
    const consumer = new IntegrationEventConsumer({
      kafka,
      groupId: group.groupId,
      topics: [group.topic],
      routes: group.routes,
      commitMetadata: routesMetadata(group.routes.map((route) => route.name)),
      commitCadence: { everyMs: 0, everyMessages: 1 },
      logger: quiet,
    });
    await consumer.start();
    try {
      const handledSoFar = () => [...handled.values()].reduce((total, offsets) => total + offsets.length, 0);
      await eventually(`${expected} deliveries`, async () => (handledSoFar() >= expected ? true : null));
    } finally {
      await consumer.stop();
    }
  }

  it('starts where the handler furthest behind had got, and hands every message to both', async () => {
    const group = groupOf('progress', 'evaluations');
    expect(group.groupId).toBe(`${prefix}reporting.reads.${topic}`);
    expect(await alignGroupStart(admin, group)).toEqual({
      kind: 'moved',
      // Partition 1: evaluations never committed there, so the group starts at its first message, as a new group does.
      starts: [{ topic: `${prefix}${topic}`, partitions: [{ partition: 0, offset: '3' }] }],
    });
    await consumeAll(group, 2 * (7 + 10));
    const expected = [...Array.from({ length: 7 }, (_, n) => `0@${n + 3}`), ...Array.from({ length: 10 }, (_, n) => `1@${n}`)];
    for (const name of ['progress', 'evaluations']) expect([...handled.get(name)!].sort()).toEqual(expected.sort());

    const [committed] = await admin.fetchOffsets({ groupId: group.groupId, topics: [`${prefix}${topic}`] });
    expect(committed!.partitions.map(({ partition, offset, metadata }) => [partition, offset, metadata]).sort()).toEqual([
      [0, '10', routesMetadata([former('evaluations'), former('progress')])],
      [1, '10', routesMetadata([former('evaluations'), former('progress')])],
    ]);
    expect(await alignGroupStart(admin, group)).toEqual({ kind: 'unchanged' });
  }, 120_000);

  it('goes back to the first message for a handler that joins the group without a group of its own', async () => {
    handled.clear();
    const group = groupOf('progress', 'evaluations', 'feedback');
    expect(await alignGroupStart(admin, group)).toEqual({
      kind: 'moved',
      starts: [{ topic: `${prefix}${topic}`, partitions: [{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }] }],
    });
    await consumeAll(group, 3 * 20);
    expect(handled.get('feedback')).toHaveLength(20);
    expect(await alignGroupStart(admin, group)).toEqual({ kind: 'unchanged' });
  }, 120_000);

  it('lets a handler far behind catch up in a group of its own, and join once it is level', async () => {
    handled.clear();
    const group = groupOf('progress', 'evaluations', 'feedback', 'titles');
    const { shared, apart } = await planGroup(admin, group, { catchUpBeyond: 5 });
    expect(apart.map((route) => route.name)).toEqual([former('titles')]);
    expect(shared.routes.map((route) => route.name)).toEqual([former('progress'), former('evaluations'), former('feedback')]);
    expect(await alignGroupStart(admin, shared)).toEqual({ kind: 'unchanged' });

    await consumeAll({ ...group, groupId: former('titles'), routes: apart }, 20);
    expect(handled.get('titles')).toHaveLength(20);
    expect([...handled.keys()]).toEqual(['titles']);

    const level = await planGroup(admin, group, { catchUpBeyond: 5 });
    expect(level.apart).toEqual([]);
    expect(await alignGroupStart(admin, level.shared)).toEqual({ kind: 'unchanged' });
  }, 120_000);
});
