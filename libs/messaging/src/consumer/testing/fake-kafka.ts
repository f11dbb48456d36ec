import { globalPosition } from '@training-ledger/event-store';
import type { EachBatchPayload, Kafka, KafkaMessage, ProducerRecord } from 'kafkajs';
import { encodeIntegrationMessage, type IntegrationEvent } from '../../envelope';
import type { MessagingLogger } from '../../logger';
import type { PartitionOffset } from '../offset-commits';

export const silent: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function integrationEvent(n: number): IntegrationEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'AttendanceMarked.v1',
    data: { session: n },
    metadata: {
      correlationId: 'flow',
      causationId: null,
      actor: { id: 'trainer', roles: ['trainer'] },
      occurredAt: '2026-07-01T09:00:00.000Z',
      recordedAt: '2026-07-01T09:00:00.500Z',
    },
    source: { service: 'attendance', streamName: 'run-1', streamPosition: BigInt(n), globalPosition: globalPosition(1n, BigInt(n)) },
  };
}

export function kafkaMessage(offset: number, value: string | null = null, n = offset): KafkaMessage {
  const encoded = encodeIntegrationMessage(integrationEvent(n));
  return {
    key: Buffer.from(encoded.key),
    value: Buffer.from(value ?? encoded.value),
    headers: { ...encoded.headers },
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
}

/** The message at `offset`, of another type than the marks the fake topic is full of. */
export function typedMessage(offset: number, type: string): KafkaMessage {
  const message = kafkaMessage(offset);
  message.headers = { ...message.headers, type };
  message.value = Buffer.from(message.value!.toString().replace('"AttendanceMarked.v1"', `"${type}"`));
  return message;
}

/** Stands in for kafkajs: captures eachBatch so a test can feed it batches and watch commits. */
export class FakeKafka {
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | null = null;
  readonly timeline: string[] = [];
  readonly deadLetters: ProducerRecord[] = [];
  readonly subscribed: string[] = [];
  deadLetterFailures = 0;
  commitFailures = 0;
  /** Offsets given to kafkajs' resolveOffset: where it would fetch next without rejoining. */
  readonly resolved: string[] = [];
  running = true;
  stale = false;
  readonly listeners = new Map<string, (() => void)[]>();

  /** The group was joined again, as after a rebalance. */
  rejoin(): void {
    for (const listener of this.listeners.get('j') ?? []) listener();
  }

  /** The offset metadata of each committed partition, in commit order. */
  readonly commitMetadata: (string | null)[] = [];

  async commit(offsets: readonly (PartitionOffset & { readonly metadata?: string | null })[]): Promise<void> {
    if (this.commitFailures > 0) {
      this.commitFailures -= 1;
      throw Object.assign(new Error('Connection error: read ECONNRESET'), { name: 'KafkaJSConnectionError', retriable: true });
    }
    this.commitMetadata.push(...offsets.map(({ metadata }) => metadata ?? null));
    this.timeline.push(`commit ${offsets.map(({ partition, offset }) => (partition === 2 ? offset : `${offset}@${partition}`)).join(' ')}`);
  }

  asKafka(): Kafka {
    const consumer = {
      events: { CONNECT: 'c', DISCONNECT: 'd', CRASH: 'x', END_BATCH_PROCESS: 'e', GROUP_JOIN: 'j', REBALANCING: 'r' },
      on: (event: string, listener: () => void) => {
        this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      },
      connect: async () => undefined,
      subscribe: async ({ topics }: { topics: string[] }) => {
        this.subscribed.push(...topics);
      },
      run: async (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
        this.eachBatch = config.eachBatch;
      },
      commitOffsets: async (offsets: PartitionOffset[]) => this.commit(offsets),
      disconnect: async () => {
        this.running = false;
      },
    };
    const producer = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (record: ProducerRecord) => {
        if (this.deadLetterFailures > 0) {
          this.deadLetterFailures -= 1;
          throw new Error('dead-letter topic unavailable');
        }
        this.deadLetters.push(record);
        this.timeline.push(`dlq ${record.messages[0]!.headers!['dlq-original-offset']}`);
        return [];
      },
    };
    return { consumer: () => consumer, producer: () => producer } as unknown as Kafka;
  }

  async deliver(messages: KafkaMessage[], partition = 2, topic = 'attendance.events.v1'): Promise<void> {
    if (!this.eachBatch) throw new Error('consumer not started');
    await this.eachBatch({
      batch: { topic, partition, messages },
      resolveOffset: (offset: string) => {
        this.resolved.push(offset);
      },
      heartbeat: async () => undefined,
      commitOffsetsIfNecessary: async (offsets: { topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata?: string | null }> }> }) =>
        this.commit(offsets.topics.flatMap(({ topic, partitions }) => partitions.map((entry) => ({ topic, ...entry })))),
      isRunning: () => this.running,
      isStale: () => this.stale,
    } as unknown as EachBatchPayload);
  }
}

