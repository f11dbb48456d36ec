export * from './servers';
export * from './service-process';
export * from './isolated-environment';
