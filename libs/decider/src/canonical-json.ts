/** A value refused by `canonicalJson`, with the JSON path of the offending part. */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * One text per value, so that a report hashes to the same SHA-256 on every machine and every year:
 * object keys in UTF-16 code unit order, no whitespace, arrays in their order, `undefined` properties
 * left out. Only safe integers are written as numbers; a fraction must arrive as a fixed-precision
 * decimal string, because binary floating point has no single decimal spelling every reader agrees on.
 * Anything JSON cannot say exactly (bigint, NaN, dates, maps, class instances, cycles) is refused.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', []);
}

/** Orders strings by UTF-16 code units, which is what `<` does, whatever the locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function write(value: unknown, path: string, ancestors: readonly object[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return writeNumber(value, path);
    case 'object':
      return writeComposite(value, path, ancestors);
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no canonical JSON form`);
  }
}

function writeNumber(value: number, path: string): string {
  if (!Number.isInteger(value)) {
    throw new CanonicalJsonError(path, `${value} is not an integer; write fractions as fixed-precision decimal strings`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new CanonicalJsonError(path, `${value} is beyond the safe integer range; write it as a decimal string`);
  }
  return Object.is(value, -0) ? '0' : String(value);
}

function writeComposite(value: object, path: string, ancestors: readonly object[]): string {
  if (ancestors.includes(value)) throw new CanonicalJsonError(path, 'the value refers to itself');
  const inside = [...ancestors, value];
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, index) => {
      if (item === undefined) throw new CanonicalJsonError(`${path}[${index}]`, 'arrays cannot hold undefined');
      return write(item, `${path}[${index}]`, inside);
    });
    return `[${items.join(',')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError(path, 'only plain objects and arrays have a canonical JSON form');
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new CanonicalJsonError(path, 'symbol keys have no canonical JSON form');
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodeUnits)
    .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`, inside)}`);
  return `{${members.join(',')}}`;
}

/**
 * What `JSON.stringify` writes, with every object's keys in UTF-16 code unit order: for comparing and
 * fingerprinting values as they came (request bodies, DTO instances, personal data), where two
 * spellings of one value must not differ and a fraction is simply a number. `canonicalJson` is the
 * stricter form for what must hash the same for years.
 */
export function sortedKeyJson(value: unknown): string {
  const json = hasToJson(value) ? value.toJSON() : value;
  if (Array.isArray(json)) {
    // One string grown in place: a request of thousands of items is written without an array per level.
    let text = '[';
    for (let index = 0; index < json.length; index += 1) {
      const item: unknown = json[index];
      if (index > 0) text += ',';
      if (item === undefined || typeof item === 'function') text += 'null';
      else text += sortedKeyJson(item) ?? '';
    }
    return `${text}]`;
  }
  if (json !== null && typeof json === 'object') {
    const record = json as Record<string, unknown>;
    // Written by hand: an object rebuilt with sorted keys would still list integer-like keys ("0") first.
    const { sorted, quoted } = keyOrderOf(Object.keys(record));
    let text = '{';
    let first = true;
    for (let index = 0; index < sorted.length; index += 1) {
      const item = record[sorted[index] as string];
      if (item === undefined || typeof item === 'function') continue;
      text += `${first ? '' : ','}${quoted[index] as string}:${typeof item === 'string' ? JSON.stringify(item) : sortedKeyJson(item)}`;
      first = false;
    }
    return `${text}}`;
  }
  return JSON.stringify(json);
}

/** An object's keys as listed, then in UTF-16 code unit order (the default sort's) with their JSON spelling. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly quoted: readonly string[];
}

/** The key orders of the objects written last: the items of a bulk request share theirs, sorted once. */
const recentKeyOrders: KeyOrder[] = [];
const RECENT_KEY_ORDERS = 8;

function keyOrderOf(keys: readonly string[]): KeyOrder {
  for (const order of recentKeyOrders) if (sameKeys(order.keys, keys)) return order;
  const sorted = [...keys].sort();
  const order: KeyOrder = { keys, sorted, quoted: sorted.map((key) => JSON.stringify(key)) };
  if (recentKeyOrders.length >= RECENT_KEY_ORDERS) recentKeyOrders.pop();
  recentKeyOrders.unshift(order);
  return order;
}

function sameKeys(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
