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
  const text = writeCanonical(value, []);
  if (text !== undefined) return text;
  throw refusalIn(value, '$', []) ?? new Error('canonicalJson refused a value without finding why');
}

/** Orders strings by UTF-16 code units, which is what `<` does, whatever the locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The canonical text, or undefined when some part has none (`refusalIn` then names it). Every event
 * a log seals is written here, so nothing is built for a refusal until one happens.
 */
function writeCanonical(value: unknown, ancestors: object[]): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case 'object':
      return writeComposite(value, ancestors);
    default:
      return undefined;
  }
}

/** A value holding itself is endlessly deep: only a deep one is looked for among its ancestors. */
const CYCLE_CHECK_DEPTH = 64;

function writeComposite(value: object, ancestors: object[]): string | undefined {
  if (ancestors.length >= CYCLE_CHECK_DEPTH && ancestors.includes(value)) return undefined;
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let index = 0; index < value.length; index += 1) {
      const item = value[index] === undefined ? undefined : writeCanonical(value[index], ancestors);
      if (item === undefined) return undefined;
      text += index === 0 ? item : `,${item}`;
    }
    text += ']';
  } else {
    if (!isPlainRecord(value)) return undefined;
    const { sorted, quoted } = keyOrderOf(Object.keys(value));
    text = '{';
    for (let index = 0; index < sorted.length; index += 1) {
      const member = value[sorted[index] as string];
      if (member === undefined) continue;
      const item = writeCanonical(member, ancestors);
      if (item === undefined) return undefined;
      text += `${text.length === 1 ? '' : ','}${quoted[index] as string}:${item}`;
    }
    text += '}';
  }
  ancestors.pop();
  return text;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0;
}

/** The first part, in the order canonical JSON writes them, that has no canonical form; null when every part has one. */
function refusalIn(value: unknown, path: string, ancestors: readonly object[]): CanonicalJsonError | null {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return null;
  if (typeof value === 'number') return numberRefusal(value, path);
  if (typeof value !== 'object') return new CanonicalJsonError(path, `a ${typeof value} has no canonical JSON form`);
  if (ancestors.includes(value)) return new CanonicalJsonError(path, 'the value refers to itself');
  const inside = [...ancestors, value];
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const refusal =
        value[index] === undefined
          ? new CanonicalJsonError(`${path}[${index}]`, 'arrays cannot hold undefined')
          : refusalIn(value[index], `${path}[${index}]`, inside);
      if (refusal) return refusal;
    }
    return null;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return new CanonicalJsonError(path, 'only plain objects and arrays have a canonical JSON form');
  }
  if (Object.getOwnPropertySymbols(value).length > 0) return new CanonicalJsonError(path, 'symbol keys have no canonical JSON form');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort(compareCodeUnits)) {
    const refusal = record[key] === undefined ? null : refusalIn(record[key], `${path}.${key}`, inside);
    if (refusal) return refusal;
  }
  return null;
}

function numberRefusal(value: number, path: string): CanonicalJsonError | null {
  if (!Number.isInteger(value)) {
    return new CanonicalJsonError(path, `${value} is not an integer; write fractions as fixed-precision decimal strings`);
  }
  if (!Number.isSafeInteger(value)) {
    return new CanonicalJsonError(path, `${value} is beyond the safe integer range; write it as a decimal string`);
  }
  return null;
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

/** Key orders already worked out, by an object's first key: objects of one shape share theirs. */
const keyOrdersByFirstKey = new Map<string, KeyOrder[]>();
const MAX_KEY_ORDERS = 1_000;
let keyOrderCount = 0;
const NO_KEYS: KeyOrder = { keys: [], sorted: [], quoted: [] };

function keyOrderOf(keys: readonly string[]): KeyOrder {
  if (keys.length === 0) return NO_KEYS;
  const first = keys[0] as string;
  const candidates = keyOrdersByFirstKey.get(first);
  if (candidates !== undefined) for (const order of candidates) if (sameKeys(order.keys, keys)) return order;
  const sorted = [...keys].sort(compareCodeUnits);
  const order: KeyOrder = { keys, sorted, quoted: sorted.map((key) => JSON.stringify(key)) };
  // Bounded: objects keyed by data (a map of ids) each have a shape of their own.
  if (keyOrderCount < MAX_KEY_ORDERS) {
    keyOrderCount += 1;
    if (candidates === undefined) keyOrdersByFirstKey.set(first, [order]);
    else candidates.push(order);
  }
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
