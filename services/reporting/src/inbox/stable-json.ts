/**
 * Key-sorted JSON with numbers as ECMAScript writes them (the shortest round trip, the same on every
 * engine): the bytes an archived event contributes to an input digest.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) text += (index === 0 ? '' : ',') + stableJson(value[index] ?? null);
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') return objectJson(value as Record<string, unknown>);
  return JSON.stringify(value);
}

/**
 * Events of one type share their keys, in one order (as parsed): the sorted order and the quoted
 * keys are worked out once per such set of keys and kept.
 */
interface Shape {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  /** Before each sorted key's value: `{"key":` for the first, `,"key":` for the others. */
  readonly prefixes: readonly string[];
}

const MAX_SHAPES = 1_000;
const shapesByFirstKey = new Map<string, Shape[]>();
let shapeCount = 0;

function objectJson(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const shape = shapeOf(keys);
  let text = '';
  for (let index = 0; index < shape.sorted.length; index += 1) {
    const item = object[shape.sorted[index]];
    // A property left out shifts the commas: such objects take the general way.
    if (item === undefined) return withoutUndefined(object, shape.sorted);
    text += shape.prefixes[index] + stableJson(item);
  }
  return `${text}}`;
}

function withoutUndefined(object: Record<string, unknown>, sorted: readonly string[]): string {
  let text = '{';
  for (const key of sorted) {
    const item = object[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${stableJson(item)}`;
  }
  return `${text}}`;
}

function shapeOf(keys: readonly string[]): Shape {
  const candidates = shapesByFirstKey.get(keys[0]);
  if (candidates !== undefined) {
    for (const candidate of candidates) if (sameKeys(candidate.keys, keys)) return candidate;
  }
  const sorted = [...keys].sort(byCodeUnits);
  const shape: Shape = { keys, sorted, prefixes: sorted.map((key, index) => `${index === 0 ? '{' : ','}${JSON.stringify(key)}:`) };
  if (shapeCount < MAX_SHAPES) {
    shapeCount += 1;
    if (candidates === undefined) shapesByFirstKey.set(keys[0], [shape]);
    else candidates.push(shape);
  }
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
