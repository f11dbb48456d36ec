import { hashRequest, MongoIdempotencyStore } from '@training-ledger/platform';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { IdempotencyKeyRetention } from './idempotency-keys';

describe('IdempotencyKeyRetention', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: `retention_${randomBytes(4).toString('hex')}` }).asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('forgets keys older than the retention as it starts, and keeps the rest', async () => {
    let clock = new Date('2027-03-01T08:00:00Z');
    const store = new MongoIdempotencyStore(connection, { collection: 'retained_keys', clock: () => clock });
    await store.ensureIndexes();
    await store.begin('old', 'scope', hashRequest({ n: 1 }));
    await store.complete('old', 'scope', { statusCode: 200, body: {} });
    clock = new Date('2027-03-08T07:00:00Z');
    await store.begin('recent', 'scope', hashRequest({ n: 2 }));

    const retention = new IdempotencyKeyRetention(168);
    retention.keep(store, () => new Date('2027-03-08T09:00:00Z'));
    await new Promise((wait) => setTimeout(wait, 300));
    retention.onApplicationShutdown();

    expect(await store.begin('old', 'scope', hashRequest({ n: 99 }))).toEqual({ state: 'new' });
    expect(await store.begin('recent', 'scope', hashRequest({ n: 99 }))).toEqual({ state: 'mismatch' });
  });
});
