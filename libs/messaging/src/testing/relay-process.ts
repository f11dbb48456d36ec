/**
 * One EventRelay in a process of its own, so that a test can kill it with SIGKILL in the middle of
 * relaying and start it again. Run from the repository root with `node --import tsx <this file>`.
 *
 * Configuration (environment): DATABASE_URL, EVENT_STORE_SCHEMA, KAFKA_BROKERS, RELAY_SERVICE,
 * RELAY_TOPIC, RELAY_MAX_BATCH_SIZE (optional).
 * Standard output carries one JSON line `{"publishedEvents":n,"checkpoint":p}` whenever the relay
 * advanced; log lines go to standard error. SIGTERM stops the relay gracefully and exits with 0.
 */
import { PostgresCheckpointStore, PostgresEventStore } from '@training-ledger/event-store';
import { Pool } from 'pg';
import { createKafkaClient, parseBrokerList } from '../kafka-client';
import { createJsonLineLogger } from '../logger';
import { EventRelay } from '../relay/event-relay';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const schema = required('EVENT_STORE_SCHEMA');
  const service = required('RELAY_SERVICE');
  const logger = createJsonLineLogger({ component: 'relay-process', pid: process.pid }, (_level, line) =>
    process.stderr.write(`${line}\n`),
  );
  const pool = new Pool({ connectionString: required('DATABASE_URL'), max: 4 });
  pool.on('error', (error) => logger.warn('Idle PostgreSQL connection failed', { error: error.message }));
  const eventStore = await PostgresEventStore.create({ pool, schema, migrate: false });
  const relay = new EventRelay({
    service,
    topic: required('RELAY_TOPIC'),
    kafka: createKafkaClient({ clientId: `${service}-relay`, brokers: parseBrokerList(required('KAFKA_BROKERS')), logger }),
    eventStore,
    checkpoints: new PostgresCheckpointStore(pool, schema),
    mapper: (event) => ({ type: event.type, data: event.data }),
    maxBatchSize: Number(process.env.RELAY_MAX_BATCH_SIZE ?? 500),
    logger,
  });

  let reported = '';
  const report = (): void => {
    const { publishedEvents, checkpoint } = relay.status();
    const line = JSON.stringify({ publishedEvents, checkpoint });
    if (line !== reported) {
      reported = line;
      process.stdout.write(`${line}\n`);
    }
  };
  const reporter = setInterval(report, 2);

  process.once('SIGTERM', () => {
    void (async () => {
      await relay.stop();
      clearInterval(reporter);
      report();
      await eventStore.close();
      await pool.end();
      process.exit(relay.status().state === 'stopped' ? 0 : 1);
    })();
  });

  await relay.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
