import type { Connection } from 'mongoose';
import { assertNever } from '@training-ledger/decider';
import { ferretDbDocumentWriter } from './ferretdb-document-writer';
import type { WritePlan } from './guard';
import { mongoDocumentWriter } from './mongo-document-writer';
import type { DocumentId } from './projection';

export type Db = NonNullable<Connection['db']>;
export type NativeCollection = ReturnType<Db['collection']>;
export type StoredDocument = Record<string, unknown>;

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
export type ConcreteWriteMode = Exclude<WriteMode, 'auto'>;

export interface WriteOutcome {
  /** Writes that changed a document (or matched it and left it as it was). */
  applied: number;
  /** Writes the guard refused because the document had already taken that source position. */
  alreadyApplied: number;
}

/**
 * Everything the projector asks of the server, written as MongoDB would be asked; each write mode
 * answers it in the way its server runs well. The FerretDB 1.24 workarounds live behind it.
 */
export interface DocumentWriter {
  readonly mode: ConcreteWriteMode;
  /** Applies a batch's guarded writes: each takes effect at most once, a document's writes in their order. */
  applyGuarded(collection: NativeCollection, plan: WritePlan): Promise<WriteOutcome>;
  /** The stored documents with these ids; ids without a document are left out. */
  readByIds(collection: NativeCollection, ids: readonly DocumentId[]): Promise<StoredDocument[]>;
  /**
   * Stores documents the caller computed, in a collection no one else writes (a rebuild's):
   * `created` are not stored yet, `changed` replace the stored document with the same `_id`.
   */
  storeComputed(collection: NativeCollection, created: readonly StoredDocument[], changed: readonly StoredDocument[]): Promise<void>;
}

/** The writer for `mode`; `auto` asks the server whether it is FerretDB. */
export async function documentWriterFor(db: Db, mode: WriteMode): Promise<DocumentWriter> {
  const info = await db.admin().command({ buildInfo: 1 });
  const ferretDbVersion = typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : null;
  const concrete: ConcreteWriteMode = mode === 'auto' ? (ferretDbVersion ? 'replace' : 'bulk') : mode;
  switch (concrete) {
    case 'bulk':
      if (ferretDbVersion) throw new Error(`Write mode 'bulk' is not safe on FerretDB ${ferretDbVersion}; use 'auto' or 'replace'`);
      return mongoDocumentWriter('bulk');
    case 'sequential':
      return mongoDocumentWriter('sequential');
    case 'replace':
      return ferretDbDocumentWriter();
    default:
      return assertNever(concrete, 'write mode');
  }
}
