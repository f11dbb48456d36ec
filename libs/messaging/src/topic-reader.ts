import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadBackMessage {
  readonly partition: number;
  readonly offset: string;
  readonly message: KafkaMessage;
}

/**
 * Reads every message a topic holds right now, in offset order per partition, with a throwaway
 * consumer group (deleted afterwards) so it never disturbs the groups under test.
 */
export async function readWholeTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadBackMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `read-back-${randomUUID()}`;
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, BigInt(partition.high)]),
    );
    const expected = [...ends.values()].reduce((sum, high) => sum + high, 0n);
    const messages: ReadBackMessage[] = [];
    if (expected === 0n) return messages;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      let resolveDone: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      const reached = new Map<number, bigint>();
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          messages.push({ partition, offset: message.offset, message });
          reached.set(partition, BigInt(message.offset) + 1n);
          if ([...ends].every(([p, high]) => (reached.get(p) ?? 0n) >= high)) resolveDone();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Read ${messages.length} of ${expected} messages of ${topic} before timing out`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([done, timeout]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await consumer.disconnect();
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
