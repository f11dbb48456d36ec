import { Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MongoIdempotencyStore, PostgresIdempotencyStore } from '@training-ledger/platform';
import type { Connection } from 'mongoose';
import type { EventLogConnection } from './event-log-connection';
import { EVENT_LOG_CONNECTION, MONGO_CONNECTION } from './tokens';

const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Idempotency keys are kept for as long as an integration may retry (IDEMPOTENCY_RETENTION_HOURS),
 * then forgotten, so that the collection does not grow with every request of six years.
 */
@Injectable()
export class IdempotencyKeyRetention implements OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly retentionHours: number) {}

  keep(store: { purgeBefore(cutoff: Date): Promise<number> }, now: () => Date = () => new Date()): void {
    const purge = () => store.purgeBefore(new Date(now().getTime() - this.retentionHours * 3_600_000)).catch(() => undefined);
    void purge();
    const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
    timer.unref();
    this.timers.push(timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}

/**
 * The store of one endpoint's Idempotency-Keys, named `collection` and purged after its retention:
 * next to the events on a PostgreSQL log, so that an append completes its request's key in the same
 * transaction; in a collection of its own on KurrentDB.
 */
export function idempotencyStoreProvider(token: string, collection: string): Provider {
  return {
    provide: token,
    inject: [EVENT_LOG_CONNECTION, MONGO_CONNECTION, IdempotencyKeyRetention],
    useFactory: async (eventLog: EventLogConnection, connection: Connection, retention: IdempotencyKeyRetention) => {
      if (eventLog.postgres) {
        const store = new PostgresIdempotencyStore(eventLog.postgres.pool, { schema: eventLog.postgres.schema, store: collection });
        retention.keep(store);
        return store;
      }
      const store = new MongoIdempotencyStore(connection, { collection });
      await store.ensureIndexes();
      retention.keep(store);
      return store;
    },
  };
}
