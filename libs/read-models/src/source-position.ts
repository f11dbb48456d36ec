/**
 * Positions are stored as fixed-width decimal strings: every unsigned 64-bit value fits in
 * 20 digits, so string order equals numeric order on MongoDB and FerretDB alike, with no
 * precision loss above 2^53 and no mixed-type comparison.
 */
export const POSITION_WIDTH = 20;
const MAX_POSITION = 2n ** 64n - 1n;

export function encodePosition(position: bigint): string {
  if (position < 0n || position > MAX_POSITION) {
    throw new RangeError(`Position ${position} is outside the unsigned 64-bit range`);
  }
  return position.toString().padStart(POSITION_WIDTH, '0');
}

export function decodePosition(encoded: string): bigint {
  if (!/^\d+$/.test(encoded)) throw new RangeError(`Not an encoded position: ${JSON.stringify(encoded)}`);
  return BigInt(encoded);
}

export function parseDecimalPosition(value: string | bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} is not a position: ${value}`);
    return BigInt(value);
  }
  if (!/^\d+$/.test(value)) throw new RangeError(`${what} is not a decimal position: ${JSON.stringify(value)}`);
  return BigInt(value);
}

const plainSegment = /^[A-Za-z0-9_-]+$/;

/**
 * A source stream name as a single Mongo field name. Stream names may hold `.`, `$`, spaces
 * or any Unicode; everything outside `[A-Za-z0-9_-]` becomes `%XX` of its UTF-8 bytes, so
 * the result is injective, never starts with `$` and never contains `.`.
 */
export function encodeFieldSegment(text: string): string {
  if (text.length === 0) throw new RangeError('A source key segment cannot be empty');
  if (plainSegment.test(text)) return text;
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export function decodeFieldSegment(encoded: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < encoded.length; index++) {
    if (encoded[index] === '%') {
      bytes.push(parseInt(encoded.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(encoded.charCodeAt(index));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `<service>/<streamName>` with both parts encoded, so the `/` separator is unambiguous. */
export function sourceStreamKey(service: string, streamName: string): string {
  return `${encodeFieldSegment(service)}/${encodeFieldSegment(streamName)}`;
}

export function parseSourceStreamKey(key: string): { service: string; streamName: string } {
  const slash = key.indexOf('/');
  if (slash === -1) throw new RangeError(`Not a source stream key: ${key}`);
  return { service: decodeFieldSegment(key.slice(0, slash)), streamName: decodeFieldSegment(key.slice(slash + 1)) };
}
