/** Injection tokens for what the runtime provides; the values behind them are interfaces, not classes. */
export const EVENT_STORE = 'training-ledger:event-store';
export const CHECKPOINT_STORE = 'training-ledger:checkpoint-store';
export const KAFKA = 'training-ledger:kafka';
export const MONGO_CONNECTION = 'training-ledger:mongo-connection';
export const SERVICE_NAME = 'training-ledger:service-name';
export const EVENT_LOG_CONNECTION = 'training-ledger:event-log-connection';
