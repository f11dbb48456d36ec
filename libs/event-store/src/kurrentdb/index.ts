export { KurrentDbCheckpointStore } from './kurrentdb-checkpoint-store';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
