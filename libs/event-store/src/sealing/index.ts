export * from './seal-chain';
export * from './seal-verification';
export * from './log-sealer';
export * from './verify-log';
