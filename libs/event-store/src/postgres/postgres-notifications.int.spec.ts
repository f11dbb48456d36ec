import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { SubscriptionProbe, sampleEvents, uniqueCategory } from '../contract-suite';
import { PostgresEventStore } from './postgres-event-store';
import { EventStoreSchema } from './schema';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required for the PostgreSQL event store tests');

/** Longer than any test here waits: a subscription that wakes in time was not woken by polling. */
const NEVER_POLL_MS = 60_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends no longer notify in their commit: the store wakes subscriptions once they committed. */
describe('PostgreSQL event store notifications', () => {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const otherProcessPool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = `es_test_${randomBytes(5).toString('hex')}`;
  const stores: PostgresEventStore[] = [];

  async function newStore(
    on: Pool,
    options: { pollIntervalMs?: number; notifyIntervalMs?: number },
  ): Promise<PostgresEventStore> {
    const store = await PostgresEventStore.create({ pool: on, schema, ...options });
    stores.push(store);
    return store;
  }

  afterAll(async () => {
    for (const store of stores) await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([pool.end(), otherProcessPool.end()]);
  });

  it('wakes its own subscriptions once an append committed, while the notification waits', async () => {
    const store = await newStore(pool, { pollIntervalMs: NEVER_POLL_MS, notifyIntervalMs: NEVER_POLL_MS });
    const category = uniqueCategory('own');
    const stream = `${category}-1`;
    const probe = new SubscriptionProbe(store.subscribe('start', { filter: { streamCategories: [category] } }));
    await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' });
    expect(await probe.take(1, 5_000)).toHaveLength(1);
    await pause(100);

    await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 0n });
    expect((await probe.take(1, 2_000)).map((event) => event.streamPosition)).toEqual([1n]);
  });

  it('wakes the subscriptions of another process at once, and again for the appends of a burst', async () => {
    const appender = await newStore(pool, { notifyIntervalMs: 300 });
    const listener = await newStore(otherProcessPool, { pollIntervalMs: NEVER_POLL_MS });
    const category = uniqueCategory('elsewhere');
    await appender.appendToStream(`${category}-1`, sampleEvents(1), { expectedVersion: 'no_stream' });
    const probe = new SubscriptionProbe(listener.subscribe('start', { filter: { streamCategories: [category] } }));
    expect(await probe.take(1, 2_000)).toHaveLength(1);
    const later = probe.take(2, 2_000);
    // The first append's notification has come and the appender's interval is over.
    await pause(400);

    await appender.appendToStream(`${category}-1`, sampleEvents(1), { expectedVersion: 0n });
    await pause(50);
    await appender.appendToStream(`${category}-2`, sampleEvents(1), { expectedVersion: 'no_stream' });
    expect((await later).map((event) => event.streamName)).toEqual([`${category}-1`, `${category}-2`]);
  });

  it('names the types appended, and wakes a subscription to some types only for those, here and in another process', async () => {
    const appender = await newStore(pool, { pollIntervalMs: NEVER_POLL_MS, notifyIntervalMs: 50 });
    const listener = await newStore(otherProcessPool, { pollIntervalMs: NEVER_POLL_MS });
    const listening = new Client({ connectionString: databaseUrl });
    await listening.connect();
    const payloads: string[] = [];
    listening.on('notification', (message) => payloads.push(message.payload ?? ''));
    try {
      await listening.query(`LISTEN "${new EventStoreSchema(schema).channel}"`);
      const category = uniqueCategory('typed');
      const filter = { eventTypes: ['ContractCorrectionRecorded'] };
      const here = new SubscriptionProbe(appender.subscribe('start', { filter }));
      const elsewhere = new SubscriptionProbe(listener.subscribe('start', { filter }));
      await pause(200);
      await appender.appendToStream(`${category}-1`, sampleEvents(3, 'ContractMarkRecorded'), { expectedVersion: 'no_stream' });
      await pause(200);
      await appender.appendToStream(`${category}-1`, sampleEvents(1, 'ContractCorrectionRecorded'), { expectedVersion: 2n });
      for (const probe of [here, elsewhere]) expect((await probe.take(1, 2_000)).map((event) => [event.type, event.streamPosition])).toEqual([['ContractCorrectionRecorded', 3n]]);
      expect(payloads).toEqual(expect.arrayContaining(['ContractMarkRecorded', 'ContractCorrectionRecorded']));
    } finally {
      await listening.end();
    }
  });

  it('sends at most one notification per interval, the last one after the last append', async () => {
    const intervalMs = 200;
    const store = await newStore(pool, { notifyIntervalMs: intervalMs });
    const listening = new Client({ connectionString: databaseUrl });
    await listening.connect();
    const notifiedAt: number[] = [];
    listening.on('notification', () => notifiedAt.push(performance.now()));
    try {
      await listening.query(`LISTEN "${new EventStoreSchema(schema).channel}"`);
      // What the earlier tests' stores still announced on this schema's channel is not counted.
      await pause(2 * intervalMs);
      notifiedAt.length = 0;
      const stream = `${uniqueCategory('burst')}-1`;
      const started = performance.now();
      let revision = -1n;
      for (let append = 0; append < 30; append += 1) {
        const expectedVersion = revision < 0n ? 'no_stream' : revision;
        revision = (await store.appendToStream(stream, sampleEvents(1), { expectedVersion })).nextExpectedVersion;
      }
      const lastAppended = performance.now();
      await pause(3 * intervalMs);

      expect(notifiedAt.length).toBeGreaterThanOrEqual(1);
      expect(notifiedAt.length).toBeLessThanOrEqual(Math.floor((lastAppended - started) / intervalMs) + 2);
      expect(notifiedAt.at(-1)!).toBeGreaterThanOrEqual(lastAppended);
    } finally {
      await listening.end();
    }
  });
});
