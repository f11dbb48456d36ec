import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { DtoClass } from './body-limits';

/**
 * A DTO's class-validator and class-transformer rules read once into plain functions, for bodies of
 * thousands of items: building and checking them through class-transformer and class-validator
 * costs tens of microseconds per item. It only ever accepts: a value it builds is one every rule
 * accepts, built as `plainToInstance` builds it. Whatever it cannot decide (a broken rule, an
 * unknown property, a rule it does not read) it leaves to the full validation, which then names
 * each field and reason exactly as without it.
 */
export type CompiledValidator<T> = (value: unknown) => T | undefined;

interface RuleCheck {
  readonly metadata: ValidationMetadata;
  readonly validate: (value: unknown, args: ValidationArguments) => unknown;
}

interface CompiledProperty {
  readonly name: string;
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  readonly checks: readonly RuleCheck[];
  readonly transforms: readonly ((value: unknown, plain: object) => unknown)[];
  readonly nested: { readonly build: CompiledValidator<object>; readonly each: boolean } | null;
}

const marked = new WeakSet<DtoClass>();
const compiled = new WeakMap<DtoClass, CompiledValidator<object> | null>();

/** Marks a body class whose valid bodies are built and checked by its compiled rules first. */
export function CompiledValidation(): ClassDecorator {
  return (target) => {
    marked.add(target as unknown as DtoClass);
  };
}

/** The compiled rules of a class marked with {@link CompiledValidation}; null for any other class. */
export function markedValidator<T>(type: DtoClass): CompiledValidator<T> | null {
  return marked.has(type) ? compileValidation<T>(type) : null;
}

/** The class's rules as one function; null when it declares a rule this does not read. */
export function compileValidation<T>(type: DtoClass): CompiledValidator<T> | null {
  if (!compiled.has(type)) {
    compiled.set(type, null);
    compiled.set(type, compileClass(type));
  }
  return compiled.get(type) as CompiledValidator<T> | null;
}

function compileClass(type: DtoClass): CompiledValidator<object> | null {
  const storage = getMetadataStorage();
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of storage.getTargetValidationMetadatas(type, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  const properties: CompiledProperty[] = [];
  for (const [name, metadatas] of byProperty) {
    const property = compileProperty(type, name, metadatas);
    if (!property) return null;
    properties.push(property);
  }
  const known = new Map(properties.map((property) => [property.name, property]));
  const construct = type as unknown as new () => object;
  return (value) => {
    if (!isPlainObject(value)) return undefined;
    const instance = new construct() as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      const property = known.get(key);
      if (!property) return undefined;
      const built = buildValue(property, (value as Record<string, unknown>)[key], value);
      if (built === REFUSED) return undefined;
      if (built !== undefined) instance[key] = built;
    }
    for (const property of properties) if (!satisfies(property, instance, type.name)) return undefined;
    return instance;
  };
}

const REFUSED = Symbol('refused');

/** What JSON.parse makes of an object, from whichever realm; not a list, a buffer or an instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || (Object.getPrototypeOf(prototype) === null && (prototype as { constructor?: { name?: string } }).constructor?.name === 'Object');
}

function buildValue(property: CompiledProperty, raw: unknown, plain: object): unknown {
  let value = raw;
  if (property.nested) {
    const { build, each } = property.nested;
    if (each) {
      if (!Array.isArray(value)) return REFUSED;
      const items: object[] = new Array<object>(value.length);
      for (let index = 0; index < value.length; index += 1) {
        const item = build(value[index]);
        if (item === undefined) return REFUSED;
        items[index] = item;
      }
      value = items;
    } else {
      const item = build(value);
      if (item === undefined) return REFUSED;
      value = item;
    }
  } else if (value !== null && typeof value === 'object') {
    return REFUSED;
  }
  for (const transform of property.transforms) value = transform(value, plain);
  return value;
}

function satisfies(property: CompiledProperty, instance: Record<string, unknown>, targetName: string): boolean {
  const value = instance[property.name];
  for (const condition of property.conditions) if (!condition(instance, value)) return true;
  for (const { metadata, validate } of property.checks) {
    const args: ValidationArguments = { targetName, property: property.name, object: instance, value, constraints: metadata.constraints };
    if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
      for (const item of Array.isArray(value) ? value : [...value.values()]) if (validate(item, args) !== true) return false;
    } else if (validate(value, args) !== true) {
      return false;
    }
  }
  if (property.nested && value === undefined) return false;
  return true;
}

function compileProperty(type: DtoClass, name: string, metadatas: readonly ValidationMetadata[]): CompiledProperty | null {
  const storage = getMetadataStorage();
  const conditions: ((object: object, value: unknown) => boolean)[] = [];
  const checks: RuleCheck[] = [];
  let nestedEach: boolean | null = null;
  for (const metadata of metadatas) {
    if ((metadata.groups?.length ?? 0) > 0) return null;
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
      case ValidationTypes.IS_DEFINED: {
        const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
        if (constraints.length === 0 || constraints.some((constraint) => constraint.async)) return null;
        for (const constraint of constraints) checks.push({ metadata, validate: (value, args) => constraint.instance.validate(value, args) });
        break;
      }
      case ValidationTypes.NESTED_VALIDATION:
        nestedEach = metadata.each === true;
        break;
      default:
        return null;
    }
  }
  // class-validator checks a defined-ness rule whatever the conditions say.
  if (conditions.length > 0 && metadatas.some((metadata) => metadata.type === ValidationTypes.IS_DEFINED)) return null;
  const nested = nestedEach === null ? null : nestedBuilder(type, name, nestedEach);
  if (nestedEach !== null && !nested) return null;
  const transforms = defaultMetadataStorage
    .findTransformMetadatas(type, name, TransformationType.PLAIN_TO_CLASS)
    .map((metadata) => (value: unknown, plain: object) =>
      metadata.transformFn({ value, key: name, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options: {} }),
    );
  if (defaultMetadataStorage.findExposeMetadata(type, name) || defaultMetadataStorage.findExcludeMetadata(type, name)) return null;
  return { name, conditions, checks, transforms, nested };
}

function nestedBuilder(type: DtoClass, name: string, each: boolean): CompiledProperty['nested'] {
  const declared = defaultMetadataStorage.findTypeMetadata(type, name);
  if (!declared || declared.options?.discriminator) return null;
  const nestedType = declared.typeFunction() as DtoClass | undefined;
  if (typeof nestedType !== 'function') return null;
  const build = compileValidation<object>(nestedType);
  return build ? { build, each } : null;
}
