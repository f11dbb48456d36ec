import type { Kafka } from 'kafkajs';

export { readWholeTopic, type ReadBackMessage } from '../topic-reader';

export async function deleteTopicsQuietly(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const existing = topics.filter((topic) => present.has(topic));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  } finally {
    await admin.disconnect();
  }
}
