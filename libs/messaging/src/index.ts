export * from './envelope';
export * from './topics';
export * from './logger';
export * from './kafka-client';
export * from './positions';
export * from './relay/event-relay';
export * from './consumer/integration-event-consumer';
export { isTransientFailure } from './consumer/transient-failure';
export { backoffDelay, type BackoffPolicy } from './async-utils';
