import type { EventStore, GlobalPosition } from '@training-ledger/event-store';
import {
  BatchDigestChain,
  BatchDigestReplay,
  batchInputDigestRecord,
  compareCodeUnits,
  type DigestComparison,
  type DigestDivergence,
  DigestReplay,
  EvaluationFold,
  type EvaluationReport,
  type EvaluationSettings,
  type InputDigestRecord,
  type PartitionBatchDigestRecord,
} from '../evaluation-core';
import { type ArchiveEntry, archiveEntry, digestedBatch, digestedMessage, evaluationEvent, inboxPages, readInboxHeads } from '../inbox/inbox-reader';
import type { InboxRange } from './evaluation.decider';

/*
 * Evaluations computed as the archive streams: each inbox partition is read in turn, in (topic,
 * partition) order and within it in offset order, and every entry is chained into the input digest
 * and its messages folded into the report as they come. Nothing holds the archive; memory is what
 * the fold keeps.
 */

export type Progress = (done: number, total: number | null) => void;

export interface IssuedOverArchive {
  readonly report: EvaluationReport;
  readonly inputs: InboxRange[];
  readonly inputDigest: InputDigestRecord;
}

/**
 * At most about a thousand checkpoints per partition: a tampered entry is then placed exactly in a
 * small partition, and within a window of entries/1000 entries in a large one, while the record stays small.
 */
const MAX_CHECKPOINTS = 1_000;
const checkpointIntervalFor = (entries: number): number => Math.max(1, Math.ceil(entries / MAX_CHECKPOINTS));

/**
 * Issues over the archive as it is now, under `input-digest/v2`. The heads of the streams are read
 * first (a digest's checkpoint interval needs its partition's entries, and the streams read must end
 * where the archive ended at one moment); then each stream is read through its head and folded.
 * Progress counts the messages folded.
 */
export async function issueOverArchive(
  store: EventStore,
  settings: EvaluationSettings,
  watch: { readonly progress?: Progress; readonly readThrough?: (position: GlobalPosition | null) => void },
): Promise<IssuedOverArchive> {
  const { heads, through } = await readInboxHeads(store);
  watch.readThrough?.(through);
  const fold = new EvaluationFold(settings);
  const inputs: InboxRange[] = [];
  const digests: PartitionBatchDigestRecord[] = [];
  let read = 0;
  for (const head of [...heads].sort(byTopicPartition)) {
    const chain = new BatchDigestChain(head.topic, head.partition, { checkpointInterval: checkpointIntervalFor(head.entries) });
    for await (const page of inboxPages(store, head.streamName, head.lastRevision)) {
      for (const row of page) {
        const entry = archiveEntry(row);
        chain.add(digestedBatch(entry));
        foldEntry(fold, entry);
        read += entry.messages.length;
      }
      // As for any read of the whole archive, the total is not told (the job's contract).
      watch.progress?.(read, null);
    }
    digests.push(chain.record());
    inputs.push({
      streamName: head.streamName,
      topic: head.topic,
      partition: head.partition,
      lastRevision: head.lastRevision.toString(),
      lastOffset: chain.lastOffset,
      count: chain.count,
    });
  }
  inputs.sort((a, b) => compareCodeUnits(a.streamName, b.streamName));
  return { report: fold.result(), inputs, inputDigest: batchInputDigestRecord(digests) };
}

function foldEntry(fold: EvaluationFold, entry: ArchiveEntry): void {
  for (const message of entry.messages) fold.add(evaluationEvent(entry, message));
}

export type ReplayedOverArchive =
  | { readonly matches: true; readonly report: EvaluationReport; readonly eventsRead: number }
  | { readonly matches: false; readonly divergences: readonly DigestDivergence[]; readonly eventsRead: number };

/** A partition's replay against its record, an entry at a time, whatever the record's digest format. */
interface EntryReplay {
  add(entry: ArchiveEntry): boolean;
  finish(): DigestComparison;
}

/** Each recorded partition's replay, by the format the record names: one evaluation issued before batches reads them as `input-digest/v1`. */
function entryReplays(record: InputDigestRecord): Map<string, EntryReplay> {
  const replays = new Map<string, EntryReplay>();
  if (record.version === 'input-digest/v2') {
    for (const partition of record.partitions) {
      const replay = new BatchDigestReplay(partition);
      replays.set(place(partition), { add: (entry) => replay.add(digestedBatch(entry)), finish: () => replay.finish() });
    }
    return replays;
  }
  for (const partition of record.partitions) {
    const replay = new DigestReplay(partition);
    replays.set(place(partition), {
      add: (entry) => entry.messages.every((message) => replay.add(digestedMessage(message))),
      finish: () => replay.finish(),
    });
  }
  return replays;
}

/**
 * Re-reads exactly the recorded ranges, comparing each with its recorded digest and folding the
 * report as they stream. A partition that parted from its record is still read to the end, so that
 * the events read are those recorded; divergences are told in the record's order. Progress counts
 * messages, of the messages recorded.
 */
export async function replayOverArchive(
  store: EventStore,
  settings: EvaluationSettings,
  recorded: { readonly inputs: readonly InboxRange[]; readonly inputDigest: InputDigestRecord },
  onProgress?: Progress,
): Promise<ReplayedOverArchive> {
  const total = recorded.inputs.reduce((sum, range) => sum + range.count, 0);
  const replays = entryReplays(recorded.inputDigest);
  const fold = new EvaluationFold(settings);
  // A fold refusing the events is told only if the archive still holds what was recorded.
  let refused: { readonly error: unknown } | null = null;
  let read = 0;
  for (const range of [...recorded.inputs].sort(byTopicPartition)) {
    const replay = replays.get(place(range));
    let comparing = replay !== undefined;
    for await (const page of inboxPages(store, range.streamName, range.lastRevision === null ? null : BigInt(range.lastRevision))) {
      for (const row of page) {
        const entry = archiveEntry(row);
        if (comparing) comparing = (replay as EntryReplay).add(entry);
        read += entry.messages.length;
        if (refused !== null) continue;
        try {
          foldEntry(fold, entry);
        } catch (error) {
          refused = { error };
        }
      }
      onProgress?.(read, total);
    }
  }
  const divergences: DigestDivergence[] = [];
  for (const replay of replays.values()) {
    const comparison = replay.finish();
    if (!comparison.matches) divergences.push(comparison.divergence);
  }
  if (divergences.length > 0) return { matches: false, divergences, eventsRead: read };
  if (refused !== null) throw refused.error;
  return { matches: true, report: fold.result(), eventsRead: read };
}

const place = (of: { readonly topic: string; readonly partition: number }) => `${of.partition}/${of.topic}`;

/** The order the fold needs: topic (UTF-16 code units), then partition. */
function byTopicPartition(a: { readonly topic: string; readonly partition: number }, b: { readonly topic: string; readonly partition: number }): number {
  return compareCodeUnits(a.topic, b.topic) || a.partition - b.partition;
}
