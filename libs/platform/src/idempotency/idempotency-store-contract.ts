import { randomBytes } from 'node:crypto';
import { ProblemException } from '../problem-details/problem-details';
import { executeIdempotently, hashRequest, type IdempotencyStore, type IdempotentResponse } from './idempotency-store';

export interface IdempotencyStoreOptions {
  readonly staleAfterMs?: number;
  readonly clock?: () => Date;
}

export type IdempotencyStoreUnderTest = IdempotencyStore<IdempotentResponse> & { purgeBefore(cutoff: Date): Promise<number> };

/** Makes stores of the kind under test, on its server, with the given lease and clock. */
export interface IdempotencyStoresUnderTest {
  make(options?: IdempotencyStoreOptions): IdempotencyStoreUnderTest;
}

/** What every IdempotencyStore promises, whatever server keeps its keys. Call it inside a `describe`. */
export function behavesAsIdempotencyStore(stores: IdempotencyStoresUnderTest): void {
  const scope = 'enrolment:bulk:BTC';
  let store: IdempotencyStoreUnderTest;

  beforeAll(() => {
    store = stores.make();
  });

  const uniqueKey = () => `key-${randomBytes(6).toString('hex')}`;
  const accepted: IdempotentResponse = { statusCode: 202, body: { accepted: 3, 'items.$ref': ['a', 'b'] } };

  it('replays the first response to a retry of the same request', async () => {
    const key = uniqueKey();
    const hash = hashRequest({ items: [1, 2, 3] });
    await expect(store.begin(key, scope, hash)).resolves.toEqual({ state: 'new' });
    await store.complete(key, scope, accepted);
    await expect(store.begin(key, scope, hash)).resolves.toEqual({ state: 'replay', response: accepted });
  });

  it('refuses the same key with a different request', async () => {
    const key = uniqueKey();
    await store.begin(key, scope, hashRequest({ items: [1] }));
    await store.complete(key, scope, accepted);
    await expect(store.begin(key, scope, hashRequest({ items: [2] }))).resolves.toEqual({ state: 'mismatch' });
  });

  it('keeps scopes apart', async () => {
    const key = uniqueKey();
    const hash = hashRequest({ items: [1] });
    await store.begin(key, scope, hash);
    await expect(store.begin(key, 'enrolment:bulk:HN', hash)).resolves.toEqual({ state: 'new' });
  });

  it('lets exactly one of many simultaneous first attempts through', async () => {
    const key = uniqueKey();
    const hash = hashRequest({ items: [9] });
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.begin(key, scope, hash)));
    expect(outcomes.filter((outcome) => outcome.state === 'new')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.state === 'in-progress')).toHaveLength(7);
  });

  it('hands a key left pending by a crashed request to the next attempt once it is stale', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const clocked = stores.make({ staleAfterMs: 60_000, clock: () => now });
    const key = uniqueKey();
    const hash = hashRequest({ items: [4] });
    await clocked.begin(key, scope, hash);
    now = new Date('2026-03-01T08:00:30Z');
    await expect(clocked.begin(key, scope, hash)).resolves.toEqual({ state: 'in-progress' });
    now = new Date('2026-03-01T08:01:01Z');
    await expect(clocked.begin(key, scope, hash)).resolves.toEqual({ state: 'new' });
    await expect(clocked.begin(key, scope, hash)).resolves.toEqual({ state: 'in-progress' });
  });

  it('keeps a held key from a retry for as long as its request runs, and lets it lapse soon after its process died', async () => {
    const leased = stores.make({ staleAfterMs: 600 });
    const key = uniqueKey();
    const hash = hashRequest({ items: [6] });
    await expect(leased.begin(key, scope, hash)).resolves.toEqual({ state: 'new' });
    const claim = leased.hold(key, scope);
    await new Promise((wait) => setTimeout(wait, 1_500));
    await expect(leased.begin(key, scope, hash)).resolves.toEqual({ state: 'in-progress' });
    await claim.release();
    await new Promise((wait) => setTimeout(wait, 900));
    await expect(leased.begin(key, scope, hash)).resolves.toEqual({ state: 'new' });
  });

  it('answers a held key for good: no renewal lands after its answer', async () => {
    const renewingOften = stores.make({ staleAfterMs: 3 });
    for (let round = 0; round < 40; round += 1) {
      const key = uniqueKey();
      const hash = hashRequest({ items: [round] });
      await renewingOften.begin(key, scope, hash);
      const claim = renewingOften.hold(key, scope);
      await new Promise((wait) => setTimeout(wait, 5));
      await claim.release();
      await renewingOften.complete(key, scope, accepted);
      await new Promise((wait) => setTimeout(wait, 5));
      expect({ round, begun: await renewingOften.begin(key, scope, hash) }).toEqual({ round, begun: { state: 'replay', response: accepted } });
    }
  });

  it('forgets an abandoned key, and refuses to complete a key never begun', async () => {
    const key = uniqueKey();
    const hash = hashRequest({ items: [5] });
    await store.begin(key, scope, hash);
    await store.abandon(key, scope);
    await expect(store.begin(key, scope, hash)).resolves.toEqual({ state: 'new' });
    await expect(store.complete(uniqueKey(), scope, accepted)).rejects.toThrow(/never begun/);
  });

  it('runs a write once however often it is retried', async () => {
    const key = uniqueKey();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { statusCode: 202, body: { run: runs } };
    };
    const write = { key, scope, request: { courseRunId: 'CR-1', items: ['t1', 't2'] } };
    const first = await executeIdempotently(store, write, work);
    const retry = await executeIdempotently(store, { ...write, request: { items: ['t1', 't2'], courseRunId: 'CR-1' } }, work);
    expect(retry).toEqual(first);
    expect(runs).toBe(1);

    const reused = await executeIdempotently(store, { ...write, request: { courseRunId: 'CR-2' } }, work).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(ProblemException);
    expect((reused as ProblemException).getStatus()).toBe(422);
  });

  it('lets a failed write run again on retry', async () => {
    const write = { key: uniqueKey(), scope, request: { items: [7] } };
    await expect(executeIdempotently(store, write, async () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
    await expect(executeIdempotently(store, write, async () => accepted)).resolves.toEqual(accepted);
  });

  it('purges keys begun before a cutoff', async () => {
    const old = stores.make({ clock: () => new Date('2020-01-01T00:00:00Z') });
    const key = uniqueKey();
    await old.begin(key, scope, hashRequest({ items: [8] }));
    expect(await store.purgeBefore(new Date('2021-01-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    await expect(store.begin(key, scope, hashRequest({ items: [0] }))).resolves.toEqual({ state: 'new' });
  });
}
