import type { Pool, PoolClient } from 'pg';
import { PostgresSubscription, type SubscriptionPage } from './postgres-subscription';
import type { ReadCursor } from './read-cursor';

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
    reads: { types: null, categories: null },
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

  describe('reading some types only', () => {
    /** A subscription to AttendanceCorrected.v1 whose reads see the log up to `visibleBefore`, a transaction id. */
    async function subscribedToCorrections() {
      jest.useFakeTimers({ now: 0 });
      const reads: ReadCursor[] = [];
      let notify: (message: { payload?: string }) => void = () => undefined;
      const probe = { visibleBefore: 1n };
      const connection = {
        query: async () => ({ rows: [] }),
        on: (event: string, listener: (message: { payload?: string }) => void) => {
          if (event === 'notification') notify = listener;
        },
        off: () => undefined,
        release: () => undefined,
      } as unknown as PoolClient;
      const subscription = new PostgresSubscription({
        pool: { connect: async () => connection } as unknown as Pool,
        channel: 'appended',
        from: { transactionId: 0n, position: 0n },
        pageSize: 500,
        pollIntervalMs: 10_000,
        readIntervalMs: 0,
        reads: { types: new Set(['AttendanceCorrected.v1']), categories: null },
        readPage: async (_client, after): Promise<SubscriptionPage> => {
          reads.push(after);
          return { events: [], next: { transactionId: probe.visibleBefore, position: 0n } };
        },
        onClosed: () => undefined,
      });
      const iterating = subscription[Symbol.asyncIterator]().next();
      await jest.advanceTimersByTimeAsync(0);
      const append = async (type: string, transactionId: bigint) => {
        subscription.appended({ types: [type], category: 'attendance', last: { transactionId, position: 1n } });
        await jest.advanceTimersByTimeAsync(1);
      };
      const notified = async (payload: string) => {
        notify({ payload });
        await jest.advanceTimersByTimeAsync(1);
      };
      const close = async () => {
        await subscription.close();
        await iterating;
      };
      return { reads, probe, append, notified, close };
    }

    it('is not woken by appends of types it does not read', async () => {
      const { reads, append, close } = await subscribedToCorrections();
      for (let mark = 10n; mark < 20n; mark += 1n) await append('AttendanceRecorded.v1', mark);
      expect(reads).toHaveLength(1);
      await append('AttendanceCorrected.v1', 20n);
      expect(reads).toHaveLength(2);
      await close();
    });

    it('is woken by other appends while the event it reads is still hidden behind an older transaction', async () => {
      const { reads, probe, append, close } = await subscribedToCorrections();
      probe.visibleBefore = 15n;
      await append('AttendanceCorrected.v1', 20n);
      expect(reads).toHaveLength(2);
      await append('AttendanceRecorded.v1', 21n);
      expect(reads).toHaveLength(3);
      probe.visibleBefore = 22n;
      await append('AttendanceRecorded.v1', 22n);
      expect(reads).toHaveLength(4);
      await append('AttendanceRecorded.v1', 23n);
      expect(reads).toHaveLength(4);
      await close();
    });

    it('is woken by a notification naming a type it reads, or naming none, and not by others', async () => {
      const { reads, notified, close } = await subscribedToCorrections();
      await notified('AttendanceRecorded.v1,CourseRunStarted.v1');
      expect(reads).toHaveLength(1);
      await notified('AttendanceRecorded.v1,AttendanceCorrected.v1');
      expect(reads).toHaveLength(2);
      await notified('AttendanceRecorded.v1');
      expect(reads).toHaveLength(2);
      await notified('');
      expect(reads).toHaveLength(3);
      await close();
    });
  });
});
