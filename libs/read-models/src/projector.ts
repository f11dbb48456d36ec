import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, type Model } from 'mongoose';
import { type ConcreteWriteMode, type Db, type DocumentWriter, documentWriterFor, type WriteMode } from './document-writer';
import {
  advanceCheckpoint,
  type CheckpointPosition,
  loadCheckpointPosition,
  type ProjectionCheckpoint,
  storeCheckpointPosition,
  type StoredCheckpointPosition,
} from './checkpoint';
import { planWrites } from './guard';
import type { ProjectableEvent } from './projectable-event';
import type { Projection } from './projection';
import { RebuildFold } from './rebuild-fold';
import { isDuplicateKey } from './write-primitives';

export const CHECKPOINTS_COLLECTION = 'projection_checkpoints';
export const POINTERS_COLLECTION = 'projection_pointers';

interface CheckpointDocument {
  _id: string;
  version: number;
  collection: string;
  position: StoredCheckpointPosition | null;
  updatedAt: Date;
  writtenBatches?: number;
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
  /** Events whose writes are folded together (2,000 when omitted). */
  readonly batchSize?: number;
  /**
   * Documents the rebuild holds in memory before it stores them (50,000 when omitted). A rebuild
   * whose documents all fit writes each of them once, when the feed ends.
   */
  readonly maxHeldDocuments?: number;
  /** Drop the collection that was active before the switch. Readers in other processes may still
   *  follow their cached pointer to it for up to their cache TTL. */
  readonly dropPrevious?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each batch is folded: `events` read so far, up to `position`. */
  readonly onProgress?: (progress: { events: number; position: CheckpointPosition | null }) => void;
}

export interface RebuildResult {
  readonly collection: string;
  readonly previousCollection: string | null;
  readonly events: number;
  readonly position: CheckpointPosition | null;
  readonly droppedPrevious: boolean;
}

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
  private resolvedWriter: Promise<DocumentWriter> | null = null;
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
  async saveCheckpoint(checkpoint: Omit<ProjectionCheckpoint, 'updatedAt' | 'writtenBatches'>): Promise<boolean> {
    const db = await this.db();
    const result = await db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).updateOne(
      { _id: checkpoint.projection, collection: checkpoint.collection, version: checkpoint.version },
      { $set: { position: storeCheckpointPosition(checkpoint.position), updatedAt: this.now() } },
    );
    return result.matchedCount === 1;
  }

  /**
   * Counts a batch the writer of `collection` has written, once its writes are done. A projection
   * fed from Kafka keeps its offsets in Kafka, so nothing else of its checkpoint moves: the count is
   * what tells a reader caching the projection's answers that they may be stale (`checkpointMark`).
   */
  async countWrittenBatch(projectionName: string, collection: string): Promise<void> {
    const db = await this.db();
    await db
      .collection<CheckpointDocument>(CHECKPOINTS_COLLECTION)
      .updateOne({ _id: projectionName, collection }, { $inc: { writtenBatches: 1 }, $set: { updatedAt: this.now() } });
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
  async apply(projection: Projection, events: readonly ProjectableEvent[], options: { readonly countWrittenBatch?: boolean } = {}): Promise<ApplyResult> {
    const checkpoint = (await this.loadCheckpoint(projection.name)) ?? (await this.initialize(projection));
    const result = await this.applyTo(checkpoint.collection, projection, events);
    if (options.countWrittenBatch && result.applied > 0) await this.countWrittenBatch(projection.name, checkpoint.collection);
    return result;
  }

  async applyTo(collectionName: string, projection: Projection, events: readonly ProjectableEvent[]): Promise<ApplyResult> {
    const plan = planWrites(projection, events);
    if (plan.writeCount === 0) return { events: events.length, writes: 0, applied: 0, alreadyApplied: 0 };
    const collection = (await this.db()).collection(collectionName);
    const { applied, alreadyApplied } = await (await this.documentWriter()).applyGuarded(collection, plan);
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
    const batchSize = options.batchSize ?? 2_000;
    const collection = `${projection.collection}_v${projection.version}_${rebuildId}`;
    const db = await this.db();
    const fold = new RebuildFold(db.collection(collection), await this.documentWriter(), options.maxHeldDocuments ?? 50_000);

    let position: CheckpointPosition | null = null;
    let count = 0;
    let batch: ProjectableEvent[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await fold.add(planWrites(projection, batch));
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
      await fold.flush();
      // Indexed once loaded: building an index at the end is cheaper than keeping it up to date per insert.
      await this.ensureIndexes(collection, projection);
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
    const pointer = await this.pointer(projection.name, { fresh: true });
    const checkpoint = await this.loadCheckpoint(projection.name);
    const keep = new Set([pointer?.activeCollection, checkpoint?.collection].filter((name) => name !== undefined));
    const dropped: string[] = [];
    for (const name of (await this.collectionsBuiltFor(projection.collection)).filter((candidate) => !keep.has(candidate))) {
      await this.dropCollection(name);
      dropped.push(name);
    }
    return dropped;
  }

  /**
   * Forgets a projection the code no longer has: drops every collection it built (each version,
   * each rebuild) and its checkpoint and pointer. Returns the collections dropped; none when it
   * was retired before.
   */
  async retire(retired: RetiredProjection): Promise<string[]> {
    const db = await this.db();
    const dropped = await this.collectionsBuiltFor(retired.collection);
    for (const name of dropped) await this.dropCollection(name);
    await db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).deleteOne({ _id: retired.name });
    await db.collection<PointerDocument>(POINTERS_COLLECTION).deleteOne({ _id: retired.name });
    this.pointerCache.delete(retired.name);
    return dropped;
  }

  /** The collections of every version and rebuild of a projection writing `collection`, by name. */
  private async collectionsBuiltFor(collection: string): Promise<string[]> {
    const pattern = new RegExp(`^${collection}_v\\d+(_[A-Za-z0-9]+)?$`);
    const names = (await (await this.db()).listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name);
    return names.filter((name) => pattern.test(name)).sort();
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
  async effectiveWriteMode(): Promise<ConcreteWriteMode> {
    return (await this.documentWriter()).mode;
  }

  private documentWriter(): Promise<DocumentWriter> {
    this.resolvedWriter ??= this.db()
      .then((db) => documentWriterFor(db, this.writeMode))
      .catch((error: unknown) => {
        this.resolvedWriter = null;
        throw error;
      });
    return this.resolvedWriter;
  }

  private async db(): Promise<Db> {
    if (!this.connection.db) await this.connection.asPromise();
    const db = this.connection.db;
    if (!db) throw new Error('The mongoose connection has no database');
    return db;
  }
}

/** A projection removed from the code, named as it was defined, whose collections may still be stored. */
export interface RetiredProjection {
  readonly name: string;
  readonly collection: string;
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
    writtenBatches: document.writtenBatches ?? 0,
  };
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
