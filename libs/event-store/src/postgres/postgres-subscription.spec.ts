import type { Pool, PoolClient } from 'pg';
import { PostgresSubscription, type SubscriptionPage } from './postgres-subscription';

function connectionThatListens(): PoolClient {
  return { query: async () => ({ rows: [] }), on: () => undefined, off: () => undefined, release: () => undefined } as unknown as PoolClient;
}

async function readsDuringBurst(readIntervalMs: number): Promise<{ reads: number[]; subscription: PostgresSubscription }> {
  jest.useFakeTimers({ now: 0 });
  const reads: number[] = [];
  const subscription = new PostgresSubscription({
    pool: { connect: async () => connectionThatListens() } as unknown as Pool,
    channel: 'appended',
    from: { transactionId: 0n, position: 0n },
    pageSize: 500,
    pollIntervalMs: 10_000,
    readIntervalMs,
    readPage: async (_client, after): Promise<SubscriptionPage> => {
      reads.push(Date.now());
      return { events: [], next: after };
    },
    onClosed: () => undefined,
  });
  const iterating = subscription[Symbol.asyncIterator]().next();
  await jest.advanceTimersByTimeAsync(0);
  for (let append = 0; append < 20; append += 1) {
    subscription.wake();
    await jest.advanceTimersByTimeAsync(1);
  }
  await jest.advanceTimersByTimeAsync(100);
  await subscription.close();
  await iterating;
  return { reads, subscription };
}

describe('PostgresSubscription', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a burst of appends a page at a time, no sooner than its interval after the last read', async () => {
    const { reads } = await readsDuringBurst(5);
    // The first read, then one per 5 ms of the 20 ms burst, and the last append's page.
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.length).toBeLessThanOrEqual(6);
    for (let read = 1; read < reads.length; read += 1) expect(reads[read]! - reads[read - 1]!).toBeGreaterThanOrEqual(5);
    expect(reads.at(-1)).toBeGreaterThanOrEqual(19);
  });

  it('reads after every append when no interval is asked for', async () => {
    const { reads } = await readsDuringBurst(0);
    expect(reads.length).toBeGreaterThanOrEqual(20);
  });
});
