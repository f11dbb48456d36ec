import { createKafkaClient, parseBrokerList } from '@training-ledger/messaging';
import { logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/**
 * The names one test run gives a service's event-store schema, read-model database and Kafka topics,
 * so that runs sharing the same servers never meet; `dispose` removes all of them.
 */
export class IsolatedEnvironment {
  readonly schema: string;
  readonly database: string;
  readonly topicPrefix: string;

  private constructor(readonly label: string, readonly runId: string) {
    this.schema = `${label}_${runId}`.replace(/-/g, '_');
    this.database = `${label}_${runId}`.replace(/-/g, '_');
    this.topicPrefix = `${label}-${runId}.`;
  }

  static create(label: string): IsolatedEnvironment {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(label)) throw new RangeError(`Not a usable label: ${label}`);
    return new IsolatedEnvironment(label, randomBytes(4).toString('hex'));
  }

  /** Settings for a service's configuration (`RuntimeConfig`). */
  get settings(): Record<'EVENT_STORE_SCHEMA' | 'MONGO_DATABASE' | 'KAFKA_TOPIC_PREFIX', string> {
    return { EVENT_STORE_SCHEMA: this.schema, MONGO_DATABASE: this.database, KAFKA_TOPIC_PREFIX: this.topicPrefix };
  }

  async dispose(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const connection = await mongoose.createConnection(env.MONGO_URL!, { dbName: this.database }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    const pool = new Pool({ connectionString: env.DATABASE_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await pool.end();
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const kafka = createKafkaClient({ clientId: `dispose-${this.runId}`, brokers: parseBrokerList(env.KAFKA_BROKERS), logger: quiet, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  }
}
