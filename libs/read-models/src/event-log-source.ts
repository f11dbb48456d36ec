import type { EventFilter, EventStore, GlobalPosition } from '@training-ledger/event-store';
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

/** Reads the service's own log page by page and ends when it has caught up: for rebuilds and batch catch-up. */
export function eventLogCatchUp(store: EventStore, options: EventLogSourceOptions): EventSourceFactory {
  const pageSize = options.pageSize ?? 500;
  return (from, signal) => ({
    async *[Symbol.asyncIterator](): AsyncGenerator<ProjectableEvent> {
      let after = globalPositionOf(from);
      while (!signal.aborted) {
        const page = await store.readAll(after === null ? 'start' : { after }, { limit: pageSize, filter: options.filter });
        for (const event of page) {
          if (signal.aborted) return;
          yield fromRecordedEvent(event, options.service);
          after = event.globalPosition;
        }
        if (page.length < pageSize) return;
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
