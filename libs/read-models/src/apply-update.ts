import type { DocumentUpdate } from './projection';

type Fields = Record<string, unknown>;

export class UpdateConflictError extends Error {
  override readonly name = 'UpdateConflictError';
}

/**
 * Applies update operators to a document the way MongoDB does, for servers where the projector
 * must compute the new document itself (FerretDB 1.x looks a document up by index only when the
 * filter is `_id` alone, so a guarded filter would scan the collection on every write).
 * Handles the operators projections may use; values are compared structurally.
 */
export function applyUpdate(document: Fields, update: Readonly<Record<string, unknown>>, inserting: boolean): Fields {
  return applyUpdateInPlace(clone(document), update, inserting);
}

/**
 * As `applyUpdate`, changing `document` itself: for a caller that owns it and would otherwise copy
 * it once per update. On a conflict the document may be left half updated.
 */
export function applyUpdateInPlace(document: Fields, update: Readonly<Record<string, unknown>>, inserting: boolean): Fields {
  const touched: string[] = [];
  for (const [operator, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries((fields ?? {}) as Fields)) {
      claimPath(touched, path);
      applyOperator(document, operator as keyof DocumentUpdate, path, value, inserting);
    }
  }
  return document;
}

function applyOperator(document: Fields, operator: keyof DocumentUpdate, path: string, value: unknown, inserting: boolean): void {
  switch (operator) {
    case '$set':
      setPath(document, path, clone(value));
      return;
    case '$setOnInsert':
      if (inserting) setPath(document, path, clone(value));
      return;
    case '$unset':
      unsetPath(document, path);
      return;
    case '$inc': {
      const current = getPath(document, path);
      if (typeof value !== 'number') throw new UpdateConflictError(`$inc of ${path} needs a number`);
      if (current === undefined) setPath(document, path, value);
      else if (typeof current === 'number') setPath(document, path, current + value);
      else throw new UpdateConflictError(`Cannot apply $inc to the non-numeric field ${path}`);
      return;
    }
    case '$max':
    case '$min': {
      const current = getPath(document, path);
      const replace = current === undefined || (operator === '$max' ? compare(value, current, path) > 0 : compare(value, current, path) < 0);
      if (replace) setPath(document, path, clone(value));
      return;
    }
    case '$push':
    case '$addToSet': {
      const items = eachOf(value);
      const array = arrayAt(document, path, operator);
      for (const item of items) {
        if (operator === '$push' || !array.some((existing) => structurallyEqual(existing, item))) array.push(clone(item));
      }
      return;
    }
    case '$pull': {
      if (isOperatorObject(value)) throw new UpdateConflictError(`$pull of ${path} supports plain values only`);
      const current = getPath(document, path);
      if (current === undefined) return;
      if (!Array.isArray(current)) throw new UpdateConflictError(`Cannot apply $pull to the non-array field ${path}`);
      setPath(document, path, current.filter((existing) => !structurallyEqual(existing, value)));
      return;
    }
    default:
      throw new UpdateConflictError(`Update operator ${String(operator)} is not supported`);
  }
}

/** MongoDB refuses an update that touches a path and one of its prefixes; so does this. */
function claimPath(touched: string[], path: string): void {
  for (const other of touched) {
    if (other === path || isPathPrefix(path, other) || isPathPrefix(other, path)) {
      throw new UpdateConflictError(`Updating the path '${path}' would create a conflict at '${other}'`);
    }
  }
  touched.push(path);
}

function isPathPrefix(prefix: string, path: string): boolean {
  return path.length > prefix.length && path.charCodeAt(prefix.length) === DOT && path.startsWith(prefix);
}

const DOT = 46;

/** Paths are walked by their dots rather than split: updates are applied once per event and document. */
function getPath(document: Fields, path: string): unknown {
  let current: unknown = document;
  let start = 0;
  for (let dot = path.indexOf('.'); ; dot = path.indexOf('.', start)) {
    if (!isPlainObject(current)) return undefined;
    current = current[dot === -1 ? lastSegment(path, start) : path.slice(start, dot)];
    if (dot === -1) return current;
    start = dot + 1;
  }
}

function setPath(document: Fields, path: string, value: unknown): void {
  let current: Fields = document;
  let start = 0;
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', start)) {
    const segment = path.slice(start, dot);
    const next = current[segment];
    if (next === undefined || next === null) {
      current[segment] = {};
    } else if (!isPlainObject(next)) {
      throw new UpdateConflictError(`Cannot create field '${path}': '${segment}' is not a document`);
    }
    current = current[segment] as Fields;
    start = dot + 1;
  }
  current[lastSegment(path, start)] = value;
}

function unsetPath(document: Fields, path: string): void {
  let current: unknown = document;
  let start = 0;
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', start)) {
    if (!isPlainObject(current)) return;
    current = current[path.slice(start, dot)];
    start = dot + 1;
  }
  if (isPlainObject(current)) delete current[lastSegment(path, start)];
}

function lastSegment(path: string, start: number): string {
  return start === 0 ? path : path.slice(start);
}

function arrayAt(document: Fields, path: string, operator: string): unknown[] {
  const current = getPath(document, path);
  if (current === undefined) {
    const created: unknown[] = [];
    setPath(document, path, created);
    return created;
  }
  if (!Array.isArray(current)) throw new UpdateConflictError(`Cannot apply ${operator} to the non-array field ${path}`);
  return current;
}

function eachOf(value: unknown): unknown[] {
  if (isPlainObject(value) && '$each' in value) {
    if (Object.keys(value).length !== 1 || !Array.isArray(value.$each)) {
      throw new UpdateConflictError('Only the $each modifier is supported');
    }
    return value.$each;
  }
  if (isOperatorObject(value)) throw new UpdateConflictError('Only the $each modifier is supported');
  return [value];
}

function compare(a: unknown, b: unknown, path: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  throw new UpdateConflictError(`$max/$min of ${path} compares values of different types`);
}

function structurallyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (isBsonValue(a) && isBsonValue(b)) return a._bsontype === b._bsontype && a.toString() === b.toString();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => structurallyEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    const otherKeys = Object.keys(b);
    // BSON documents compare field by field in order.
    return keys.length === otherKeys.length && keys.every((key, index) => key === otherKeys[index] && structurallyEqual(a[key], b[key]));
  }
  return false;
}

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isBsonValue(value: unknown): value is { _bsontype: string; toString(): string } {
  return typeof value === 'object' && value !== null && typeof (value as { _bsontype?: unknown })._bsontype === 'string';
}

function isOperatorObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

/** Copies documents and arrays; other values (Dates, BSON types) are kept as they are, never mutated here. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clone(item)])) as T;
  return value;
}
