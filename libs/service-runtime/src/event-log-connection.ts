import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  KurrentDbCheckpointStore,
  KurrentDbEventStore,
  PostgresCheckpointStore,
  PostgresEventStore,
  type CheckpointStore,
  type EventStore,
  type UpcasterRegistry,
} from '@training-ledger/event-store';
import { Pool } from 'pg';
import type { RuntimeConfig } from './runtime-config';

/** The service's own log, its checkpoints, and the one connection they share. */
export interface EventLogConnection {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** The PostgreSQL log's database, which also keeps the service's Idempotency-Keys; absent on KurrentDB. */
  readonly postgres?: { readonly pool: Pool; readonly schema: string };
  close(): Promise<void>;
}

export function eventStoreSchemaOf(service: string): string {
  return `${service.replace(/-/g, '_')}_event_store`;
}

export async function connectEventLog(
  service: string,
  config: RuntimeConfig,
  upcasters?: UpcasterRegistry,
): Promise<EventLogConnection> {
  if (config.EVENT_STORE === 'kurrentdb') {
    if (!config.EVENTSTORE_URL) throw new Error('EVENTSTORE_URL is required when EVENT_STORE=kurrentdb');
    const client = KurrentDBClient.connectionString(config.EVENTSTORE_URL);
    const store = KurrentDbEventStore.create({ client, upcasters });
    return {
      store,
      checkpoints: new KurrentDbCheckpointStore(client),
      close: async () => {
        await store.close();
        await client.dispose();
      },
    };
  }
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required when EVENT_STORE=postgres');
  const schema = config.EVENT_STORE_SCHEMA ?? eventStoreSchemaOf(service);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 20 });
  pool.on('error', () => undefined);
  const store = await PostgresEventStore.create({ pool, schema, upcasters, migrate: config.EVENT_STORE_MIGRATE !== 'separately' });
  return {
    store,
    checkpoints: new PostgresCheckpointStore(pool, schema),
    postgres: { pool, schema },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}
