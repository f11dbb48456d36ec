export * from './bulk-answer';
export * from './bulk-answer.openapi';
