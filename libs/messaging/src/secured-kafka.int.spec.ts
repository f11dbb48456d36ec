import { PostgresCheckpointStore, PostgresEventStore } from '@training-ledger/event-store';
import { describeNotRun } from '@training-ledger/test-servers';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { sleep } from './async-utils';
import { IntegrationEventConsumer } from './consumer/integration-event-consumer';
import type { DecodedIntegrationMessage } from './envelope';
import { createKafkaClient, parseBrokerList } from './kafka-client';
import type { KafkaSecurity } from './kafka-security';
import type { MessagingLogger } from './logger';
import { EventRelay, relayDeadLetterTopic } from './relay/event-relay';
import { deadLetterTopic, ensureTopics, serviceEventsTopic } from './topics';

/**
 * The relay and a consumer over TLS with SASL/SCRAM-SHA-512 against the secured local broker
 * (`deploy/local/kafka.sh up-secure`), whose ACLs are those of deploy/kafka/topic-acls.sh.
 */
const quiet: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const script = join(resolve(__dirname, '../../..'), 'deploy/local/kafka.sh');

type SecureBroker = { readonly env: Record<string, string>; readonly startedHere: boolean } | { readonly reason: string };

function secureBroker(): SecureBroker {
  const wasRunning = spawnSync('bash', [script, 'status-secure']).status === 0;
  const up = spawnSync('bash', [script, 'up-secure'], { encoding: 'utf8', timeout: 300_000 });
  if (up.status !== 0) {
    const said = `${up.stderr ?? ''}`.trim().split('\n').at(-1) ?? up.error?.message ?? 'no output';
    return { reason: `deploy/local/kafka.sh up-secure could not start the secured broker: ${said}` };
  }
  const printed = spawnSync('bash', [script, 'env-secure'], { encoding: 'utf8' }).stdout;
  const env = Object.fromEntries([...printed.matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]));
  return { env, startedHere: !wasRunning };
}

const broker = secureBroker();

if ('reason' in broker) {
  describeNotRun('Kafka over TLS and SASL/SCRAM with topic ACLs', broker.reason);
} else {
  const { env } = broker;
  const brokers = parseBrokerList(env.KAFKA_SECURE_BROKERS);
  const asUser = (username: string, password: string): KafkaSecurity => ({
    protocol: 'SASL_SSL',
    tls: { caFile: env.KAFKA_SECURE_CA_FILE },
    sasl: { mechanism: 'SCRAM-SHA-512', username, password: { value: password } },
  });
  const refusedQuickly = { retries: 1, initialRetryTime: 100, maxRetryTime: 500 };
  const passwordOf = (user: string): string => env[`KAFKA_SECURE_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`]!;
  /** A client authenticated as `user`, with its own password unless another is given. */
  const clientAs = (user: string, options: { password?: string; retry?: typeof refusedQuickly } = {}) =>
    createKafkaClient({
      clientId: `${user}-${randomUUID()}`,
      brokers,
      logger: quiet,
      security: asUser(user, options.password ?? passwordOf(user)),
      ...(options.retry ? { retry: options.retry } : {}),
    });

  const runId = randomUUID().replace(/-/g, '').slice(0, 10);
  const schema = `it_secured_${runId}`;
  // The topic names the ACLs grant, unprefixed: this broker serves nothing but this suite.
  const enrolmentTopic = serviceEventsTopic('enrolment');
  const groupId = `reporting.it-secured-${runId}`;

  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    store = await PostgresEventStore.create({ pool, schema });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
    // Left running when it already ran; stopped when started here, to give its memory back.
    if (broker.startedHere) spawnSync('bash', [script, 'down-secure']);
  });

  describe('Kafka over TLS and SASL/SCRAM with topic ACLs', () => {
    it('carries an appended event from the relay, as enrolment, to a consumer, as reporting', async () => {
      const enrolment = clientAs('enrolment');
      const reporting = clientAs('reporting');
      await ensureTopics(enrolment, [{ topic: enrolmentTopic, numPartitions: 3 }], { replicationFactor: 1, logger: quiet });
      await ensureTopics(reporting, [{ topic: deadLetterTopic(groupId), numPartitions: 1 }], { replicationFactor: 1, logger: quiet });

      const correlationId = randomUUID();
      await store.appendToStream(
        `agency-${runId}`,
        [{ type: 'AgencyRegistered', data: { agencyId: runId }, metadata: { correlationId, actor: { id: 'mofa-admin', roles: ['programme-admin'] }, occurredAt: '2026-06-02T08:00:00.000Z' } }],
        { expectedVersion: 'no_stream' },
      );

      const relay = new EventRelay({
        service: 'enrolment',
        topic: enrolmentTopic,
        kafka: enrolment,
        eventStore: store,
        checkpoints: new PostgresCheckpointStore(pool, schema),
        mapper: (event) => ({ type: `${event.type}.v1`, data: event.data }),
        logger: quiet,
      });
      const handled: DecodedIntegrationMessage[] = [];
      const consumer = new IntegrationEventConsumer({
        kafka: reporting,
        groupId,
        topics: [enrolmentTopic],
        handler: async (message) => {
          if (message.metadata.correlationId === correlationId) handled.push(message);
        },
        logger: quiet,
      });
      await relay.start();
      await consumer.start();
      try {
        const deadline = Date.now() + 60_000;
        while (handled.length === 0 && Date.now() < deadline) await sleep(50);
        expect(handled).toEqual([
          expect.objectContaining({ type: 'AgencyRegistered.v1', data: { agencyId: runId }, source: expect.objectContaining({ service: 'enrolment' }) }),
        ]);
        expect(relay.status()).toMatchObject({ publishedEvents: 1, lastError: null });
      } finally {
        await consumer.stop();
        await relay.stop();
      }
    });

    it('refuses a wrong password and a client without TLS', async () => {
      const wrongPassword = clientAs('enrolment', { password: 'not-the-password', retry: refusedQuickly }).admin();
      await expect(wrongPassword.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);

      const withoutTls = createKafkaClient({ clientId: `plaintext-${runId}`, brokers, logger: quiet, retry: refusedQuickly, security: { protocol: 'PLAINTEXT' } }).admin();
      await expect(withoutTls.connect()).rejects.toThrow();
      await withoutTls.disconnect();

      // The same user with its password is let in: the refusals above are the credentials' and the protocol's.
      const rightPassword = clientAs('enrolment').admin();
      await rightPassword.connect();
      await rightPassword.disconnect();
    });

    it('lets a service write only to the topics it owns', async () => {
      const enrolment = clientAs('enrolment', { retry: refusedQuickly });
      // A topic of its own that no consumer reads, so that the probe below reaches nobody.
      const ownDeadLetters = relayDeadLetterTopic('enrolment');
      await ensureTopics(enrolment, [{ topic: ownDeadLetters, numPartitions: 1 }], { replicationFactor: 1, logger: quiet });
      // Enrolment reads course delivery's topic; its owner creates it.
      const courseDelivery = clientAs('course-delivery');
      const courseDeliveryTopic = serviceEventsTopic('course-delivery');
      await ensureTopics(courseDelivery, [{ topic: courseDeliveryTopic, numPartitions: 3 }], { replicationFactor: 1, logger: quiet });
      const producer = enrolment.producer();
      await producer.connect();
      try {
        await expect(
          producer.send({ topic: courseDeliveryTopic, messages: [{ key: 'run-1', value: '{}' }] }),
        ).rejects.toThrow(/not authorized to access (this )?topic/i);
        // Nor one it does not even read.
        await expect(
          producer.send({ topic: serviceEventsTopic('certification'), messages: [{ key: 'certificate-1', value: '{}' }] }),
        ).rejects.toThrow(/not authorized to access (this )?topic/i);
        await expect(producer.send({ topic: ownDeadLetters, messages: [{ key: `probe-${runId}`, value: '{}' }] })).resolves.toBeDefined();
      } finally {
        await producer.disconnect();
      }
    });
  });
}
