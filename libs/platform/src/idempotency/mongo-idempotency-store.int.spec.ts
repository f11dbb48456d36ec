import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { behavesAsIdempotencyStore } from './idempotency-store-contract';
import { MongoIdempotencyStore } from './mongo-idempotency-store';

describe('MongoIdempotencyStore', () => {
  let connection: Connection;

  beforeAll(async () => {
    const url = process.env.MONGO_URL;
    if (!url) throw new Error('MONGO_URL is not set');
    connection = await mongoose.createConnection(url, { dbName: `platform_idempotency_${randomBytes(4).toString('hex')}` }).asPromise();
    await new MongoIdempotencyStore(connection).ensureIndexes();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  behavesAsIdempotencyStore({ make: (options) => new MongoIdempotencyStore(connection, options) });
});
