import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { EventSubscription, RecordedEvent } from '../port';

/**
 * Adapts a `subscribeToAll` stream. The client's readable stream buffers a bounded number of
 * events and stops reading from the server while the consumer is busy, so the consumer sets
 * the pace.
 */
export class KurrentDbSubscription implements EventSubscription {
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;
  private iterated = false;
  private closed = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly toDelivered: (resolved: AllStreamResolvedEvent) => RecordedEvent | null,
    private readonly onClosed: (subscription: KurrentDbSubscription) => void,
  ) {
    this.events = this.deliver();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('A subscription can be iterated only once');
    this.iterated = true;
    return this.events;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.events.return(undefined);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      for await (const resolved of this.source) {
        if (this.closed) return;
        const event = this.toDelivered(resolved);
        if (event) yield event;
      }
    } catch (error) {
      // Closing destroys the source under a pending read, which then fails as closed early.
      if (!this.closed) throw error;
    } finally {
      await this.stop();
    }
  }

  /**
   * Cancelling the server call alone need not end the client's stream, so it is destroyed too:
   * a consumer waiting for the next event then sees the iteration end.
   */
  private async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.source.unsubscribe();
    } finally {
      this.source.destroy();
      this.onClosed(this);
    }
  }
}
