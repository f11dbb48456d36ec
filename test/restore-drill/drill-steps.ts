import { createKafkaClient, parseBrokerList } from '@training-ledger/messaging';
import { logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import type { Pool } from 'pg';
import { serviceNames, type SystemProcesses } from '../simulation/system-processes';

/** What the read models answer, as the services serve them: the same after a rebuild as before. */
export interface ReadModelSnapshot {
  readonly certificates: unknown;
  readonly runs: unknown;
  readonly evaluations: unknown;
}

export async function readModelSnapshot(system: SystemProcesses, token: string): Promise<ReadModelSnapshot> {
  const read = async (base: string, path: string): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    certificates: await read(system.urls.certification, '/certificates?limit=1000'),
    runs: await read(system.urls.courseDelivery, '/runs?limit=1000'),
    evaluations: await read(system.urls.reporting, '/evaluations?limit=1000'),
  };
}

/**
 * Everything of the drill's system on the servers, as a lost server would leave it: its event-log
 * schemas, its read-model databases, its topics and its consumer groups. Only names of its own.
 */
export async function destroyServersData(system: SystemProcesses, pool: Pool): Promise<void> {
  for (const service of serviceNames) await pool.query(`DROP SCHEMA "${system.schemaOf(service)}" CASCADE`);
  const mongo = await mongoose.createConnection(process.env.MONGO_URL ?? '').asPromise();
  try {
    for (const service of serviceNames) await mongo.useDb(system.databaseOf(service)).dropDatabase();
  } finally {
    await mongo.close();
  }
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const admin = createKafkaClient({ clientId: 'restore-drill', brokers: parseBrokerList(process.env.KAFKA_BROKERS), logger: quiet, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const prefix = system.isolated.topicPrefix;
    const { groups } = await admin.listGroups();
    const ours = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(prefix));
    if (ours.length > 0) await admin.deleteGroups(ours);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    // Deletion completes in the background: a topic recreated before it did would be refused.
    for (const deadline = Date.now() + 60_000; ; ) {
      const left = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
      if (left.length === 0) break;
      if (Date.now() > deadline) throw new Error(`Kafka did not delete ${left.join(', ')}`);
      await new Promise((wait) => setTimeout(wait, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
