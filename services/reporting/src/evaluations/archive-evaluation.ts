import type { EventStore, GlobalPosition } from '@training-ledger/event-store';
import {
  compareCodeUnits,
  DigestChain,
  type DigestDivergence,
  DigestReplay,
  EvaluationFold,
  type EvaluationReport,
  type EvaluationSettings,
  type InputDigestRecord,
  inputDigestRecord,
  type PartitionDigestRecord,
} from '../evaluation-core';
import { digestedMessage, evaluationEvent, inboxPages, parseArchived, readInboxHeads } from '../inbox/inbox-reader';
import type { InboxRange } from './evaluation.decider';

/*
 * Evaluations computed as the archive streams: each inbox partition is read in turn, in (topic,
 * partition) order and within it in offset order, and every event is folded into the report and
 * chained into the input digest as it comes. Nothing holds the archive; memory is what the fold keeps.
 */

export type Progress = (done: number, total: number | null) => void;

export interface IssuedOverArchive {
  readonly report: EvaluationReport;
  readonly inputs: InboxRange[];
  readonly inputDigest: InputDigestRecord;
}

/**
 * At most about a thousand checkpoints per partition: a tampered event is then placed exactly in a
 * small partition, and within a window of count/1000 events in a large one, while the record stays small.
 */
const MAX_CHECKPOINTS = 1_000;
const checkpointIntervalFor = (events: number): number => Math.max(1, Math.ceil(events / MAX_CHECKPOINTS));

/**
 * Issues over the archive as it is now. The heads of the streams are read first (a digest's
 * checkpoint interval needs its partition's count, and the streams read must end where the archive
 * ended at one moment); then each stream is read through its head and folded. Progress counts the
 * events folded.
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
  const digests: PartitionDigestRecord[] = [];
  let read = 0;
  for (const head of [...heads].sort(byTopicPartition)) {
    const chain = new DigestChain(head.topic, head.partition, { checkpointInterval: checkpointIntervalFor(head.count) });
    let lastOffset: string | null = null;
    for await (const page of inboxPages(store, head.streamName, head.lastRevision)) {
      for (const { dataJson } of page) {
        const archived = parseArchived(dataJson);
        chain.add(digestedMessage(archived));
        fold.add(evaluationEvent(archived));
        lastOffset = archived.offset;
      }
      read += page.length;
      // As for any read of the whole archive, the total is not told (the job's contract).
      watch.progress?.(read, null);
    }
    digests.push(chain.record());
    inputs.push({
      streamName: head.streamName,
      topic: head.topic,
      partition: head.partition,
      lastRevision: head.lastRevision.toString(),
      lastOffset,
      count: chain.count,
    });
  }
  inputs.sort((a, b) => compareCodeUnits(a.streamName, b.streamName));
  return { report: fold.result(), inputs, inputDigest: inputDigestRecord(digests) };
}

export type ReplayedOverArchive =
  | { readonly matches: true; readonly report: EvaluationReport; readonly eventsRead: number }
  | { readonly matches: false; readonly divergences: readonly DigestDivergence[]; readonly eventsRead: number };

/**
 * Re-reads exactly the recorded ranges, comparing each with its recorded digest and folding the
 * report as they stream. A partition that parted from its record is still read to the end, so that
 * the events read are those recorded; divergences are told in the record's order.
 */
export async function replayOverArchive(
  store: EventStore,
  settings: EvaluationSettings,
  recorded: { readonly inputs: readonly InboxRange[]; readonly inputDigest: InputDigestRecord },
  onProgress?: Progress,
): Promise<ReplayedOverArchive> {
  const total = recorded.inputs.reduce((sum, range) => sum + range.count, 0);
  const place = (of: { readonly topic: string; readonly partition: number }) => `${of.partition}/${of.topic}`;
  const replays = new Map(recorded.inputDigest.partitions.map((partition) => [place(partition), new DigestReplay(partition)]));
  const fold = new EvaluationFold(settings);
  // A fold refusing the events is told only if the archive still holds what was recorded.
  let refused: { readonly error: unknown } | null = null;
  let read = 0;
  for (const range of [...recorded.inputs].sort(byTopicPartition)) {
    const replay = replays.get(place(range));
    let comparing = replay !== undefined;
    for await (const page of inboxPages(store, range.streamName, range.lastRevision === null ? null : BigInt(range.lastRevision))) {
      for (const { dataJson } of page) {
        const archived = parseArchived(dataJson);
        if (comparing) comparing = (replay as DigestReplay).add(digestedMessage(archived));
        if (refused !== null) continue;
        try {
          fold.add(evaluationEvent(archived));
        } catch (error) {
          refused = { error };
        }
      }
      read += page.length;
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

/** The order the fold needs: topic (UTF-16 code units), then partition. */
function byTopicPartition(a: { readonly topic: string; readonly partition: number }, b: { readonly topic: string; readonly partition: number }): number {
  return compareCodeUnits(a.topic, b.topic) || a.partition - b.partition;
}
