/**
 * How many integration events a consumer gets through per second when its handler has nothing to
 * write, as a consumer that acts on one event type of a busy topic does (enrolment's run
 * cancellations read all of course-delivery's events): once decoding every message, once passing
 * over the types it does not read, in the same run. Then three handlers of one service on that
 * topic, one reading every message and two passing over (reporting's archive and progress views):
 * as three groups side by side, as services ran before, and as one group with three routes; this
 * process's CPU time for each. Needs KAFKA_BROKERS.
 *
 *   npm run bench:consumer -- [messages]
 */
import { randomUUID } from 'node:crypto';
import { globalPosition } from '@training-ledger/event-store';
import { Partitioners, type Kafka } from 'kafkajs';
import { IntegrationEventConsumer, type ConsumerRoute } from '../src/consumer/integration-event-consumer';
import { encodeIntegrationMessage, type IntegrationEvent } from '../src/envelope';
import { createKafkaClient, parseBrokerList } from '../src/kafka-client';
import type { MessagingLogger } from '../src/logger';
import { deleteTopicsQuietly } from '../src/testing/topic-reader';
import { deadLetterTopic, ensureTopics } from '../src/topics';

const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const total = Number(process.argv[2] ?? 30_000);
const partitions = 6;

function markOf(index: number): IntegrationEvent {
  const runId = `RUN-${index % 60}`;
  return {
    eventId: randomUUID(),
    type: 'AttendanceMarked.v1',
    data: { runId, sessionId: `S${index % 20}`, traineeId: `T${index}`, status: 'present' },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'institution-1', roles: ['training-institution'] },
      occurredAt: '2027-03-01T09:00:00.000Z',
      recordedAt: '2027-03-01T09:00:00.100Z',
    },
    source: { service: 'course-delivery', streamName: `run-${runId}`, streamPosition: BigInt(index), globalPosition: globalPosition(1n, BigInt(index)) },
  };
}

async function main(): Promise<void> {
  const prefix = `bench-consumer-${randomUUID().slice(0, 8)}`;
  const topic = `${prefix}.events.v1`;
  const kafka = createKafkaClient({ clientId: prefix, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet });
  const handlers = [`${prefix}.archive`, `${prefix}.run-progress`, `${prefix}.feedback-progress`];
  const deadLetterTopics = [`${prefix}.reading`, `${prefix}.passing-over`, ...handlers].map(deadLetterTopic);
  await ensureTopics(kafka, [{ topic, numPartitions: partitions }, ...deadLetterTopics.map((name) => ({ topic: name, numPartitions: 1 }))], {
    replicationFactor: 1,
    logger: quiet,
  });
  try {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let start = 0; start < total; start += 1_000) {
      const messages = Array.from({ length: Math.min(1_000, total - start) }, (_, offset) => encodeIntegrationMessage(markOf(start + offset)));
      await producer.send({ topic, acks: -1, messages });
    }
    await producer.disconnect();

    const reading = await consume(kafka, `${prefix}.reading`, topic, undefined);
    const passingOver = await consume(kafka, `${prefix}.passing-over`, topic, ['CourseRunCancelled.v1']);
    console.log(`messages                       ${total.toLocaleString('en')} in ${partitions} partitions (group join included)`);
    console.log(`decoding every message         ${Math.round(total / reading).toLocaleString('en')} messages/s (${reading.toFixed(1)} s)`);
    console.log(`passing over unread types      ${Math.round(total / passingOver).toLocaleString('en')} messages/s (${passingOver.toFixed(1)} s)`);
    console.log(`ratio                          ${(reading / passingOver).toFixed(2)}x`);
    const asGroups = await consumeAsGroups(kafka, handlers, topic);
    const asRoutes = await consumeAsRoutes(kafka, `${prefix}.reads`, handlers, topic);
    console.log(`3 handlers as 3 groups         ${asGroups.seconds.toFixed(1)} s, ${asGroups.cpuSeconds.toFixed(1)} s of CPU`);
    console.log(`3 handlers as 1 group          ${asRoutes.seconds.toFixed(1)} s, ${asRoutes.cpuSeconds.toFixed(1)} s of CPU`);
    console.log(`ratio (groups / one group)     ${(asGroups.seconds / asRoutes.seconds).toFixed(2)}x time, ${(asGroups.cpuSeconds / asRoutes.cpuSeconds).toFixed(2)}x CPU`);
  } finally {
    await deleteTopicsQuietly(kafka, [topic, ...deadLetterTopics]).catch(() => undefined);
  }
}

/** Seconds a new group takes to get through the topic, reading every type or only `eventTypes`. */
async function consume(kafka: Kafka, groupId: string, topic: string, eventTypes: readonly string[] | undefined): Promise<number> {
  const started = performance.now();
  const consumer = new IntegrationEventConsumer({
    kafka,
    groupId,
    topics: [topic],
    eventTypes,
    handler: async (message) => {
      if (message.type === 'CourseRunCancelled.v1') throw new Error('not in this benchmark');
    },
    logger: quiet,
  });
  await consumer.start();
  const settled = () => consumer.status().handledMessages + consumer.status().passedOverMessages;
  while (settled() < total) await new Promise((wait) => setTimeout(wait, 50));
  const seconds = (performance.now() - started) / 1000;
  await consumer.stop();
  return seconds;
}

interface Cost {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** The first handler reads every message; the others one type the topic does not hold. */
function handlerRoutes(names: readonly string[]): ConsumerRoute[] {
  return names.map((name, index) => ({
    name,
    ...(index === 0 ? {} : { eventTypes: ['CourseRunCancelled.v1'] }),
    batchHandler: async () => undefined,
  }));
}

async function measured(consumers: readonly IntegrationEventConsumer[], settledEach: (consumer: IntegrationEventConsumer) => number): Promise<Cost> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(consumers.map((consumer) => consumer.start()));
  while (consumers.some((consumer) => settledEach(consumer) < total)) await new Promise((wait) => setTimeout(wait, 50));
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function settledOf(consumer: IntegrationEventConsumer): number {
  const status = consumer.status();
  return status.handledMessages + status.passedOverMessages;
}

async function consumeAsGroups(kafka: Kafka, names: readonly string[], topic: string): Promise<Cost> {
  const consumers = handlerRoutes(names).map((route) => new IntegrationEventConsumer({ kafka, groupId: route.name, topics: [topic], routes: [route], logger: quiet }));
  return measured(consumers, settledOf);
}

async function consumeAsRoutes(kafka: Kafka, groupId: string, names: readonly string[], topic: string): Promise<Cost> {
  const consumer = new IntegrationEventConsumer({ kafka, groupId, topics: [topic], routes: handlerRoutes(names), logger: quiet });
  return measured([consumer], settledOf);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
