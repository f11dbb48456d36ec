import type { ProjectableEvent } from './projectable-event';

type Fields = Readonly<Record<string, unknown>>;

/** The update operators a projection may use; each of them is verified on FerretDB 1.24 by this library's tests. */
export interface DocumentUpdate {
  readonly $set?: Fields;
  readonly $setOnInsert?: Fields;
  readonly $unset?: Readonly<Record<string, '' | 1 | true>>;
  readonly $inc?: Readonly<Record<string, number>>;
  readonly $max?: Fields;
  readonly $min?: Fields;
  readonly $push?: Fields;
  readonly $addToSet?: Fields;
  readonly $pull?: Fields;
}

export type UpdateOperator = keyof DocumentUpdate;
export const updateOperators: readonly UpdateOperator[] = [
  '$set',
  '$setOnInsert',
  '$unset',
  '$inc',
  '$max',
  '$min',
  '$push',
  '$addToSet',
  '$pull',
];

/** Field holding, per source stream, the last position applied to the document. */
export const APPLIED_POSITIONS_FIELD = '_v';
/** Set by `markDeleted`; readers filter on `notDeleted`. */
export const DELETED_FIELD = '_deleted';
export const notDeleted = { [DELETED_FIELD]: { $ne: true } } as const;

export type DocumentId = string;

/** A write to one document of the projection's collection, applied at most once per source event. */
export interface UpsertOperation {
  readonly kind: 'upsert';
  readonly id: DocumentId;
  readonly update: DocumentUpdate;
}

export type ProjectionOperation = UpsertOperation;

export function upsert(id: DocumentId, update: DocumentUpdate): UpsertOperation {
  return { kind: 'upsert', id, update };
}

/**
 * Marks a document as deleted instead of removing it: a removed document would lose its
 * applied positions, and a replay from an older checkpoint would bring it back.
 */
export function markDeleted(id: DocumentId, extra: Fields = {}): UpsertOperation {
  return { kind: 'upsert', id, update: { $set: { ...extra, [DELETED_FIELD]: true } } };
}

export type ProjectionHandler<TType extends string, TData> = (
  event: ProjectableEvent<TType, TData>,
) => readonly ProjectionOperation[];

/** Handlers keyed by event type; `TEventMap` maps each type to its `data` (an interface, no index signature). */
export type ProjectionHandlers<TEventMap extends object> = {
  readonly [TType in keyof TEventMap & string]?: ProjectionHandler<TType, TEventMap[TType]>;
};

export interface ProjectionIndex {
  readonly fields: Readonly<Record<string, 1 | -1>>;
  readonly unique?: boolean;
  readonly name?: string;
}

export interface ProjectionDefinition<TEventMap extends object = Record<string, unknown>> {
  /** Stable identity: the key of its checkpoint and of its collection pointer. */
  readonly name: string;
  /** Bump whenever the handlers change what they write; a new version is rebuilt into a new collection. */
  readonly version: number;
  /** Base name; the documents live in `<collection>_v<version>[_<rebuildId>]`. */
  readonly collection: string;
  readonly handlers: ProjectionHandlers<TEventMap>;
  readonly indexes?: readonly ProjectionIndex[];
  /**
   * Most writes create their document (one document per event, or per cell written once): where
   * the server must be read document by document (FerretDB), a batch's documents are then inserted
   * first and only those already stored are read and replaced.
   */
  readonly documentsMostlyNew?: boolean;
}

/** A defined projection as the projector runs it. */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly collection: string;
  readonly indexes: readonly ProjectionIndex[];
  readonly eventTypes: readonly string[];
  /** See `ProjectionDefinition.documentsMostlyNew`. */
  readonly documentsMostlyNew?: boolean;
  /** Runs the handler for the event's type; an event without a handler yields no operation. */
  operationsFor(event: ProjectableEvent): readonly ProjectionOperation[];
}

export class ProjectionDefinitionError extends Error {
  override readonly name = 'ProjectionDefinitionError';
}

export class ProjectionHandlerError extends Error {
  override readonly name = 'ProjectionHandlerError';
  constructor(
    readonly projection: string,
    readonly event: ProjectableEvent,
    override readonly cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on ${event.type} ${event.eventId} ` +
        `(${event.source.service}/${event.source.streamName}@${event.source.streamPosition}): ${describe(cause)}`,
    );
  }
}

const projectionNamePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const collectionNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function defineProjection<TEventMap extends object = Record<string, unknown>>(
  definition: ProjectionDefinition<TEventMap>,
): Projection {
  if (!projectionNamePattern.test(definition.name)) {
    throw new ProjectionDefinitionError(`Projection name ${JSON.stringify(definition.name)} must match ${projectionNamePattern}`);
  }
  if (!collectionNamePattern.test(definition.collection)) {
    throw new ProjectionDefinitionError(
      `Collection ${JSON.stringify(definition.collection)} of ${definition.name} must match ${collectionNamePattern}`,
    );
  }
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) {
    throw new ProjectionDefinitionError(`Version of ${definition.name} must be a positive integer`);
  }
  const handlers = definition.handlers as Readonly<
    Record<string, ((event: ProjectableEvent) => readonly ProjectionOperation[]) | undefined>
  >;
  const eventTypes = Object.keys(handlers).filter((type) => handlers[type] !== undefined);
  return {
    name: definition.name,
    version: definition.version,
    collection: definition.collection,
    indexes: definition.indexes ?? [],
    eventTypes,
    documentsMostlyNew: definition.documentsMostlyNew ?? false,
    operationsFor(event) {
      const handler = Object.prototype.hasOwnProperty.call(handlers, event.type) ? handlers[event.type] : undefined;
      if (!handler) return [];
      let operations: readonly ProjectionOperation[];
      try {
        operations = handler(event);
        for (const operation of operations) validateOperation(operation);
      } catch (error) {
        throw new ProjectionHandlerError(definition.name, event, error);
      }
      return operations;
    },
  };
}

function validateOperation(operation: ProjectionOperation): void {
  if (typeof operation.id !== 'string' || operation.id.length === 0) {
    throw new ProjectionDefinitionError('Every operation needs a non-empty string document id');
  }
  const operators = Object.keys(operation.update);
  if (operators.length === 0) throw new ProjectionDefinitionError(`Upsert of ${operation.id} has no update operator`);
  for (const operator of operators) {
    if (!(updateOperators as readonly string[]).includes(operator)) {
      throw new ProjectionDefinitionError(`Update operator ${operator} is not supported`);
    }
    const fields = operation.update[operator as UpdateOperator] ?? {};
    for (const path of Object.keys(fields)) assertWritablePath(path);
  }
}

function assertWritablePath(path: string): void {
  if (path.length === 0 || path.startsWith('$') || path.startsWith('.') || path.endsWith('.') || path.includes('..')) {
    throw new ProjectionDefinitionError(`Invalid field path ${JSON.stringify(path)}`);
  }
  const dot = path.indexOf('.');
  const root = dot === -1 ? path : path.slice(0, dot);
  if (root === '_id' || root === APPLIED_POSITIONS_FIELD) {
    throw new ProjectionDefinitionError(`Field ${root} is managed by the projector and cannot be written by a handler`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
