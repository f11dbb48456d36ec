import { globalPositionParts } from '../global-position';
import type { ReadAllFrom } from '../port';

/**
 * An exclusive lower bound in the log's read order: (writing transaction id, global position).
 * It is what a global position means on PostgreSQL.
 */
export interface ReadCursor {
  readonly transactionId: bigint;
  readonly position: bigint;
}

const LOG_START: ReadCursor = { transactionId: 0n, position: 0n };

export function cursorFrom(from: ReadAllFrom): ReadCursor {
  if (from === 'start') return LOG_START;
  const { major, minor } = globalPositionParts(from.after);
  return { transactionId: major, position: minor };
}

/**
 * The cursor past every row written by a transaction older than `horizon`: once a read has seen
 * all of those, no such row can appear any more, so later reads need not scan them again.
 */
export function cursorBeforeTransaction(horizon: bigint): ReadCursor {
  return { transactionId: horizon, position: 0n };
}

export function laterCursor(a: ReadCursor, b: ReadCursor): ReadCursor {
  if (a.transactionId !== b.transactionId) return a.transactionId > b.transactionId ? a : b;
  return a.position >= b.position ? a : b;
}
