declare const globalPositionBrand: unique symbol;

/**
 * A point in the read order of the whole log: what a subscriber checkpoints.
 *
 * It is a pair of unsigned 64-bit numbers compared in order — on PostgreSQL the writing
 * transaction's id, then the event's sequence number; on KurrentDB the commit, then the prepare
 * position — written as fixed-width lowercase hex (`major:minor`). Because of the fixed width the
 * text sorts exactly like the position, so it can be compared with `<`, used as a map key, sent as
 * JSON and stored in a text column (with a binary collation such as PostgreSQL's `"C"`).
 */
export type GlobalPosition = string & { readonly [globalPositionBrand]: true };

export interface GlobalPositionParts {
  readonly major: bigint;
  readonly minor: bigint;
}

const PART_DIGITS = 16;
const MAX_PART = (1n << 64n) - 1n;
const FORMAT = /^[0-9a-f]{16}:[0-9a-f]{16}$/;

export function globalPosition(major: bigint, minor: bigint): GlobalPosition {
  return `${encodePart(major, 'major')}:${encodePart(minor, 'minor')}` as GlobalPosition;
}

export function isGlobalPosition(text: string): text is GlobalPosition {
  return FORMAT.test(text);
}

/** Checks text read back from storage or a message and types it as a position. */
export function parseGlobalPosition(text: string): GlobalPosition {
  if (!isGlobalPosition(text)) throw new TypeError(`Not a global position: ${JSON.stringify(text)}`);
  return text;
}

export function globalPositionParts(position: GlobalPosition): GlobalPositionParts {
  const [major, minor] = parseGlobalPosition(position).split(':');
  return { major: BigInt(`0x${major}`), minor: BigInt(`0x${minor}`) };
}

/** For `Array.prototype.sort`: negative when `a` comes first in the log. */
export function compareGlobalPositions(a: GlobalPosition, b: GlobalPosition): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodePart(value: bigint, name: string): string {
  if (value < 0n || value > MAX_PART) throw new RangeError(`Global position ${name} part out of range: ${value}`);
  return value.toString(16).padStart(PART_DIGITS, '0');
}
