import type { DocumentWriter, NativeCollection, StoredDocument, WriteOutcome } from './document-writer';
import {
  addOutcome,
  duplicateKeyIndexes,
  inParallel,
  insertInChunks,
  isDuplicateKey,
  readByIdsInChunks,
  replaceEachById,
} from './write-primitives';
import { applyGuardedInMemory, type GuardedWrite } from './guard';
import type { DocumentId } from './projection';

const REPLACE_ATTEMPTS = 5;

/**
 * Guarded writes for FerretDB 1.24 (SQLite), which deadlocks on bulk updates and, patched as
 * deploy/local builds it, looks documents up by index only for a filter on `_id` or `_id: { $in }`:
 * the guard is checked here, the operators applied here (`applyUpdate`), documents are read by
 * `_id` and written one `replaceOne` each.
 *
 * All writes of a batch to one document are applied to it in memory, in their order, and the result
 * is written once: a batch of marks for one trainee costs one read and one write, not one of each per
 * mark. The batch's documents are read together, a thousand ids a command, and the documents it
 * creates are inserted together, in one command and one transaction of the server.
 */
export function ferretDbDocumentWriter(): DocumentWriter {
  return {
    mode: 'replace',
    applyGuarded: (collection, plan) =>
      plan.documentsMostlyNew ? writeDocumentsInsertingFirst(collection, plan.waves.flat()) : writeDocumentsByReplacing(collection, plan.waves.flat()),
    readByIds: readByIdsInChunks,
    async storeComputed(collection, created, changed) {
      await insertInChunks(collection, created);
      await replaceEachById(collection, changed);
    },
  };
}

function byDocument(writes: readonly GuardedWrite[]): Map<DocumentId, GuardedWrite[]> {
  const writesByDocument = new Map<DocumentId, GuardedWrite[]>();
  for (const write of writes) {
    const documentWrites = writesByDocument.get(write.id);
    if (documentWrites) documentWrites.push(write);
    else writesByDocument.set(write.id, [write]);
  }
  return writesByDocument;
}

/**
 * For documents that are mostly new: every document of the batch is computed as if it were not
 * stored and all are inserted in one command; those whose `_id` is taken are then read and
 * replaced as usual. A batch of new documents costs one command instead of a read per document.
 */
async function writeDocumentsInsertingFirst(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<WriteOutcome> {
  const created = [...byDocument(writes).entries()].map(([id, documentWrites]) => ({
    writes: documentWrites,
    ...applyGuardedInMemory(id, null, documentWrites),
  }));
  const refused = await insertAllNew(collection, created.map((plan) => plan.document as StoredDocument));
  const outcome: WriteOutcome = { applied: 0, alreadyApplied: 0 };
  created.forEach((plan, index) => {
    if (!refused.has(index)) addOutcome(outcome, plan.outcome);
  });
  if (refused.size === 0) return outcome;
  addOutcome(outcome, await writeDocumentsByReplacing(collection, created.filter((_, index) => refused.has(index)).flatMap((plan) => plan.writes)));
  return outcome;
}

async function writeDocumentsByReplacing(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<WriteOutcome> {
  const writesByDocument = byDocument(writes);
  const stored = new Map<DocumentId, StoredDocument>();
  for (const document of await readByIdsInChunks(collection, [...writesByDocument.keys()])) stored.set(document._id as DocumentId, document);
  const planned = [...writesByDocument.values()].map((documentWrites) => replacementOf(documentWrites, stored.get((documentWrites[0] as GuardedWrite).id) ?? null));
  const outcome: WriteOutcome = { applied: 0, alreadyApplied: 0 };
  const retried: (readonly GuardedWrite[])[] = [];
  const created = planned.filter((plan) => plan.current === null && plan.document !== null);
  if (created.length > 0) {
    const refused = await insertAllNew(collection, created.map((plan) => plan.document as StoredDocument));
    created.forEach((plan, index) => (refused.has(index) ? retried.push(plan.writes) : addOutcome(outcome, plan.outcome)));
  }
  const replaced = planned.filter((plan) => plan.current !== null && plan.document !== null);
  await inParallel(replaced, async (plan) => {
    const result = await collection.replaceOne({ _id: plan.id as never }, plan.document as StoredDocument);
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
  readonly current: StoredDocument | null;
  /** The document to write; null when every write was already applied. */
  readonly document: StoredDocument | null;
  readonly outcome: WriteOutcome;
}

async function planReplacement(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<PlannedReplacement> {
  return replacementOf(writes, await collection.findOne({ _id: (writes[0] as GuardedWrite).id as never }));
}

function replacementOf(writes: readonly GuardedWrite[], current: StoredDocument | null): PlannedReplacement {
  const id = (writes[0] as GuardedWrite).id;
  const { document, outcome } = applyGuardedInMemory(id, current, writes);
  return { id, writes, current, document: outcome.applied === 0 ? null : document, outcome };
}

/** Inserts the documents in one unordered command; returns the indexes of those another writer created first. */
async function insertAllNew(collection: NativeCollection, documents: readonly StoredDocument[]): Promise<Set<number>> {
  try {
    await collection.insertMany(documents as StoredDocument[], { ordered: false });
    return new Set();
  } catch (error) {
    return duplicateKeyIndexes(error);
  }
}

/** Applies one document's writes, in order, each only if the document has not yet applied its position. */
async function replaceGuarded(collection: NativeCollection, writes: readonly GuardedWrite[]): Promise<WriteOutcome> {
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
