import { z } from 'zod';
import { batchDigestVersion, orderedPartitions, PartitionBatchDigestRecordSchema, type PartitionBatchDigestRecord } from './batch-digest';
import { canonicalJson, sha256Hex } from './canonical-json';
import { compareOffsetTexts, isPartitionNumber, offsetText as offsetTextOf, parseOffset } from './offsets';

/**
 * Input digest, format `input-digest/v1`: what an evaluation read from one Kafka topic-partition,
 * so that an auditor who reads the partition again can tell whether it still holds the same events.
 *
 * Over the messages read, in offset order (text is UTF-8, hashes are lower-case hex SHA-256):
 *
 *   h0 = sha256("input-digest/v1" + "\n" + topic + "\n" + partition)
 *   hi = sha256(h(i-1) + "\n" + offset + "\n" + keyPart + "\n" + sha256(value bytes))
 *
 * `offset` is written in decimal; `keyPart` is "-" for a null key, else sha256(key bytes), so that
 * neither a binary key nor one holding a newline can be confused with another. Headers and
 * timestamps are not digested: evaluations read keys and values only. Starting the chain from the
 * topic and partition means a record cannot be passed off as another partition's.
 *
 * The record keeps the final digest, the count, the first and last offsets digested, the end
 * offset the read stopped at (exclusive: every message of the partition below it was read), and a
 * checkpoint {eventNumber, offset, digest} after every `checkpointInterval`-th message. A replay is
 * compared checkpoint by checkpoint, so that the first difference is placed within one interval of
 * messages; with an interval of 1 it is placed at its exact offset.
 */
export const inputDigestVersion = 'input-digest/v1';
export const defaultCheckpointInterval = 1000;

export interface DigestedMessage {
  readonly offset: bigint | string;
  readonly key: string | Uint8Array | null;
  readonly value: string | Uint8Array;
}

export interface DigestCheckpoint {
  /** 1-based number of the message after which the checkpoint was taken. */
  readonly eventNumber: number;
  readonly offset: string;
  readonly digest: string;
}

export interface PartitionDigest {
  readonly topic: string;
  readonly partition: number;
  readonly checkpointInterval: number;
  readonly count: number;
  readonly firstOffset: string | null;
  readonly lastOffset: string | null;
  readonly digest: string;
  readonly checkpoints: readonly DigestCheckpoint[];
}

export interface PartitionDigestRecord {
  readonly version: typeof inputDigestVersion;
  readonly topic: string;
  readonly partition: number;
  readonly checkpointInterval: number;
  readonly count: number;
  readonly firstOffset: string | null;
  readonly lastOffset: string | null;
  readonly endOffset: string;
  readonly finalDigest: string;
  readonly checkpoints: readonly DigestCheckpoint[];
}

/**
 * What an evaluation read, per partition, under one digest format: `input-digest/v1` (one link per
 * message) for evaluations issued before the archive stored batches, `input-digest/v2` (one link per
 * stored entry) since. A record is replayed by the format it names.
 */
export type InputDigestRecord = InputDigestRecordV1 | InputDigestRecordV2;

export interface InputDigestRecordV1 {
  readonly version: typeof inputDigestVersion;
  /** Ordered by topic (UTF-16 code units), then partition. */
  readonly partitions: readonly PartitionDigestRecord[];
}

export interface InputDigestRecordV2 {
  readonly version: typeof batchDigestVersion;
  /** Ordered by topic (UTF-16 code units), then partition. */
  readonly partitions: readonly PartitionBatchDigestRecord[];
}

const decimalOffset = z.string().regex(/^(0|[1-9]\d*)$/);
const hexDigest = z.string().regex(/^[0-9a-f]{64}$/);

export const PartitionDigestRecordSchema = z.strictObject({
  version: z.literal(inputDigestVersion),
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  checkpointInterval: z.number().int().min(1),
  count: z.number().int().min(0),
  firstOffset: decimalOffset.nullable(),
  lastOffset: decimalOffset.nullable(),
  endOffset: decimalOffset,
  finalDigest: hexDigest,
  checkpoints: z.array(z.strictObject({ eventNumber: z.number().int().min(1), offset: decimalOffset, digest: hexDigest })),
});

export const InputDigestRecordSchema = z.discriminatedUnion('version', [
  z.strictObject({ version: z.literal(inputDigestVersion), partitions: z.array(PartitionDigestRecordSchema) }),
  z.strictObject({ version: z.literal(batchDigestVersion), partitions: z.array(PartitionBatchDigestRecordSchema) }),
]);

export function startDigest(
  topic: string,
  partition: number,
  options: { readonly checkpointInterval?: number } = {},
): PartitionDigest {
  const checkpointInterval = options.checkpointInterval ?? defaultCheckpointInterval;
  if (!Number.isSafeInteger(checkpointInterval) || checkpointInterval < 1) {
    throw new RangeError(`checkpoint interval ${checkpointInterval} is not a whole number of at least 1`);
  }
  if (!isPartitionNumber(partition)) throw new RangeError(`partition ${partition} is not a whole number of at least 0`);
  return {
    topic,
    partition,
    checkpointInterval,
    count: 0,
    firstOffset: null,
    lastOffset: null,
    digest: genesisDigest(topic, partition),
    checkpoints: [],
  };
}

export function addToDigest(state: PartitionDigest, message: DigestedMessage): PartitionDigest {
  const offset = parseOffset(message.offset);
  if (state.lastOffset !== null && offset <= BigInt(state.lastOffset)) throw notAfter(state, offset, state.lastOffset);
  const offsetText = offset.toString();
  const digest = link(state.digest, offsetText, keyPartOf(message.key), message.value);
  const count = state.count + 1;
  const checkpoints =
    count % state.checkpointInterval === 0
      ? [...state.checkpoints, { eventNumber: count, offset: offsetText, digest }]
      : state.checkpoints;
  return { ...state, count, firstOffset: state.firstOffset ?? offsetText, lastOffset: offsetText, digest, checkpoints };
}

/**
 * A partition's digest extended in place, one message at a time, as a reader streams the partition:
 * the same chain as {@link addToDigest}, without a new state per message.
 */
export class DigestChain {
  private readonly topic: string;
  private readonly partition: number;
  private readonly checkpointInterval: number;
  private readonly checkpoints: DigestCheckpoint[] = [];
  count = 0;
  digest: string;
  private firstOffset: string | null = null;
  private lastOffsetText: string | null = null;
  private lastKey: DigestedMessage['key'] | undefined = undefined;
  private lastKeyPart = '';

  constructor(topic: string, partition: number, options: { readonly checkpointInterval?: number } = {}) {
    const start = startDigest(topic, partition, options);
    this.topic = topic;
    this.partition = partition;
    this.checkpointInterval = start.checkpointInterval;
    this.digest = start.digest;
  }

  add(message: DigestedMessage): void {
    const offsetText = offsetTextOf(message.offset);
    if (this.lastOffsetText !== null && compareOffsetTexts(offsetText, this.lastOffsetText) <= 0) throw notAfter(this.current(), offsetText, this.lastOffsetText);
    // Messages of one key tend to follow each other: the key's hash is kept for the next.
    if (message.key !== this.lastKey || typeof message.key !== 'string') {
      this.lastKeyPart = keyPartOf(message.key);
      this.lastKey = message.key;
    }
    this.digest = link(this.digest, offsetText, this.lastKeyPart, message.value);
    this.count += 1;
    if (this.count % this.checkpointInterval === 0) this.checkpoints.push({ eventNumber: this.count, offset: offsetText, digest: this.digest });
    this.firstOffset ??= offsetText;
    this.lastOffsetText = offsetText;
  }

  current(): PartitionDigest {
    return {
      topic: this.topic,
      partition: this.partition,
      checkpointInterval: this.checkpointInterval,
      count: this.count,
      firstOffset: this.firstOffset,
      lastOffset: this.lastOffsetText,
      digest: this.digest,
      checkpoints: [...this.checkpoints],
    };
  }

  record(endOffset?: bigint | string): PartitionDigestRecord {
    return recordDigest(this.current(), endOffset);
  }
}

function link(previous: string, offsetText: string, keyPart: string, value: string | Uint8Array): string {
  return sha256Hex(`${previous}\n${offsetText}\n${keyPart}\n${sha256Hex(value)}`);
}

function keyPartOf(key: DigestedMessage['key']): string {
  return key === null ? '-' : sha256Hex(key);
}

function notAfter(state: PartitionDigest, offset: bigint | string, lastOffset: string): RangeError {
  return new RangeError(`${state.topic} partition ${state.partition}: offset ${offset} does not come after offset ${lastOffset}`);
}

/** Closes a digest into its record. `endOffset` defaults to one past the last offset digested. */
export function recordDigest(state: PartitionDigest, endOffset?: bigint | string): PartitionDigestRecord {
  const defaultEnd = state.lastOffset === null ? 0n : BigInt(state.lastOffset) + 1n;
  const end = endOffset === undefined ? defaultEnd : parseOffset(endOffset);
  if (end < defaultEnd) {
    throw new RangeError(`end offset ${end} is not after the last offset digested (${state.lastOffset})`);
  }
  return {
    version: inputDigestVersion,
    topic: state.topic,
    partition: state.partition,
    checkpointInterval: state.checkpointInterval,
    count: state.count,
    firstOffset: state.firstOffset,
    lastOffset: state.lastOffset,
    endOffset: end.toString(),
    finalDigest: state.digest,
    checkpoints: state.checkpoints,
  };
}

export function digestPartition(
  topic: string,
  partition: number,
  messages: Iterable<DigestedMessage>,
  options: { readonly checkpointInterval?: number; readonly endOffset?: bigint | string } = {},
): PartitionDigestRecord {
  const chain = new DigestChain(topic, partition, options);
  for (const message of messages) chain.add(message);
  return chain.record(options.endOffset);
}

export function inputDigestRecord(partitions: readonly PartitionDigestRecord[]): InputDigestRecordV1 {
  return { version: inputDigestVersion, partitions: orderedPartitions(partitions) };
}

/** The record of evaluations issued over the archive as it is stored now, one link per entry. */
export function batchInputDigestRecord(partitions: readonly PartitionBatchDigestRecord[]): InputDigestRecordV2 {
  return { version: batchDigestVersion, partitions: orderedPartitions(partitions) };
}

/** One hash for the whole record, to quote beside an evaluation. */
export function inputDigestSha256(record: InputDigestRecord): string {
  return sha256Hex(canonicalJson(record));
}

export function genesisDigest(topic: string, partition: number): string {
  return sha256Hex(`${inputDigestVersion}\n${topic}\n${partition}`);
}
