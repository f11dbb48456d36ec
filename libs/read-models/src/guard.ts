import { applyUpdate, applyUpdateInPlace } from './apply-update';
import type { ProjectableEvent } from './projectable-event';
import {
  APPLIED_POSITIONS_FIELD,
  type DocumentId,
  type DocumentUpdate,
  type Projection,
  ProjectionDefinitionError,
  ProjectionHandlerError,
  type UpdateOperator,
  updateOperators,
} from './projection';
import { encodePosition, sourceStreamKey } from './source-position';

type MutableFields = Record<string, unknown>;

export function appliedPositionPath(event: ProjectableEvent): string {
  return `${APPLIED_POSITIONS_FIELD}.${sourceStreamKey(event.source.service, event.source.streamName)}`;
}

/** Whether a document has already applied `encodedPosition` (or a later one) of the stream `sourceKey`. */
export function hasApplied(document: Readonly<Record<string, unknown>>, sourceKey: string, encodedPosition: string): boolean {
  const positions = document[APPLIED_POSITIONS_FIELD];
  if (typeof positions !== 'object' || positions === null) return false;
  const stored = (positions as Record<string, unknown>)[sourceKey];
  return typeof stored === 'string' && stored >= encodedPosition;
}

/**
 * Matches the document only while the event's source position is newer than what the
 * document has applied from that stream. `$not: { $gte }` also matches a missing field,
 * so a single condition covers "never seen" and "older", and an upsert whose filter fails
 * on an existing `_id` ends in a duplicate-key error, which means "already applied".
 */
export function guardFilter(id: DocumentId, positionPath: string, encodedPosition: string): Record<string, unknown> {
  return { _id: id, [positionPath]: { $not: { $gte: encodedPosition } } };
}

/** The filter a server-side guarded upsert of this write uses. */
export function guardFilterOf(write: GuardedWrite): Record<string, unknown> {
  return guardFilter(write.id, `${APPLIED_POSITIONS_FIELD}.${write.sourceKey}`, write.encodedPosition);
}

export function guardedUpdate(update: DocumentUpdate, positionPath: string, encodedPosition: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const operator of updateOperators) {
    const fields = update[operator];
    // Shared, not copied: nothing downstream changes an update's fields.
    if (fields && hasFields(fields)) result[operator] = fields;
  }
  result.$set = { ...((result.$set as MutableFields | undefined) ?? {}), [positionPath]: encodedPosition };
  return result;
}

function hasFields(fields: object): boolean {
  for (const _ in fields) return true;
  return false;
}

/**
 * Two operations of one event on the same document must become one write: the guard lets a
 * document take a given source position once, so a second write would be skipped.
 */
export function mergeUpdates(first: DocumentUpdate, second: DocumentUpdate, id: DocumentId): DocumentUpdate {
  const merged: Partial<Record<UpdateOperator, MutableFields>> = {};
  for (const operator of updateOperators) {
    const left = first[operator];
    const right = second[operator];
    if (!left && !right) continue;
    const fields: MutableFields = { ...(left ?? {}) };
    for (const [path, value] of Object.entries(right ?? {})) {
      if (!(path in fields)) {
        fields[path] = value;
      } else if (operator === '$inc') {
        fields[path] = (fields[path] as number) + (value as number);
      } else {
        throw new ProjectionDefinitionError(
          `Two operations of one event write ${operator} ${path} on document ${id}; combine them in the handler`,
        );
      }
    }
    merged[operator] = fields;
  }
  return merged as DocumentUpdate;
}

export interface GuardedWrite {
  readonly id: DocumentId;
  /** The event's source stream as a key of `_v`. */
  readonly sourceKey: string;
  readonly encodedPosition: string;
  /** The handler's update with the position recorded; the filter is `guardFilterOf(write)`. */
  readonly update: Record<string, unknown>;
  readonly event: ProjectableEvent;
}

export interface WritePlan {
  /**
   * Writes grouped so that each wave touches a document at most once; waves run in order,
   * the writes inside a wave in any order. A document's writes keep the order of their events.
   */
  readonly waves: readonly (readonly GuardedWrite[])[];
  readonly writeCount: number;
  /** The projection's documents are mostly new: insert them first, read only those already stored. */
  readonly documentsMostlyNew?: boolean;
}

export function planWrites(projection: Projection, events: readonly ProjectableEvent[]): WritePlan {
  const waves: GuardedWrite[][] = [];
  const writesPerDocument = new Map<DocumentId, number>();
  let writeCount = 0;
  for (const event of events) {
    const operations = projection.operationsFor(event);
    if (operations.length === 0) continue;
    const updatesById = new Map<DocumentId, DocumentUpdate>();
    try {
      for (const operation of operations) {
        const previous = updatesById.get(operation.id);
        updatesById.set(operation.id, previous ? mergeUpdates(previous, operation.update, operation.id) : operation.update);
      }
    } catch (error) {
      throw new ProjectionHandlerError(projection.name, event, error);
    }
    const sourceKey = sourceStreamKey(event.source.service, event.source.streamName);
    const positionPath = `${APPLIED_POSITIONS_FIELD}.${sourceKey}`;
    const encodedPosition = encodePosition(event.source.streamPosition);
    for (const [id, update] of updatesById) {
      const waveIndex = writesPerDocument.get(id) ?? 0;
      writesPerDocument.set(id, waveIndex + 1);
      (waves[waveIndex] ??= []).push({
        id,
        sourceKey,
        encodedPosition,
        update: guardedUpdate(update, positionPath, encodedPosition),
        event,
      });
      writeCount++;
    }
  }
  return { waves, writeCount, documentsMostlyNew: projection.documentsMostlyNew ?? false };
}

/**
 * Applies one document's writes to it in memory, in order, each only if the document has not yet
 * applied its source position: what the server does with guarded upserts. `current` is copied
 * before the first change unless the caller owns it (`owned`), in which case it is changed itself.
 */
export function applyGuardedInMemory(
  id: DocumentId,
  current: Record<string, unknown> | null,
  writes: readonly GuardedWrite[],
  options: { readonly owned?: boolean } = {},
): { document: Record<string, unknown> | null; outcome: { applied: number; alreadyApplied: number } } {
  let document = current;
  let owned = options.owned ?? false;
  const outcome = { applied: 0, alreadyApplied: 0 };
  for (const write of writes) {
    if (document && hasApplied(document, write.sourceKey, write.encodedPosition)) {
      outcome.alreadyApplied++;
      continue;
    }
    if (document === null) document = applyUpdateInPlace({ _id: id }, write.update, true);
    else document = owned ? applyUpdateInPlace(document, write.update, false) : applyUpdate(document, write.update, false);
    owned = true;
    outcome.applied++;
  }
  return { document, outcome };
}
