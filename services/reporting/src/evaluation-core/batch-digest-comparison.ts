import { DomainRuleViolation } from '@training-ledger/decider';
import {
  BatchDigestChain,
  type BatchCheckpoint,
  batchGenesisDigest,
  type DigestedBatch,
  PartitionBatchDigestRecordSchema,
  type PartitionBatchDigestRecord,
} from './batch-digest';
import { type DigestComparison, type DivergenceReason, minOffset, PartitionReplay } from './input-digest-comparison';
import { compareOffsetTexts, isDecimalOffset } from './offsets';

/*
 * Comparing a replay of the archive with the `input-digest/v2` record an evaluation kept, one stored
 * entry at a time. The divergence is told as for `input-digest/v1`, in messages and offsets: the
 * first difference lies after the last checkpoint both agree on and no later than the entry that
 * parted, and is placed on its offset when that window holds one message.
 */

/**
 * Replays a partition's entries against its record as they stream: `add` says whether to go on
 * (false once the replay has parted from the record or passed its end offset).
 */
export class BatchDigestReplay extends PartitionReplay {
  private readonly chain: BatchDigestChain;
  /** The first offset read since the last agreement. */
  private firstSince: string | null = null;

  constructor(private readonly recorded: PartitionBatchDigestRecord) {
    requireWellFormed(recorded);
    super(recorded);
    this.chain = new BatchDigestChain(recorded.topic, recorded.partition, { checkpointInterval: recorded.checkpointInterval });
  }

  add(batch: DigestedBatch): boolean {
    if (this.done) return false;
    const { recorded, chain } = this;
    const { firstOffset, lastOffset } = batch;
    const wellPlaced = isDecimalOffset(firstOffset) && isDecimalOffset(lastOffset) && compareOffsetTexts(firstOffset, lastOffset) <= 0 && batch.count >= 1;
    if (!wellPlaced || (chain.lastOffset !== null && compareOffsetTexts(firstOffset, chain.lastOffset) <= 0)) {
      return this.parted('offsets-not-increasing', firstOffset, firstOffset);
    }
    if (compareOffsetTexts(firstOffset, recorded.endOffset) >= 0) return this.stop();
    if (chain.batches === recorded.batches) return this.parted('replay-has-more-events', firstOffset, firstOffset);

    chain.add(batch);
    this.firstSince ??= firstOffset;
    const expected = expectedAt(recorded, chain.batches);
    if (!expected) return true;
    if (expected.offset !== lastOffset || expected.eventNumber !== chain.count || expected.digest !== chain.digest) {
      const read = chain.count - this.agreed.count;
      const recordedSince = expected.eventNumber - this.agreed.count;
      // The side with more messages since the agreement misses none of the other's, or the first
      // difference is one of its own: it lies at or before that side's last offset (the smaller
      // one when both read as many).
      const byCount = read === recordedSince ? minOffset(expected.offset, lastOffset) : read > recordedSince ? lastOffset : expected.offset;
      // Nothing read at or before the recorded last offset: every message recorded there is missing.
      const divergesBy = compareOffsetTexts(this.firstSince as string, expected.offset) > 0 ? minOffset(byCount, expected.offset) : byCount;
      const placedOnOne = (read === 1 && recordedSince === 1) || BigInt(divergesBy) - BigInt(this.agreed.offset ?? '-1') === 1n;
      const reason: DivergenceReason = expected.offset === lastOffset && expected.eventNumber === chain.count ? 'digest-differs' : 'offsets-differ';
      return this.parted(reason, divergesBy, placedOnOne ? divergesBy : null);
    }
    this.agreed = { count: chain.count, offset: lastOffset };
    this.firstSince = null;
    return true;
  }

  protected readFewer(): boolean {
    return this.chain.batches < this.recorded.batches;
  }
}

/** Replays a partition's entries against its record, whole. */
export function compareBatchDigests(recorded: PartitionBatchDigestRecord, replayed: Iterable<DigestedBatch>): DigestComparison {
  const replay = new BatchDigestReplay(recorded);
  for (const batch of replayed) if (!replay.add(batch)) break;
  return replay.finish();
}

function expectedAt(recorded: PartitionBatchDigestRecord, batches: number): Omit<BatchCheckpoint, 'batchNumber'> | null {
  if (batches % recorded.checkpointInterval === 0) return recorded.checkpoints[batches / recorded.checkpointInterval - 1];
  if (batches === recorded.batches) return { eventNumber: recorded.count, offset: recorded.lastOffset as string, digest: recorded.finalDigest };
  return null;
}

function requireWellFormed(record: PartitionBatchDigestRecord): void {
  const parsed = PartitionBatchDigestRecordSchema.safeParse(record);
  const problem = parsed.success ? inconsistency(record) : `not an ${record.version} partition record`;
  if (problem) {
    throw new DomainRuleViolation('input-digest-record-well-formed', `${record.topic} partition ${record.partition}: ${problem}`, 'checkpoints');
  }
}

function inconsistency(record: PartitionBatchDigestRecord): string | null {
  const empty = record.batches === 0;
  if (empty !== (record.count === 0) || record.count < record.batches) return 'every entry holds at least one message, and only entries hold messages';
  if (empty !== (record.firstOffset === null) || empty !== (record.lastOffset === null)) {
    return 'first and last offsets must be given exactly when entries were digested';
  }
  if (empty && record.finalDigest !== batchGenesisDigest(record.topic, record.partition)) return 'an empty record must end on the digest it starts from';
  if (record.lastOffset !== null && BigInt(record.endOffset) <= BigInt(record.lastOffset)) return 'the end offset must come after the last offset digested';
  if (record.firstOffset !== null && record.lastOffset !== null && BigInt(record.firstOffset) > BigInt(record.lastOffset)) return 'the first offset comes after the last';
  const needed = Math.floor(record.batches / record.checkpointInterval);
  if (record.checkpoints.length !== needed) return `${record.batches} entries at an interval of ${record.checkpointInterval} need ${needed} checkpoints`;
  let previous = { eventNumber: 0, offset: record.firstOffset === null ? null : BigInt(record.firstOffset) - 1n };
  for (const [index, checkpoint] of record.checkpoints.entries()) {
    if (checkpoint.batchNumber !== (index + 1) * record.checkpointInterval) return `checkpoint ${index + 1} must follow entry ${(index + 1) * record.checkpointInterval}`;
    const offset = BigInt(checkpoint.offset);
    if (checkpoint.eventNumber <= previous.eventNumber || (previous.offset !== null && offset <= previous.offset)) {
      return `checkpoint ${index + 1} does not come after the one before`;
    }
    previous = { eventNumber: checkpoint.eventNumber, offset };
  }
  const last = record.checkpoints.at(-1);
  if (last && last.batchNumber === record.batches && (last.offset !== record.lastOffset || last.digest !== record.finalDigest || last.eventNumber !== record.count)) {
    return 'the checkpoint after the last entry must hold the last offset, the count and the final digest';
  }
  if (last && (last.eventNumber > record.count || (record.lastOffset !== null && BigInt(last.offset) > BigInt(record.lastOffset)))) {
    return 'a checkpoint lies after the last message';
  }
  return null;
}
