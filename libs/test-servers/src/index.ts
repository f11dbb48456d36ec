export * from './servers';
export * from './service-process';
