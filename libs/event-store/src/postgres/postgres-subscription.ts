import type { Pool, PoolClient } from 'pg';
import type { EventSubscription, RecordedEvent } from '../port';
import type { ReadCursor } from './read-cursor';

export interface SubscriptionPage {
  readonly events: readonly RecordedEvent[];
  /** Where the next page starts: after the page's last event, or further when the page shows the log is exhausted. */
  readonly next: ReadCursor;
}

export interface PostgresSubscriptionOptions {
  readonly pool: Pool;
  readonly channel: string;
  readonly from: ReadCursor;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  /** The shortest time between the starts of two reads when woken. */
  readonly readIntervalMs: number;
  readonly readPage: (client: PoolClient, after: ReadCursor, limit: number) => Promise<SubscriptionPage>;
  readonly onClosed: (subscription: PostgresSubscription) => void;
}

/**
 * Reads the log page by page on one connection of its own, then waits for more: woken by its
 * store once an append of this process committed, by the NOTIFY that stores of other processes send
 * after appends, and by a polling timer so that a lost notification (or a transaction that kept the
 * visibility horizon back) only delays delivery. At most one page
 * is held in memory: the next page is read only once the consumer has taken the previous one.
 */
export class PostgresSubscription implements EventSubscription {
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;
  private iterated = false;
  private closed = false;
  private moreMayBeVisible = false;
  private wakeWaiter: (() => void) | null = null;

  constructor(private readonly options: PostgresSubscriptionOptions) {
    this.events = this.deliver();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('A subscription can be iterated only once');
    this.iterated = true;
    return this.events;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.events.return(undefined);
    this.options.onClosed(this);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      yield* this.deliverOn(await this.options.pool.connect());
    } finally {
      this.closed = true;
      this.options.onClosed(this);
    }
  }

  private async *deliverOn(client: PoolClient): AsyncGenerator<RecordedEvent, void, undefined> {
    const { channel, pageSize, readPage } = this.options;
    let connectionError: Error | undefined;
    const onNotification = (): void => this.wake();
    const onError = (error: Error): void => {
      connectionError = error;
      this.wake();
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`LISTEN "${channel}"`);
      let cursor = this.options.from;
      let lastReadStartedAt = -Infinity;
      while (!this.closed) {
        this.moreMayBeVisible = false;
        lastReadStartedAt = performance.now();
        const page = await readPage(client, cursor, pageSize);
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        cursor = page.next;
        if (page.events.length < pageSize) {
          await this.waitForMore();
          await this.letAppendsGather(lastReadStartedAt);
        }
        if (connectionError) throw connectionError;
      }
    } finally {
      client.off('notification', onNotification);
      client.off('error', onError);
      if (!connectionError) {
        await client.query(`UNLISTEN "${channel}"`).catch((error: Error) => {
          connectionError = error;
        });
      }
      client.release(connectionError);
    }
  }

  private waitForMore(): Promise<void> {
    if (this.moreMayBeVisible || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wakeWaiter = done;
    });
  }

  /** Appends committing one after another are read together, not one page each. */
  private async letAppendsGather(lastReadStartedAt: number): Promise<void> {
    const remaining = lastReadStartedAt + this.options.readIntervalMs - performance.now();
    if (remaining > 0 && !this.closed) await new Promise((resolve) => setTimeout(resolve, remaining));
  }

  /** There may be more to read: an append committed, or the subscription is closing. */
  wake(): void {
    this.moreMayBeVisible = true;
    this.wakeWaiter?.();
  }
}
