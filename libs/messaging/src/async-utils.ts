/** Resolves after `ms`, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
}

/** Delay before retry number `retry` (1 for the first retry). */
export function backoffDelay(policy: BackoffPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, retry - 1));
}

/**
 * A bounded hand-off between one producer and one consumer task: `push` waits while the queue is
 * full, `takeBatch` waits until something is there and takes what has arrived, up to a limit.
 */
export class BoundedBatchQueue<T> {
  private items: T[] = [];
  private closed = false;
  private spaceWaiters: Array<() => void> = [];
  private itemWaiters: Array<() => void> = [];

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.items.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** False when the queue was closed: the item was not taken. */
  async push(item: T): Promise<boolean> {
    while (!this.closed && this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
    if (this.closed) return false;
    this.items.push(item);
    this.wake(this.itemWaiters);
    return true;
  }

  /** Null once the queue is closed and empty. */
  async takeBatch(maxItems: number): Promise<T[] | null> {
    while (!this.closed && this.items.length === 0) {
      await new Promise<void>((resolve) => this.itemWaiters.push(resolve));
    }
    if (this.items.length === 0) return null;
    const batch = this.items.splice(0, maxItems);
    this.wake(this.spaceWaiters);
    return batch;
  }

  /** Stops accepting items; with `discard`, also drops what is waiting so `takeBatch` returns null at once. */
  close(options: { discard: boolean }): void {
    this.closed = true;
    if (options.discard) this.items = [];
    this.wake(this.spaceWaiters);
    this.wake(this.itemWaiters);
  }

  private wake(waiters: Array<() => void>): void {
    const woken = waiters.splice(0, waiters.length);
    for (const resolve of woken) resolve();
  }
}
