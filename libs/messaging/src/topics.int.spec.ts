import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { createKafkaClient, parseBrokerList } from './kafka-client';
import type { MessagingLogger } from './logger';
import { deleteTopicsQuietly } from './testing/topic-reader';
import { deadLetterTopic, ensureTopics, serviceEventsTopic } from './topics';

const runId = randomUUID().slice(0, 8);
const eventsTopic = serviceEventsTopic(`it-topics-${runId}`);
const dlqTopic = deadLetterTopic(`it-topics-${runId}.projector`);
const warnings: string[] = [];
const logger: MessagingLogger = { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
let kafka: Kafka;

beforeAll(() => {
  kafka = createKafkaClient({ clientId: `it-topics-${runId}`, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger });
});

afterAll(async () => {
  await deleteTopicsQuietly(kafka, [eventsTopic, dlqTopic]);
});

describe('ensureTopics against Kafka', () => {
  it('creates the missing topics with unlimited retention', async () => {
    const result = await ensureTopics(
      kafka,
      [
        { topic: eventsTopic, numPartitions: 3 },
        { topic: dlqTopic, numPartitions: 1 },
      ],
      { replicationFactor: 1, logger },
    );
    expect(result).toEqual({ created: [eventsTopic, dlqTopic], existing: [] });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [eventsTopic, dlqTopic] });
      const partitions = Object.fromEntries(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
      expect(partitions).toEqual({ [eventsTopic]: 3, [dlqTopic]: 1 });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: eventsTopic, configNames: ['retention.ms', 'retention.bytes', 'cleanup.policy'] },
        ],
      });
      const entries = Object.fromEntries(
        configs.resources[0]!.configEntries.map((entry) => [entry.configName, entry.configValue]),
      );
      expect(entries).toEqual({ 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' });
    } finally {
      await admin.disconnect();
    }
  });

  it('leaves existing topics alone and says so when their partition count differs', async () => {
    const result = await ensureTopics(kafka, [{ topic: eventsTopic, numPartitions: 6 }], { replicationFactor: 1, logger });
    expect(result).toEqual({ created: [], existing: [eventsTopic] });
    expect(warnings).toContain('Kafka topic exists with a different partition count; left unchanged');
  });

  it('lets services that start together create the same topics, each ending with them all', async () => {
    const shared = [serviceEventsTopic(`it-race-${runId}-a`), serviceEventsTopic(`it-race-${runId}-b`)];
    const clients = Array.from({ length: 4 }, (_, index) =>
      createKafkaClient({ clientId: `it-race-${runId}-${index}`, brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger }),
    );
    try {
      const results = await Promise.all(
        clients.map((client) => ensureTopics(client, shared.map((topic) => ({ topic, numPartitions: 6 })), { replicationFactor: 1, logger })),
      );
      for (const result of results) expect([...result.created, ...result.existing].sort()).toEqual([...shared].sort());
      expect(results.flatMap((result) => result.created).sort()).toEqual([...shared].sort());
    } finally {
      await deleteTopicsQuietly(kafka, shared);
    }
  });
});
