import type { DocumentWriter, NativeCollection, StoredDocument, WriteOutcome } from './document-writer';
import { applyGuardedInMemory, type GuardedWrite, type WritePlan } from './guard';
import type { DocumentId } from './projection';

/**
 * Folds a rebuild's writes into documents held in memory and stores each document when the fold is
 * flushed, instead of writing to the server for every batch. A rebuild's collection has no other
 * writer and no reader until the pointer switches to it, so nothing but the final documents needs to
 * reach it. The guard is checked here exactly as the server checks it, so a feed that repeats events
 * still has one effect per event.
 *
 * At most `maxDocuments` documents are held: beyond that the fold stores them all and starts over,
 * reading back (by `_id`) any stored document a later event touches again.
 */
export class RebuildFold {
  /** Documents read or changed since the last flush. */
  private readonly held = new Map<DocumentId, StoredDocument>();
  private readonly changed = new Set<DocumentId>();
  /** Ids of the documents already in the collection. */
  private readonly stored = new Set<DocumentId>();

  constructor(
    private readonly collection: NativeCollection,
    private readonly writer: DocumentWriter,
    private readonly maxDocuments: number,
  ) {
    if (!Number.isSafeInteger(maxDocuments) || maxDocuments < 1) throw new RangeError('maxDocuments must be a positive integer');
  }

  async add(plan: WritePlan): Promise<WriteOutcome> {
    const writesByDocument = new Map<DocumentId, GuardedWrite[]>();
    // Waves hold each document's n-th write: taking them in order keeps every document's writes in event order.
    for (const write of plan.waves.flat()) {
      const writes = writesByDocument.get(write.id);
      if (writes) writes.push(write);
      else writesByDocument.set(write.id, [write]);
    }
    const toRead = [...writesByDocument.keys()].filter((id) => !this.held.has(id) && this.stored.has(id));
    for (const document of await this.writer.readByIds(this.collection, toRead)) this.held.set(document._id as DocumentId, document);

    const outcome: WriteOutcome = { applied: 0, alreadyApplied: 0 };
    for (const [id, writes] of writesByDocument) {
      // Held documents are the fold's own: read for it, or built by it.
      const folded = applyGuardedInMemory(id, this.held.get(id) ?? null, writes, { owned: true });
      outcome.applied += folded.outcome.applied;
      outcome.alreadyApplied += folded.outcome.alreadyApplied;
      if (folded.outcome.applied === 0 || !folded.document) continue;
      this.held.set(id, folded.document);
      this.changed.add(id);
    }
    if (this.held.size >= this.maxDocuments) await this.flush();
    return outcome;
  }

  /** Stores every document changed since the last flush. */
  async flush(): Promise<void> {
    const created: StoredDocument[] = [];
    const replaced: StoredDocument[] = [];
    for (const id of this.changed) {
      const document = this.held.get(id) as StoredDocument;
      (this.stored.has(id) ? replaced : created).push(document);
    }
    await this.writer.storeComputed(this.collection, created, replaced);
    for (const document of created) this.stored.add(document._id as DocumentId);
    this.held.clear();
    this.changed.clear();
  }
}
