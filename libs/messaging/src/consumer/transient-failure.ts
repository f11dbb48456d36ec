/**
 * Whether a handler failed because something it depends on was briefly out of reach or busy (a
 * database restarting, a connection dropped, a concurrent writer), so the same message will succeed
 * once that passes. Recognised by shape, not by class, so the messaging library needs none of the
 * drivers: node socket codes, PostgreSQL SQLSTATE classes, MongoDB driver names and labels, KurrentDB
 * client error types, and the log's own optimistic-concurrency conflict. Causes are followed.
 */
export function isTransientFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; isObject(current) && depth < 8; current = current.cause, depth += 1) {
    if (looksTransient(current)) return true;
  }
  return false;
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATE: connection exceptions (08), insufficient resources (53), operator intervention (57P01–57P03), serialization failure and deadlock. */
const POSTGRES_TRANSIENT = /^(08|53)...$|^57P0[123]$|^40001$|^40P01$/;

/** node-postgres reports a dropped or unobtainable connection with a plain Error and these messages. */
const POSTGRES_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

const MONGO_TRANSIENT_NAMES =
  /^Mongo(ose)?(NetworkError|NetworkTimeoutError|ServerSelectionError|NotConnectedError|PoolClearedError|TopologyClosedError|ServerClosedError)$/;
const MONGO_TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

/** Server codes of a replica set electing a primary, shutting down or unreachable, and write conflicts. */
const MONGO_TRANSIENT_CODES = new Set([6, 7, 89, 91, 112, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

const KURRENT_TRANSIENT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

const CONCURRENCY_CONFLICTS = new Set(['WrongExpectedVersionError', 'UpdateConflictError']);

function looksTransient(error: ErrorLike): boolean {
  const { code, name, message, type } = error;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || POSTGRES_TRANSIENT.test(code))) return true;
  if (typeof name === 'string' && (MONGO_TRANSIENT_NAMES.test(name) || CONCURRENCY_CONFLICTS.has(name))) return true;
  if (typeof code === 'number' && typeof name === 'string' && name.startsWith('Mongo') && MONGO_TRANSIENT_CODES.has(code)) return true;
  if (typeof type === 'string' && KURRENT_TRANSIENT_TYPES.has(type)) return true;
  if (typeof message === 'string' && POSTGRES_CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
  const labels = error.errorLabels ?? error.errorLabelSet;
  if (labels && [...labels].some((label) => MONGO_TRANSIENT_LABELS.includes(String(label)))) return true;
  return false;
}

interface ErrorLike {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly type?: unknown;
  readonly cause?: unknown;
  readonly errorLabels?: Iterable<unknown>;
  readonly errorLabelSet?: Iterable<unknown>;
}

function isObject(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null;
}
