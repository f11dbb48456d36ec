import type { Admin, Kafka } from 'kafkajs';
import { createJsonLineLogger, type MessagingLogger } from './logger';

/**
 * Topic names:
 * - `<service>.events.v1`: the integration events one service publishes (one topic per service,
 *   keyed by stream so each aggregate keeps its order on one partition);
 * - `<consumer-group>.dlq.v1`: messages one consumer group gave up on. Per group rather than per
 *   topic, because a dead letter is about one consumer's failure, and the same message may be
 *   fine for every other group.
 * - `<consumer-group>.redrive.v1`: dead letters an operator put back once their cause was fixed,
 *   read by the same group through the same handler.
 * The `v1` suffix is the envelope's version: a breaking change of the envelope publishes to `v2`.
 */
export function serviceEventsTopic(service: string): string {
  return assertTopicName(`${service}.events.v1`);
}

export function deadLetterTopic(consumerGroupId: string): string {
  return assertTopicName(`${consumerGroupId}.dlq.v1`);
}

export function redriveTopic(consumerGroupId: string): string {
  return assertTopicName(`${consumerGroupId}.redrive.v1`);
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

export function assertTopicName(topic: string): string {
  if (!LEGAL_TOPIC.test(topic) || topic === '.' || topic === '..') {
    throw new RangeError(`Invalid Kafka topic name ${JSON.stringify(topic)}: use 1-249 of [a-zA-Z0-9._-]`);
  }
  return topic;
}

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
}

export interface EnsureTopicsOptions {
  /** 1 for a single local broker; 3 in production. */
  readonly replicationFactor: number;
  readonly logger?: MessagingLogger;
}

/**
 * The topics are the published record of what happened, and consumers rebuild read models by
 * replaying them from the start, so nothing may expire: retention is unlimited in time and size.
 */
export const EVENT_TOPIC_CONFIG: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
  { name: 'cleanup.policy', value: 'delete' },
];

export interface EnsureTopicsResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

/** Creates the missing topics; existing ones are left as they are (a partition count mismatch is logged). */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions,
): Promise<EnsureTopicsResult> {
  const logger = options.logger ?? createJsonLineLogger({ component: 'ensureTopics' });
  for (const spec of specs) {
    assertTopicName(spec.topic);
    if (!Number.isInteger(spec.numPartitions) || spec.numPartitions < 1) {
      throw new RangeError(`Topic ${spec.topic}: numPartitions must be a positive integer`);
    }
  }
  if (!Number.isInteger(options.replicationFactor) || options.replicationFactor < 1) {
    throw new RangeError('replicationFactor must be a positive integer');
  }
  // Services starting together create the same topics: one may see a topic another has just
  // created before its partitions have a leader. Kafka calls that retriable, and so do we.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await createMissingTopics(kafka, specs, options, logger);
    } catch (error) {
      if (!isRetriable(error) || attempt >= ENSURE_ATTEMPTS) throw error;
      logger.warn('Kafka topics not ready yet; trying again', { attempt, reason: error instanceof Error ? error.message : String(error) });
      await new Promise((wait) => setTimeout(wait, 250 * attempt));
    }
  }
}

const ENSURE_ATTEMPTS = 8;

/** Retriable as Kafka says, or a topic another process created between our listing and our creating it. */
const isRetriable = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { retriable?: unknown }).retriable === true || (error as { type?: unknown }).type === 'TOPIC_ALREADY_EXISTS');

async function createMissingTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions,
  logger: MessagingLogger,
): Promise<EnsureTopicsResult> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const created: TopicSpec[] = [];
    // One topic per request: Kafka then says for each whether this call created it or another process had.
    for (const spec of specs.filter((candidate) => !present.has(candidate.topic))) {
      const createdNow = await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: spec.topic, numPartitions: spec.numPartitions, replicationFactor: options.replicationFactor, configEntries: [...EVENT_TOPIC_CONFIG] }],
      });
      if (createdNow) created.push(spec);
    }
    const existing = specs.filter((spec) => !created.includes(spec));
    await warnOnPartitionMismatch(admin, existing, logger);
    for (const spec of created) logger.info('Kafka topic created', { topic: spec.topic, numPartitions: spec.numPartitions });
    return { created: created.map((spec) => spec.topic), existing: existing.map((spec) => spec.topic) };
  } finally {
    await admin.disconnect();
  }
}

async function warnOnPartitionMismatch(admin: Admin, specs: readonly TopicSpec[], logger: MessagingLogger): Promise<void> {
  if (specs.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });
  for (const spec of specs) {
    const actual = metadata.topics.find((topic) => topic.name === spec.topic)?.partitions.length;
    if (actual !== undefined && actual !== spec.numPartitions) {
      logger.warn('Kafka topic exists with a different partition count; left unchanged', {
        topic: spec.topic,
        expectedPartitions: spec.numPartitions,
        actualPartitions: actual,
      });
    }
  }
}
