import { backoffDelay, BoundedBatchQueue, sleep } from './async-utils';

describe('BoundedBatchQueue', () => {
  it('hands over what has arrived, up to the batch limit, in order', async () => {
    const queue = new BoundedBatchQueue<number>(10);
    for (const item of [1, 2, 3, 4, 5]) await queue.push(item);
    expect(await queue.takeBatch(3)).toEqual([1, 2, 3]);
    expect(await queue.takeBatch(3)).toEqual([4, 5]);
  });

  it('makes the taker wait for the first item', async () => {
    const queue = new BoundedBatchQueue<string>(2);
    const taken = queue.takeBatch(5);
    await queue.push('a');
    expect(await taken).toEqual(['a']);
  });

  it('holds the pusher back while the queue is full', async () => {
    const queue = new BoundedBatchQueue<number>(2);
    await queue.push(1);
    await queue.push(2);
    let thirdAccepted = false;
    const third = queue.push(3).then((accepted) => (thirdAccepted = accepted));
    await sleep(5);
    expect(thirdAccepted).toBe(false);
    expect(await queue.takeBatch(1)).toEqual([1]);
    await third;
    expect(thirdAccepted).toBe(true);
    expect(await queue.takeBatch(5)).toEqual([2, 3]);
  });

  it('releases a waiting pusher and taker when closed with discard', async () => {
    const full = new BoundedBatchQueue<number>(1);
    await full.push(1);
    const blockedPush = full.push(2);
    full.close({ discard: true });
    expect(await blockedPush).toBe(false);
    expect(await full.takeBatch(5)).toBeNull();

    const empty = new BoundedBatchQueue<number>(1);
    const blockedTake = empty.takeBatch(5);
    empty.close({ discard: false });
    expect(await blockedTake).toBeNull();
  });

  it('lets the taker drain what was queued when closed without discard', async () => {
    const queue = new BoundedBatchQueue<number>(5);
    await queue.push(1);
    queue.close({ discard: false });
    expect(await queue.push(2)).toBe(false);
    expect(await queue.takeBatch(5)).toEqual([1]);
    expect(await queue.takeBatch(5)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially from the initial delay and stops at the cap', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2 };
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(policy, retry))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('sleep', () => {
  it('returns early when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const slept = sleep(60_000, abort.signal);
    abort.abort();
    await slept;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
