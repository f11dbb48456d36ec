import mongoose from 'mongoose';
import type { DocumentWriter, NativeCollection, StoredDocument, WriteOutcome } from './document-writer';
import {
  DUPLICATE_KEY,
  insertInChunks,
  isDuplicateKey,
  readEachById,
  replaceEachById,
} from './write-primitives';
import { type GuardedWrite, guardFilterOf } from './guard';

/**
 * Guarded upserts as MongoDB runs them: the server checks the guard and applies the operators
 * atomically. `bulk` sends each wave in one unordered bulkWrite; `sequential` one updateOne per
 * write, which also works (slowly) on FerretDB.
 */
export function mongoDocumentWriter(mode: 'bulk' | 'sequential'): DocumentWriter {
  const writeWave = mode === 'bulk' ? writeWaveInBulk : writeWaveSequentially;
  return {
    mode,
    async applyGuarded(collection, plan) {
      const outcome: WriteOutcome = { applied: 0, alreadyApplied: 0 };
      for (const wave of plan.waves) {
        const waveOutcome = await writeWave(collection, wave);
        outcome.applied += waveOutcome.applied;
        outcome.alreadyApplied += waveOutcome.alreadyApplied;
      }
      return outcome;
    },
    async readByIds(collection, ids) {
      if (mode === 'sequential') return readEachById(collection, ids);
      return collection.find({ _id: { $in: [...ids] as never[] } }).toArray();
    },
    async storeComputed(collection, created, changed) {
      await insertInChunks(collection, created);
      if (mode === 'sequential') return replaceEachById(collection, changed);
      await replaceInBulk(collection, changed);
    },
  };
}

async function replaceInBulk(collection: NativeCollection, documents: readonly StoredDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const result = await collection.bulkWrite(
    documents.map((document) => ({ replaceOne: { filter: { _id: document._id as never }, replacement: document } })),
    { ordered: false },
  );
  if (result.matchedCount !== documents.length) throw new Error(`Documents vanished from ${collection.collectionName}`);
}

async function writeWaveInBulk(collection: NativeCollection, wave: readonly GuardedWrite[]): Promise<WriteOutcome> {
  const operations = wave.map((write) => ({
    updateOne: { filter: guardFilterOf(write), update: write.update, upsert: true },
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

async function writeWaveSequentially(collection: NativeCollection, wave: readonly GuardedWrite[]): Promise<WriteOutcome> {
  let applied = 0;
  let alreadyApplied = 0;
  for (const write of wave) {
    try {
      const result = await collection.updateOne(guardFilterOf(write), write.update, { upsert: true });
      applied += result.matchedCount + result.upsertedCount;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      alreadyApplied++;
    }
  }
  return { applied, alreadyApplied };
}
