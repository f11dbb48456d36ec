import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, type Model } from 'mongoose';
import {
  advanceCheckpoint,
  type CheckpointPosition,
  loadCheckpointPosition,
  type ProjectionCheckpoint,
  storeCheckpointPosition,
  type StoredCheckpointPosition,
} from './checkpoint';
import { assertNever } from '@training-ledger/decider';
import { applyUpdate } from './apply-update';
import { type GuardedWrite, hasApplied, planWrites } from './guard';
import type { ProjectableEvent } from './projectable-event';
import type { DocumentId, Projection } from './projection';

export const CHECKPOINTS_COLLECTION = 'projection_checkpoints';
export const POINTERS_COLLECTION = 'projection_pointers';
const DUPLICATE_KEY = 11000;

type Db = NonNullable<Connection['db']>;
type NativeCollection = ReturnType<Db['collection']>;

interface CheckpointDocument {
  _id: string;
  version: number;
  collection: string;
  position: StoredCheckpointPosition | null;
  updatedAt: Date;
}

interface PointerDocument {
  _id: string;
  activeCollection: string;
  version: number;
  switchedAt: Date;
}

export interface ProjectionPointer {
  readonly projection: string;
  readonly activeCollection: string;
  readonly version: number;
  readonly switchedAt: Date;
}

export interface ApplyResult {
  readonly events: number;
  /** Guarded document writes the batch planned. */
  readonly writes: number;
  /** Writes that changed a document (or matched it and left it as it was). */
  readonly applied: number;
  /** Writes the guard refused because the document had already taken that source position. */
  readonly alreadyApplied: number;
}

export interface RebuildOptions {
  /** Suffix of the new collection; generated when omitted. Letters and digits only. */
  readonly rebuildId?: string;
  readonly batchSize?: number;
  /** Drop the collection that was active before the switch. Readers in other processes may still
   *  follow their cached pointer to it for up to their cache TTL. */
  readonly dropPrevious?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { events: number; position: CheckpointPosition | null }) => void;
}

export interface RebuildResult {
  readonly collection: string;
  readonly previousCollection: string | null;
  readonly events: number;
  readonly position: CheckpointPosition | null;
  readonly droppedPrevious: boolean;
}

/**
 * How guarded writes reach the server.
 * - `bulk`: each wave is one unordered bulkWrite of guarded upserts. MongoDB only: FerretDB 1.24
 *   stops such a bulk at its first error, misreports its counts, and deadlocks the database when one
 *   command holds about a hundred updates.
 * - `sequential`: one guarded upsert (`updateOne`) per write. Works everywhere; on FerretDB 1.24 as
 *   released every write scans the collection, because it uses its `_id` index only for a filter on
 *   `_id` alone.
 * - `replace`: reads the document by `_id`, checks the guards, computes the new document with the
 *   same operator semantics, and writes it back by `_id` (insert, or replace), once for all of a
 *   batch's writes to that document. Made for FerretDB, where it is the only mode whose cost does
 *   not grow with the collection.
 * - `auto`: `bulk` on MongoDB, `replace` on FerretDB.
 */
export type WriteMode = 'bulk' | 'sequential' | 'replace' | 'auto';
type ConcreteWriteMode = Exclude<WriteMode, 'auto'>;

export interface ProjectorOptions {
  /** How long a process trusts its cached copy of a pointer another process may switch. */
  readonly pointerCacheTtlMs?: number;
  readonly writeMode?: WriteMode;
  readonly now?: () => Date;
}

export class ProjectionNotInitializedError extends Error {
  override readonly name = 'ProjectionNotInitializedError';
  constructor(readonly projection: string) {
    super(`Projection ${projection} has no collection pointer yet: it was never built`);
  }
}

export class RebuildAbortedError extends Error {
  override readonly name = 'RebuildAbortedError';
}

/**
 * Applies projections to MongoDB (or FerretDB) with position-guarded upserts, keeps their
 * checkpoints, and routes reads through a per-projection pointer to the active collection.
 */
export class Projector {
  private readonly pointerCacheTtlMs: number;
  private readonly writeMode: WriteMode;
  private resolvedWriteMode: Promise<ConcreteWriteMode> | null = null;
  private readonly now: () => Date;
  private readonly pointerCache = new Map<string, { pointer: ProjectionPointer | null; expiresAt: number }>();

  constructor(
    private readonly connection: Connection,
    options: ProjectorOptions = {},
  ) {
    this.pointerCacheTtlMs = options.pointerCacheTtlMs ?? 5_000;
    this.writeMode = options.writeMode ?? 'auto';
    this.now = options.now ?? (() => new Date());
  }

  /** The collection reads should use now, following the pointer (cached for the TTL). */
  async activeCollectionName(projectionName: string): Promise<string> {
    const pointer = await this.pointer(projectionName);
    if (!pointer) throw new ProjectionNotInitializedError(projectionName);
    return pointer.activeCollection;
  }

  async pointer(projectionName: string, options: { fresh?: boolean } = {}): Promise<ProjectionPointer | null> {
    const cached = this.pointerCache.get(projectionName);
    if (!options.fresh && cached && cached.expiresAt > Date.now()) return cached.pointer;
    const db = await this.db();
    const document = await db.collection<PointerDocument>(POINTERS_COLLECTION).findOne({ _id: projectionName });
    const pointer = document
      ? {
          projection: document._id,
          activeCollection: document.activeCollection,
          version: document.version,
          switchedAt: document.switchedAt,
        }
      : null;
    this.pointerCache.set(projectionName, { pointer, expiresAt: Date.now() + this.pointerCacheTtlMs });
    return pointer;
  }

  /**
   * A mongoose model over the active collection. Given the projection itself, a projection
   * never built reads as the (empty) collection its first build will fill.
   */
  async model<TDocument = Record<string, unknown>>(projection: string | Projection): Promise<Model<TDocument>> {
    const name = typeof projection === 'string' ? projection : projection.name;
    const pointer = await this.pointer(name);
    let collection: string;
    if (pointer) collection = pointer.activeCollection;
    else if (typeof projection === 'string') throw new ProjectionNotInitializedError(name);
    else collection = initialCollectionName(projection);
    return this.modelFor<TDocument>(collection);
  }

  modelFor<TDocument = Record<string, unknown>>(collection: string): Model<TDocument> {
    const modelName = `read-model:${collection}`;
    const existing = this.connection.models[modelName] as Model<TDocument> | undefined;
    if (existing) return existing;
    const schema = new mongoose.Schema(
      { _id: String },
      { strict: false, strictQuery: false, versionKey: false, autoIndex: false, autoCreate: false, collection },
    );
    return this.connection.model<TDocument>(modelName, schema as mongoose.Schema<TDocument>, collection);
  }

  async loadCheckpoint(projectionName: string): Promise<ProjectionCheckpoint | null> {
    const db = await this.db();
    const document = await db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).findOne({ _id: projectionName });
    return document ? checkpointFromDocument(document) : null;
  }

  /**
   * Records how far the writer of `checkpoint.collection` has got. Returns false, writing
   * nothing, when the projection's checkpoint has moved to another collection: a rebuild
   * superseded this writer.
   */
  async saveCheckpoint(checkpoint: Omit<ProjectionCheckpoint, 'updatedAt'>): Promise<boolean> {
    const db = await this.db();
    const result = await db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).updateOne(
      { _id: checkpoint.projection, collection: checkpoint.collection, version: checkpoint.version },
      { $set: { position: storeCheckpointPosition(checkpoint.position), updatedAt: this.now() } },
    );
    return result.matchedCount === 1;
  }

  /**
   * Makes sure the projection has a checkpoint and a pointer, creating both for its first
   * collection when it has neither, and completes a switch that a rebuild left half done
   * (checkpoint moved, pointer not yet). Safe to call from several processes at once.
   */
  async initialize(projection: Projection): Promise<ProjectionCheckpoint> {
    let checkpoint = await this.loadCheckpoint(projection.name);
    if (!checkpoint) {
      const db = await this.db();
      const collection = initialCollectionName(projection);
      await this.ensureIndexes(collection, projection);
      await ignoreDuplicateKey(
        db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).updateOne(
          { _id: projection.name },
          { $setOnInsert: { version: projection.version, collection, position: null, updatedAt: this.now() } },
          { upsert: true },
        ),
      );
      checkpoint = await this.loadCheckpoint(projection.name);
      if (!checkpoint) throw new Error(`Checkpoint of ${projection.name} vanished while it was being created`);
    }
    const pointer = await this.pointer(projection.name, { fresh: true });
    if (!pointer || pointer.activeCollection !== checkpoint.collection) {
      await this.switchPointer(projection.name, checkpoint.collection, checkpoint.version);
    }
    return checkpoint;
  }

  /** Applies the events' operations to the collection the projection's writer feeds. */
  async apply(projection: Projection, events: readonly ProjectableEvent[]): Promise<ApplyResult> {
    const checkpoint = (await this.loadCheckpoint(projection.name)) ?? (await this.initialize(projection));
    return this.applyTo(checkpoint.collection, projection, events);
  }

  async applyTo(collectionName: string, projection: Projection, events: readonly ProjectableEvent[]): Promise<ApplyResult> {
    const plan = planWrites(projection, events);
    if (plan.writeCount === 0) return { events: events.length, writes: 0, applied: 0, alreadyApplied: 0 };
    const collection = (await this.db()).collection(collectionName);
    const writeMode = await this.effectiveWriteMode();
    if (writeMode === 'replace') {
      const { applied, alreadyApplied } = await writeDocumentsByReplacing(collection, plan.waves.flat());
      return { events: events.length, writes: plan.writeCount, applied, alreadyApplied };
    }
    let applied = 0;
    let alreadyApplied = 0;
    for (const wave of plan.waves) {
      const outcome = await writeWave(writeMode, collection, wave);
      applied += outcome.applied;
      alreadyApplied += outcome.alreadyApplied;
    }
    return { events: events.length, writes: plan.writeCount, applied, alreadyApplied };
  }

  /**
   * Builds the projection from scratch into `<collection>_v<version>_<rebuildId>` from a feed
   * that ends when it has caught up, then moves the checkpoint and the pointer to it.
   */
  async rebuild(
    projection: Projection,
    events: AsyncIterable<ProjectableEvent>,
    options: RebuildOptions = {},
  ): Promise<RebuildResult> {
    const rebuildId = options.rebuildId ?? newRebuildId();
    if (!/^[a-z0-9]{1,32}$/i.test(rebuildId)) throw new RangeError(`Rebuild id ${rebuildId} must be 1-32 letters or digits`);
    const batchSize = options.batchSize ?? 500;
    const collection = `${projection.collection}_v${projection.version}_${rebuildId}`;
    const db = await this.db();
    await this.ensureIndexes(collection, projection);

    let position: CheckpointPosition | null = null;
    let count = 0;
    let batch: ProjectableEvent[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await this.applyTo(collection, projection, batch);
      for (const event of batch) position = advanceCheckpoint(position, event.feedPosition);
      count += batch.length;
      batch = [];
      options.onProgress?.({ events: count, position });
    };
    try {
      for await (const event of events) {
        if (options.signal?.aborted) throw new RebuildAbortedError(`Rebuild ${collection} was aborted`);
        batch.push(event);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      if (options.signal?.aborted) throw new RebuildAbortedError(`Rebuild ${collection} was aborted`);
    } catch (error) {
      await db.dropCollection(collection).catch(() => undefined);
      throw error;
    }

    const previous = await this.pointer(projection.name, { fresh: true });
    await db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).replaceOne(
      { _id: projection.name },
      {
        version: projection.version,
        collection,
        position: storeCheckpointPosition(position),
        updatedAt: this.now(),
      },
      { upsert: true },
    );
    await this.switchPointer(projection.name, collection, projection.version);
    const previousCollection = previous?.activeCollection ?? null;
    let droppedPrevious = false;
    if (options.dropPrevious && previousCollection && previousCollection !== collection) {
      await this.dropCollection(previousCollection);
      droppedPrevious = true;
    }
    return { collection, previousCollection, events: count, position, droppedPrevious };
  }

  /**
   * Drops this projection's collections that neither the pointer nor the checkpoint names:
   * leftovers of earlier versions, of aborted rebuilds, or of a superseded writer's last batch.
   */
  async dropInactiveCollections(projection: Projection): Promise<string[]> {
    const db = await this.db();
    const pointer = await this.pointer(projection.name, { fresh: true });
    const checkpoint = await this.loadCheckpoint(projection.name);
    const keep = new Set([pointer?.activeCollection, checkpoint?.collection].filter((name) => name !== undefined));
    const pattern = new RegExp(`^${projection.collection}_v\\d+(_[A-Za-z0-9]+)?$`);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name);
    const dropped: string[] = [];
    for (const name of names.filter((candidate) => pattern.test(candidate) && !keep.has(candidate)).sort()) {
      await this.dropCollection(name);
      dropped.push(name);
    }
    return dropped;
  }

  /** Forgets the cached pointer so the next read follows the stored one. */
  invalidate(projectionName: string): void {
    this.pointerCache.delete(projectionName);
  }

  private async switchPointer(projectionName: string, activeCollection: string, version: number): Promise<void> {
    const db = await this.db();
    const switchedAt = this.now();
    await ignoreDuplicateKey(
      db
        .collection<PointerDocument>(POINTERS_COLLECTION)
        .updateOne({ _id: projectionName }, { $set: { activeCollection, version, switchedAt } }, { upsert: true }),
    );
    this.pointerCache.set(projectionName, {
      pointer: { projection: projectionName, activeCollection, version, switchedAt },
      expiresAt: Date.now() + this.pointerCacheTtlMs,
    });
  }

  private async dropCollection(name: string): Promise<void> {
    const db = await this.db();
    await db.dropCollection(name).catch((error: unknown) => {
      if (!isNamespaceNotFound(error)) throw error;
    });
    const modelName = `read-model:${name}`;
    if (this.connection.models[modelName]) this.connection.deleteModel(modelName);
  }

  private async ensureIndexes(collectionName: string, projection: Projection): Promise<void> {
    const db = await this.db();
    const collection = db.collection(collectionName);
    for (const index of projection.indexes) {
      await collection.createIndex({ ...index.fields }, { unique: index.unique ?? false, ...(index.name ? { name: index.name } : {}) });
    }
  }

  /** The write mode in use; the server is asked once whether it is FerretDB. */
  effectiveWriteMode(): Promise<ConcreteWriteMode> {
    this.resolvedWriteMode ??= this.db()
      .then((db) => db.admin().command({ buildInfo: 1 }))
      .then((info) => {
        const ferretDb = typeof info.ferretdbVersion === 'string';
        if (this.writeMode === 'auto') return ferretDb ? ('replace' as const) : ('bulk' as const);
        if (this.writeMode === 'bulk' && ferretDb) {
          throw new Error(`Write mode 'bulk' is not safe on FerretDB ${String(info.ferretdbVersion)}; use 'auto' or 'replace'`);
        }
        return this.writeMode;
      })
      .catch((error: unknown) => {
        this.resolvedWriteMode = null;
        throw error;
      });
    return this.resolvedWriteMode;
  }

  private async db(): Promise<Db> {
    if (!this.connection.db) await this.connection.asPromise();
    const db = this.connection.db;
    if (!db) throw new Error('The mongoose connection has no database');
    return db;
  }
}

export function initialCollectionName(projection: Projection): string {
  return `${projection.collection}_v${projection.version}`;
}

function newRebuildId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function checkpointFromDocument(document: CheckpointDocument): ProjectionCheckpoint {
  return {
    projection: document._id,
    version: document.version,
    collection: document.collection,
    position: loadCheckpointPosition(document.position),
    updatedAt: document.updatedAt,
  };
}

function writeWave(mode: Exclude<ConcreteWriteMode, 'replace'>, collection: NativeCollection, wave: readonly GuardedWrite[]): Promise<WaveOutcome> {
  switch (mode) {
    case 'bulk':
      return writeWaveInBulk(collection, wave);
    case 'sequential':
      return writeWaveSequentially(collection, wave);
    default:
      return assertNever(mode, 'write mode');
  }
}

interface WaveOutcome {
  applied: number;
  alreadyApplied: number;
}


async function writeWaveInBulk(collection: NativeCollection, wave: readonly GuardedWrite[]): Promise<WaveOutcome> {
  const operations = wave.map((write) => ({
    updateOne: { filter: write.filter, update: write.update, upsert: true },
  }));
  try {
    const result = await collection.bulkWrite(operations, { ordered: false });
    return { applied: result.matchedCount + result.upsertedCount, alreadyApplied: 0 };
  } catch (error) {
    if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY) || error.writeConcernError) throw error;
    const reportedApplied = error.result.matchedCount + error.result.upsertedCount;
    if (reportedApplied + writeErrors.length === wave.length) {
      return { applied: reportedApplied, alreadyApplied: writeErrors.length };
    }
    // FerretDB 1.x stops an unordered bulk at its first error and misreports what it did.
    // Every write is guarded, so running the whole wave again one by one is safe.
    const rerun = await writeWaveSequentially(collection, wave);
    const appliedByBulk = Math.min(reportedApplied, rerun.alreadyApplied);
    return { applied: rerun.applied + appliedByBulk, alreadyApplied: rerun.alreadyApplied - appliedByBulk };
  }
}

async function writeWaveSequentially(collection: NativeCollection, wave: readonly GuardedWrite[]): Promise<WaveOutcome> {
  let applied = 0;
  let alreadyApplied = 0;
  for (const write of wave) {
    try {
      const result = await collection.updateOne(write.filter, write.update, { upsert: true });
      applied += result.matchedCount + result.upsertedCount;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      alreadyApplied++;
    }
  }
  return { applied, alreadyApplied };
}

const REPLACE_PARALLELISM = 4;
const REPLACE_ATTEMPTS = 5;

/**
 * All writes of a batch to one document are applied to it in memory, in their order, and the result
 * is written once: a batch of marks for one trainee costs one read and one write, not one of each per
 * mark. Distinct documents are read side by side to hide round trips, and the documents the batch
 * creates are inserted together, in one command and one transaction of the server.
 */
async function writeDocumentsByReplacing(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<WaveOutcome> {
  const writesByDocument = new Map<DocumentId, GuardedWrite[]>();
  for (const write of writes) {
    const documentWrites = writesByDocument.get(write.id);
    if (documentWrites) documentWrites.push(write);
    else writesByDocument.set(write.id, [write]);
  }
  const planned = await inParallel([...writesByDocument.values()], (documentWrites) => planReplacement(collection, documentWrites));
  const outcome: WaveOutcome = { applied: 0, alreadyApplied: 0 };
  const retried: (readonly GuardedWrite[])[] = [];
  const created = planned.filter((plan) => plan.current === null && plan.document !== null);
  if (created.length > 0) {
    const refused = await insertAllNew(collection, created.map((plan) => plan.document as Record<string, unknown>));
    created.forEach((plan, index) => (refused.has(index) ? retried.push(plan.writes) : addOutcome(outcome, plan.outcome)));
  }
  const replaced = planned.filter((plan) => plan.current !== null && plan.document !== null);
  await inParallel(replaced, async (plan) => {
    const result = await collection.replaceOne({ _id: plan.id as never }, plan.document as Record<string, unknown>);
    if (result.matchedCount === 1) addOutcome(outcome, plan.outcome);
    else retried.push(plan.writes);
  });
  for (const plan of planned) if (plan.document === null) addOutcome(outcome, plan.outcome);
  // Another writer created or removed these documents in between: read them again.
  for (const documentOutcome of await inParallel(retried, (documentWrites) => replaceGuarded(collection, documentWrites))) {
    addOutcome(outcome, documentOutcome);
  }
  return outcome;
}

interface PlannedReplacement {
  readonly id: DocumentId;
  readonly writes: readonly GuardedWrite[];
  readonly current: Record<string, unknown> | null;
  /** The document to write; null when every write was already applied. */
  readonly document: Record<string, unknown> | null;
  readonly outcome: WaveOutcome;
}

async function planReplacement(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<PlannedReplacement> {
  const id = (writes[0] as GuardedWrite).id;
  const current = await collection.findOne({ _id: id as never });
  let document: Record<string, unknown> | null = current;
  const outcome = { applied: 0, alreadyApplied: 0 };
  for (const write of writes) {
    if (document && hasApplied(document, write.sourceKey, write.encodedPosition)) {
      outcome.alreadyApplied++;
      continue;
    }
    document = applyUpdate(document ?? { _id: id }, write.update, document === null);
    outcome.applied++;
  }
  return { id, writes, current, document: outcome.applied === 0 ? null : document, outcome };
}

/** Inserts the documents in one unordered command; returns the indexes of those another writer created first. */
async function insertAllNew(collection: NativeCollection, documents: readonly Record<string, unknown>[]): Promise<Set<number>> {
  try {
    await collection.insertMany(documents as Record<string, unknown>[], { ordered: false });
    return new Set();
  } catch (error) {
    if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
    return new Set(writeErrors.map((writeError) => writeError.index));
  }
}

function addOutcome(total: WaveOutcome, part: WaveOutcome): void {
  total.applied += part.applied;
  total.alreadyApplied += part.alreadyApplied;
}

async function inParallel<TItem, TResult>(items: readonly TItem[], work: (item: TItem) => Promise<TResult>): Promise<TResult[]> {
  const results: TResult[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as TItem);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REPLACE_PARALLELISM, items.length) }, worker));
  return results;
}

/** Applies one document's writes, in order, each only if the document has not yet applied its position. */
async function replaceGuarded(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<WaveOutcome> {
  for (let attempt = 1; ; attempt++) {
    const plan = await planReplacement(collection, writes);
    if (plan.document === null) return plan.outcome;
    try {
      if (plan.current === null) {
        await collection.insertOne(plan.document);
        return plan.outcome;
      }
      const result = await collection.replaceOne({ _id: plan.id as never }, plan.document);
      if (result.matchedCount === 1) return plan.outcome;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Another writer created or removed the document in between: read it again.
    if (attempt >= REPLACE_ATTEMPTS) {
      throw new Error(`Document ${String(plan.id)} kept changing under the projector for ${attempt} attempts`);
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongoose.mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

function isNamespaceNotFound(error: unknown): boolean {
  return error instanceof mongoose.mongo.MongoServerError && (error.code === 26 || error.codeName === 'NamespaceNotFound');
}

async function ignoreDuplicateKey(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
