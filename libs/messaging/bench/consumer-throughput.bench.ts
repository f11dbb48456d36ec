/**
 * How many integration events a consumer gets through per second when its handler has nothing to
 * write, as a consumer that acts on one event type of a busy topic does (enrolment's run
 * cancellations read all of course-delivery's events). Needs KAFKA_BROKERS.
 *
 *   npm run bench:consumer -- [messages]
 */
import { randomUUID } from 'node:crypto';
import { globalPosition } from '@training-ledger/event-store';
import { Partitioners } from 'kafkajs';
import { IntegrationEventConsumer } from '../src/consumer/integration-event-consumer';
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
  const groupId = `${prefix}.skipping`;
  const kafka = createKafkaClient({ clientId: prefix, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet });
  await ensureTopics(kafka, [{ topic, numPartitions: partitions }, { topic: deadLetterTopic(groupId), numPartitions: 1 }], { replicationFactor: 1, logger: quiet });
  try {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let start = 0; start < total; start += 1_000) {
      const messages = Array.from({ length: Math.min(1_000, total - start) }, (_, offset) => encodeIntegrationMessage(markOf(start + offset)));
      await producer.send({ topic, acks: -1, messages });
    }
    await producer.disconnect();

    let handled = 0;
    const started = performance.now();
    const consumer = new IntegrationEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      handler: async (message) => {
        if (message.type === 'CourseRunCancelled.v1') throw new Error('not in this benchmark');
        handled += 1;
      },
      logger: quiet,
    });
    await consumer.start();
    while (handled < total) await new Promise((wait) => setTimeout(wait, 50));
    const seconds = (performance.now() - started) / 1000;
    await consumer.stop();
    console.log(`messages            ${total.toLocaleString('en')} in ${partitions} partitions`);
    console.log(`consumed in         ${seconds.toFixed(1)} s (group join included)`);
    console.log(`messages per second ${Math.round(total / seconds).toLocaleString('en')}`);
  } finally {
    await deleteTopicsQuietly(kafka, [topic, deadLetterTopic(groupId)]).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
