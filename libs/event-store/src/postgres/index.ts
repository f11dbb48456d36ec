export { grantAppendOnlyAccess } from './append-only-role';
export { MIGRATIONS, migrateEventStore, pendingMigrations, type Migration } from './migrations';
export { PostgresCheckpointStore } from './postgres-checkpoint-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { DEFAULT_SCHEMA, EventStoreSchema } from './schema';
