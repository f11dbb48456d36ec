import { DomainRuleViolation } from '@training-ledger/decider';
import { z } from 'zod';
import { compareCodeUnits, sha256Hex } from './canonical-json';
import { compareOffsetTexts, isDecimalOffset, isPartitionNumber, parseOffset } from './offsets';

/**
 * Input digest, format `input-digest/v2`: what an evaluation read from one Kafka topic-partition, as
 * the archive stores it, one entry (a batch of consumed messages) at a time.
 *
 * Over the partition's stored entries in the order they were archived (text is UTF-8, hashes are
 * lower-case hex SHA-256):
 *
 *   h0 = sha256("input-digest/v2" + "\n" + topic + "\n" + partition)
 *   hi = sha256(h(i-1) + "\n" + firstOffset + "\n" + lastOffset + "\n" + count + "\n" + sha256(text))
 *
 * `text` is the entry's messages as the archive stored them, hashed as they are: no canonical form
 * is computed again when reading, so a batch costs one hash over its bytes and one link. The offsets
 * and the count are those of the messages the text holds. The record keeps a checkpoint after every
 * `checkpointInterval`-th entry, so that a replay places a difference within the entries between two
 * checkpoints (to the message when that window holds one message).
 */
export const batchDigestVersion = 'input-digest/v2';

/** One stored entry of a partition, as the digest reads it. */
export interface DigestedBatch {
  /** Offsets of its first and last message, in decimal. */
  readonly firstOffset: string;
  readonly lastOffset: string;
  /** How many messages the text holds; at least 1. */
  readonly count: number;
  readonly text: string;
}

export interface BatchCheckpoint {
  /** 1-based number of the entry after which the checkpoint was taken. */
  readonly batchNumber: number;
  /** Messages digested through that entry. */
  readonly eventNumber: number;
  /** The entry's last offset. */
  readonly offset: string;
  readonly digest: string;
}

export interface PartitionBatchDigestRecord {
  readonly version: typeof batchDigestVersion;
  readonly topic: string;
  readonly partition: number;
  /** In entries. */
  readonly checkpointInterval: number;
  readonly batches: number;
  /** Messages. */
  readonly count: number;
  readonly firstOffset: string | null;
  readonly lastOffset: string | null;
  /** Exclusive: every message of the partition below it was read. */
  readonly endOffset: string;
  readonly finalDigest: string;
  readonly checkpoints: readonly BatchCheckpoint[];
}

const decimalOffset = z.string().regex(/^(0|[1-9]\d*)$/);
const hexDigest = z.string().regex(/^[0-9a-f]{64}$/);

export const PartitionBatchDigestRecordSchema = z.strictObject({
  version: z.literal(batchDigestVersion),
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  checkpointInterval: z.number().int().min(1),
  batches: z.number().int().min(0),
  count: z.number().int().min(0),
  firstOffset: decimalOffset.nullable(),
  lastOffset: decimalOffset.nullable(),
  endOffset: decimalOffset,
  finalDigest: hexDigest,
  checkpoints: z.array(
    z.strictObject({ batchNumber: z.number().int().min(1), eventNumber: z.number().int().min(1), offset: decimalOffset, digest: hexDigest }),
  ),
});

export function batchGenesisDigest(topic: string, partition: number): string {
  return sha256Hex(`${batchDigestVersion}\n${topic}\n${partition}`);
}

/** A partition's `input-digest/v2` chain, extended in place one stored entry at a time. */
export class BatchDigestChain {
  private readonly checkpoints: BatchCheckpoint[] = [];
  readonly checkpointInterval: number;
  batches = 0;
  count = 0;
  digest: string;
  private firstOffset: string | null = null;
  lastOffset: string | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    options: { readonly checkpointInterval?: number } = {},
  ) {
    const checkpointInterval = options.checkpointInterval ?? 1;
    if (!Number.isSafeInteger(checkpointInterval) || checkpointInterval < 1) {
      throw new RangeError(`checkpoint interval ${checkpointInterval} is not a whole number of at least 1`);
    }
    if (!isPartitionNumber(partition)) throw new RangeError(`partition ${partition} is not a whole number of at least 0`);
    this.checkpointInterval = checkpointInterval;
    this.digest = batchGenesisDigest(topic, partition);
  }

  add(batch: DigestedBatch): void {
    const { firstOffset, lastOffset, count } = batch;
    if (!isDecimalOffset(firstOffset) || !isDecimalOffset(lastOffset) || compareOffsetTexts(firstOffset, lastOffset) > 0) {
      throw new RangeError(`${this.where()}: offsets ${firstOffset}–${lastOffset} are not a range of decimal offsets`);
    }
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`${this.where()}: an entry holds at least one message, not ${count}`);
    if (this.lastOffset !== null && compareOffsetTexts(firstOffset, this.lastOffset) <= 0) {
      throw new RangeError(`${this.where()}: offset ${firstOffset} does not come after offset ${this.lastOffset}`);
    }
    this.digest = sha256Hex(`${this.digest}\n${firstOffset}\n${lastOffset}\n${count}\n${sha256Hex(batch.text)}`);
    this.batches += 1;
    this.count += count;
    this.firstOffset ??= firstOffset;
    this.lastOffset = lastOffset;
    if (this.batches % this.checkpointInterval === 0) {
      this.checkpoints.push({ batchNumber: this.batches, eventNumber: this.count, offset: lastOffset, digest: this.digest });
    }
  }

  /** Closes the chain into its record. `endOffset` defaults to one past the last offset digested. */
  record(endOffset?: bigint | string): PartitionBatchDigestRecord {
    const defaultEnd = this.lastOffset === null ? 0n : BigInt(this.lastOffset) + 1n;
    const end = endOffset === undefined ? defaultEnd : parseOffset(endOffset);
    if (end < defaultEnd) throw new RangeError(`end offset ${end} is not after the last offset digested (${this.lastOffset})`);
    return {
      version: batchDigestVersion,
      topic: this.topic,
      partition: this.partition,
      checkpointInterval: this.checkpointInterval,
      batches: this.batches,
      count: this.count,
      firstOffset: this.firstOffset,
      lastOffset: this.lastOffset,
      endOffset: end.toString(),
      finalDigest: this.digest,
      checkpoints: [...this.checkpoints],
    };
  }

  private where(): string {
    return `${this.topic} partition ${this.partition}`;
  }
}

export function digestBatches(
  topic: string,
  partition: number,
  batches: Iterable<DigestedBatch>,
  options: { readonly checkpointInterval?: number; readonly endOffset?: bigint | string } = {},
): PartitionBatchDigestRecord {
  const chain = new BatchDigestChain(topic, partition, options);
  for (const batch of batches) chain.add(batch);
  return chain.record(options.endOffset);
}

/** The partitions in (topic, partition) order, each once. */
export function orderedPartitions<T extends { readonly topic: string; readonly partition: number }>(partitions: readonly T[]): T[] {
  const ordered = [...partitions].sort(comparePartitionPlaces);
  for (let index = 1; index < ordered.length; index += 1) {
    if (comparePartitionPlaces(ordered[index - 1], ordered[index]) === 0) {
      throw new DomainRuleViolation('partition-recorded-once', `${ordered[index].topic} partition ${ordered[index].partition} is recorded twice`, 'partitions');
    }
  }
  return ordered;
}

function comparePartitionPlaces(a: { readonly topic: string; readonly partition: number }, b: { readonly topic: string; readonly partition: number }): number {
  return compareCodeUnits(a.topic, b.topic) || a.partition - b.partition;
}
