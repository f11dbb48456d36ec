import type { Pool, PoolClient } from 'pg';
import type { EventSubscription, RecordedEvent } from '../port';
import { laterCursor, type ReadCursor } from './read-cursor';

export interface SubscriptionPage {
  readonly events: readonly RecordedEvent[];
  /** Where the next page starts: after the page's last event, or further when the page shows the log is exhausted. */
  readonly next: ReadCursor;
}

/** What an append of this process wrote: the types as stored, its stream's category, and where its last event is. */
export interface AppendedEvents {
  readonly types: readonly string[];
  readonly category: string;
  readonly last: ReadCursor;
}

/** The events a subscription reads: null for every type, or every category. */
export interface SubscribedEvents {
  readonly types: ReadonlySet<string> | null;
  readonly categories: ReadonlySet<string> | null;
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
  readonly reads: SubscribedEvents;
  readonly onClosed: (subscription: PostgresSubscription) => void;
}

/**
 * Reads the log page by page on one connection of its own, then waits for more: woken by its
 * store once an append of this process committed, by the NOTIFY that stores of other processes send
 * after appends, and by a polling timer so that a lost notification (or a transaction that kept the
 * visibility horizon back) only delays delivery. At most one page
 * is held in memory: the next page is read only once the consumer has taken the previous one.
 *
 * An append of types it does not read wakes it only while an event it does read is announced and
 * not yet read: a log mostly of marks would otherwise have every subscription of the service read
 * an empty page after each one. Such an event can still be hidden behind an older transaction,
 * and the commits after it are what makes it visible.
 */
export class PostgresSubscription implements EventSubscription {
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;
  private iterated = false;
  private closed = false;
  private moreMayBeVisible = false;
  private wakeWaiter: (() => void) | null = null;
  /** The last announced event of this process it reads, until a read has gone past it. */
  private awaited: ReadCursor | null = null;
  /** Notifications of appends of a type it reads, counted; null once a read started after the last one saw all it could. */
  private notifiedAwaited: number | null = null;
  private notifications = 0;

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
    const onNotification = (message: { payload?: string }): void => this.notified(message.payload ?? '');
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
        const notificationsBefore = this.notifications;
        const page = await readPage(client, cursor, pageSize);
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        cursor = page.next;
        if (this.awaited && laterCursor(cursor, this.awaited) === cursor) this.awaited = null;
        if (page.events.length < pageSize) {
          if (this.notifiedAwaited === notificationsBefore) this.notifiedAwaited = null;
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

  /** An append of this process committed. */
  appended({ types, category, last }: AppendedEvents): void {
    if (this.readsAny(types) && (this.options.reads.categories?.has(category) ?? true)) {
      this.awaited = this.awaited ? laterCursor(this.awaited, last) : last;
      this.wake();
    } else if (this.awaits()) this.wake();
  }

  /** A NOTIFY: the types appended by a process since its last one, comma-separated; empty when it did not say. */
  private notified(payload: string): void {
    this.notifications += 1;
    if (payload === '' || this.readsAny(payload.split(','))) {
      this.notifiedAwaited = this.notifications;
      this.wake();
    } else if (this.awaits()) this.wake();
  }

  private readsAny(types: readonly string[]): boolean {
    const { types: read } = this.options.reads;
    return read === null || types.some((type) => read.has(type));
  }

  private awaits(): boolean {
    return this.awaited !== null || this.notifiedAwaited !== null;
  }

  /** There may be more to read: an append committed, or the subscription is closing. */
  wake(): void {
    this.moreMayBeVisible = true;
    this.wakeWaiter?.();
  }
}
