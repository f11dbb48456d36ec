export * from './servers';
export * from './service-process';
export * from './isolated-environment';
export * from './not-run';
export * from './tested-settings';
export * from './evaluation-jobs';
export * from './eventually';
export * from './browser';
