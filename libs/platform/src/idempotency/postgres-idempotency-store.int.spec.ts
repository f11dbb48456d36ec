import { IdempotencyKeyNotClaimedError, PostgresEventStore, WrongExpectedVersionError } from '@training-ledger/event-store';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { executeIdempotently, hashRequest, type IdempotentResponse, type KeyCompletion } from './idempotency-store';
import { behavesAsIdempotencyStore } from './idempotency-store-contract';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';

describe('PostgresIdempotencyStore', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const schema = `idem_test_${randomBytes(5).toString('hex')}`;
  let log: PostgresEventStore;

  beforeAll(async () => {
    log = await PostgresEventStore.create({ pool, schema });
  });

  afterAll(async () => {
    await log.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  behavesAsIdempotencyStore({ make: (options) => new PostgresIdempotencyStore(pool, { schema, store: 'nominations', ...options }) });

  describe('with the events that answer a request', () => {
    const scope = 'attendance:HVNG:R-1';
    const store = () => new PostgresIdempotencyStore<IdempotentResponse>(pool, { schema, store: 'attendance' });
    const uniqueKey = () => `key-${randomBytes(6).toString('hex')}`;
    const answer: IdempotentResponse = { statusCode: 200, body: { accepted: 1 } };
    const marked = (streamName: string) => ({
      type: 'AttendanceRecorded.v1',
      data: { streamName },
      metadata: { correlationId: 'c-1', actor: { id: 'HVNG', roles: [] }, occurredAt: '2027-05-10T01:05:00Z' },
    });
    const streamName = () => `sheet-${randomBytes(4).toString('hex')}`;

    it('completes the key in the append, so that a retry replays the answer', async () => {
      const key = uniqueKey();
      const stream = streamName();
      await store().begin(key, scope, hashRequest({ n: 1 }));
      await log.appendToStream(stream, [marked(stream)], { expectedVersion: 'no_stream', idempotencyKey: store().answerInAppend(key, scope, answer) });
      await expect(store().begin(key, scope, hashRequest({ n: 1 }))).resolves.toEqual({ state: 'replay', response: answer });
    });

    it('leaves the key claimed when the append is refused, and appends nothing for a key not claimed', async () => {
      const key = uniqueKey();
      const stream = streamName();
      await store().begin(key, scope, hashRequest({ n: 2 }));
      await expect(
        log.appendToStream(stream, [marked(stream)], { expectedVersion: 5n, idempotencyKey: store().answerInAppend(key, scope, answer) }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store().begin(key, scope, hashRequest({ n: 2 }))).resolves.toEqual({ state: 'in-progress' });

      await expect(
        log.appendToStream(stream, [marked(stream)], { expectedVersion: 'no_stream', idempotencyKey: store().answerInAppend(uniqueKey(), scope, answer) }),
      ).rejects.toBeInstanceOf(IdempotencyKeyNotClaimedError);
      expect(await log.readStream(stream)).toEqual([]);
    });

    it('runs the work once and completes the key only through its append', async () => {
      const key = uniqueKey();
      const stream = streamName();
      let runs = 0;
      const write = { key, scope, request: { stream } };
      const work = async (completion: KeyCompletion<IdempotentResponse>) => {
        runs += 1;
        const response = { statusCode: 200, body: { run: runs } };
        await log.appendToStream(stream, [marked(stream)], { expectedVersion: 'any', idempotencyKey: completion.answeredBy(response) });
        completion.completedWithEvents();
        return response;
      };
      const first = await executeIdempotently(store(), write, work);
      await expect(executeIdempotently(store(), write, work)).resolves.toEqual(first);
      expect(runs).toBe(1);
      expect(await log.readStream(stream)).toHaveLength(1);
    });
  });
});
