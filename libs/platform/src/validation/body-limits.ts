import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { FieldError } from '../problem-details/problem-details';

/** A list that declares no `@ArrayMaxSize` holds at most this many items. */
export const DEFAULT_MAX_ITEMS = 1_000;
/** An object holds at most this many properties. */
export const MAX_PROPERTIES = 1_000;
/** Lists and objects nest at most this deep. */
export const MAX_DEPTH = 32;

/** A DTO class, as Nest hands it to the validation pipe. */
export type DtoClass = abstract new (...args: never[]) => unknown;

interface DeclaredList {
  readonly max: number;
  readonly message?: string;
}

/** A property `@ValidateNested` declares: one object, or a list of objects (`each`). */
type DeclaredObjects = 'one' | 'each';

interface ClassShape {
  readonly lists: ReadonlyMap<string, DeclaredList>;
  readonly nested: ReadonlyMap<string, DtoClass>;
  readonly objects: ReadonlyMap<string, DeclaredObjects>;
}

/**
 * The first place where a body breaks the limits on its shape: a list longer than its
 * `@ArrayMaxSize` (or {@link DEFAULT_MAX_ITEMS} when it declares none), an object with more than
 * {@link MAX_PROPERTIES} properties, nesting deeper than {@link MAX_DEPTH}, a list where the DTO declares a
 * nested object (class-validator would validate the list's items in its place). It is found by reading the
 * parsed body once, before any item is transformed or validated, so a body of 100,000 items costs
 * no more than one of a hundred; null when the body keeps to them.
 */
export function firstShapeViolation(value: unknown, type: DtoClass | undefined): FieldError | null {
  return inspect(value, type, undefined, '', 0);
}

function inspect(
  value: unknown,
  type: DtoClass | undefined,
  list: DeclaredList | undefined,
  path: string,
  depth: number,
  objects?: DeclaredObjects,
): FieldError | null {
  if (value === null || typeof value !== 'object') return null;
  const field = path === '' ? '(body)' : path;
  if (depth > MAX_DEPTH) return { field, reason: `lists and objects may nest at most ${MAX_DEPTH} deep` };
  if (Array.isArray(value)) {
    if (objects === 'one') return { field, reason: `${field} must be an object, not a list` };
    const max = list?.max ?? DEFAULT_MAX_ITEMS;
    if (value.length > max) return { field, reason: list?.message ?? `${field} may hold at most ${max} items` };
    for (let index = 0; index < value.length; index += 1) {
      const found = inspect(value[index], type, undefined, `${path}[${index}]`, depth + 1, objects === 'each' ? 'one' : undefined);
      if (found) return found;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_PROPERTIES) return { field, reason: `${field} may hold at most ${MAX_PROPERTIES} properties` };
  const shape = type === undefined ? undefined : shapeOf(type);
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    const found = inspect(item, shape?.nested.get(key), shape?.lists.get(key), path === '' ? key : `${path}.${key}`, depth + 1, shape?.objects.get(key));
    if (found) return found;
  }
  return null;
}

const shapes = new WeakMap<DtoClass, ClassShape>();

/** What a class declares of its lists' sizes (class-validator) and of its nested classes (class-transformer's `@Type`). */
function shapeOf(type: DtoClass): ClassShape {
  const known = shapes.get(type);
  if (known) return known;
  const lists = new Map<string, DeclaredList>();
  const nested = new Map<string, DtoClass>();
  const objects = new Map<string, DeclaredObjects>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
    if (metadata.type === ValidationTypes.NESTED_VALIDATION) objects.set(metadata.propertyName, metadata.each ? 'each' : 'one');
    if (metadata.name === 'arrayMaxSize' && !metadata.each && typeof metadata.constraints[0] === 'number') {
      lists.set(metadata.propertyName, { max: metadata.constraints[0], message: typeof metadata.message === 'string' ? metadata.message : undefined });
    }
    if (!nested.has(metadata.propertyName)) {
      const declared = defaultMetadataStorage.findTypeMetadata(type, metadata.propertyName);
      const nestedType = declared?.options?.discriminator ? undefined : declared?.typeFunction();
      if (typeof nestedType === 'function') nested.set(metadata.propertyName, nestedType as DtoClass);
    }
  }
  const shape = { lists, nested, objects };
  shapes.set(type, shape);
  return shape;
}
