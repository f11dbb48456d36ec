import mongoose from 'mongoose';
import type { NativeCollection, StoredDocument, WriteOutcome } from './document-writer';
import type { DocumentId } from './projection';

/** Server round trips the document writers share, each of them safe on FerretDB 1.24. */

export const DUPLICATE_KEY = 11000;
/** Documents per insert command when storing computed documents. */
export const INSERT_CHUNK = 1_000;

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongoose.mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

/** Indexes of the documents an unordered insert refused because their `_id` was taken; rethrows any other failure. */
export function duplicateKeyIndexes(error: unknown): Set<number> {
  if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
  return new Set(writeErrors.map((writeError) => writeError.index));
}

/**
 * Inserts the documents in commands of INSERT_CHUNK, two commands in flight so that encoding one
 * overlaps the server storing the other. For a collection no one else writes.
 */
export async function insertInChunks(collection: NativeCollection, documents: readonly StoredDocument[]): Promise<void> {
  const chunks: StoredDocument[][] = [];
  for (let start = 0; start < documents.length; start += INSERT_CHUNK) chunks.push(documents.slice(start, start + INSERT_CHUNK));
  await inParallel(chunks, (chunk) => collection.insertMany(chunk, { ordered: false }), 2);
}

const PARALLELISM = 4;

/** Runs `work` over the items, a few at a time, to hide round trips; results keep the items' order. */
export async function inParallel<TItem, TResult>(
  items: readonly TItem[],
  work: (item: TItem) => Promise<TResult>,
  parallelism = PARALLELISM,
): Promise<TResult[]> {
  const results: TResult[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as TItem);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, worker));
  return results;
}

/** One `findOne({ _id })` per distinct id, a few side by side. */
export async function readEachById(collection: NativeCollection, ids: readonly DocumentId[]): Promise<StoredDocument[]> {
  const found = await inParallel([...new Set(ids)], (id) => collection.findOne({ _id: id as never }));
  return found.filter((document): document is NonNullable<typeof document> => document !== null);
}

/** Ids per `$in` read: the most values the local FerretDB's patch hands to SQLite's index at once. */
export const READ_CHUNK = 1_000;
/**
 * Ids the local FerretDB's patch looks up by index in an `$in` (deploy/local/patches): printable
 * ASCII without `&`, `<` and `>`, whose JSON text has one spelling. One other id in an `$in` makes
 * the server read the whole collection, so such ids are read one `findOne` each.
 */
const INDEXED_IN_ID = /^[ -%'-;=?-~]*$/;

/** The documents with these ids, in `$in` reads of READ_CHUNK served by the `_id` index, two in flight. */
export async function readByIdsInChunks(collection: NativeCollection, ids: readonly DocumentId[]): Promise<StoredDocument[]> {
  const distinct = [...new Set(ids)];
  const chunks: DocumentId[][] = [];
  const alone: DocumentId[] = [];
  for (const id of distinct) {
    if (!INDEXED_IN_ID.test(id)) alone.push(id);
    else if (chunks.length === 0 || chunks.at(-1)!.length >= READ_CHUNK) chunks.push([id]);
    else chunks.at(-1)!.push(id);
  }
  const read = await inParallel(chunks, (chunk) => collection.find({ _id: { $in: chunk as never[] } }).toArray(), 2);
  return [...read.flat(), ...(await readEachById(collection, alone))];
}

/** One `replaceOne({ _id })` per document, a few side by side. */
export async function replaceEachById(collection: NativeCollection, documents: readonly StoredDocument[]): Promise<void> {
  await inParallel(documents, async (document) => {
    const result = await collection.replaceOne({ _id: document._id as never }, document);
    if (result.matchedCount !== 1) throw new Error(`Document ${String(document._id)} vanished from ${collection.collectionName}`);
  });
}

export function addOutcome(total: WriteOutcome, part: WriteOutcome): void {
  total.applied += part.applied;
  total.alreadyApplied += part.alreadyApplied;
}
