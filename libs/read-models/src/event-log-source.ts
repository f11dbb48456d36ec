import type { EventFilter, EventStore, GlobalPosition, RecordedEvent } from '@training-ledger/event-store';
import type { CheckpointPosition } from './checkpoint';
import { FeedMismatchError } from './checkpoint';
import { fromRecordedEvent, type ProjectableEvent } from './projectable-event';
import type { EventSourceFactory } from './runner';

export interface EventLogSourceOptions {
  /** The service that owns the log; becomes `source.service` of every event. */
  readonly service: string;
  readonly filter?: EventFilter;
  readonly pageSize?: number;
}

/**
 * Reads the service's own log page by page and ends when it has caught up: for rebuilds and batch
 * catch-up. The next page is read while the current one is consumed.
 */
export function eventLogCatchUp(store: EventStore, options: EventLogSourceOptions): EventSourceFactory {
  const pageSize = options.pageSize ?? 2_000;
  const read = (after: GlobalPosition | null) =>
    store.readAll(after === null ? 'start' : { after }, { limit: pageSize, filter: options.filter });
  return (from, signal) => ({
    async *[Symbol.asyncIterator](): AsyncGenerator<ProjectableEvent> {
      let next: Promise<RecordedEvent[]> | null = read(globalPositionOf(from));
      try {
        while (next && !signal.aborted) {
          const page: RecordedEvent[] = await next;
          const last = page[page.length - 1];
          next = page.length < pageSize || !last ? null : read(last.globalPosition);
          for (const event of page) {
            if (signal.aborted) return;
            yield fromRecordedEvent(event, options.service);
          }
        }
      } finally {
        // A page read ahead that is no longer wanted must not fail unobserved.
        next?.catch(() => undefined);
      }
    },
  });
}

/** Catch-up then live subscription to the service's own log; ends when the signal aborts. */
export function eventLogSubscription(store: EventStore, options: Omit<EventLogSourceOptions, 'pageSize'>): EventSourceFactory {
  return (from, signal) => ({
    async *[Symbol.asyncIterator](): AsyncGenerator<ProjectableEvent> {
      const after = globalPositionOf(from);
      const subscription = store.subscribe(after === null ? 'start' : { after }, { filter: options.filter });
      const close = (): void => void subscription.close().catch(() => undefined);
      signal.addEventListener('abort', close, { once: true });
      try {
        for await (const event of subscription) {
          if (signal.aborted) return;
          yield fromRecordedEvent(event, options.service);
        }
      } finally {
        signal.removeEventListener('abort', close);
        await subscription.close();
      }
    },
  });
}

function globalPositionOf(from: CheckpointPosition | null): GlobalPosition | null {
  if (!from) return null;
  if (from.kind !== 'event-log') throw new FeedMismatchError('This projection is checkpointed on Kafka offsets, not on the event log');
  return from.globalPosition;
}
