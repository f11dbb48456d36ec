export * from './tokens';
export * from './runtime-config';
export * from './integration-consumers';
export * from './projection-consumer';
export * from './event-log-connection';
export * from './service-runtime.module';
export * from './contract-mapper';
export * from './local-projections';
