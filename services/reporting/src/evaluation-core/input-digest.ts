import { DomainRuleViolation } from '@training-ledger/decider';
import { z } from 'zod';
import { canonicalJson, compareCodeUnits, sha256Hex } from './canonical-json';
import { isPartitionNumber, parseOffset } from './offsets';

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

export interface InputDigestRecord {
  readonly version: typeof inputDigestVersion;
  /** Ordered by topic (UTF-16 code units), then partition. */
  readonly partitions: readonly PartitionDigestRecord[];
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

export const InputDigestRecordSchema = z.strictObject({
  version: z.literal(inputDigestVersion),
  partitions: z.array(PartitionDigestRecordSchema),
});

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
  if (state.lastOffset !== null && offset <= BigInt(state.lastOffset)) {
    throw new RangeError(
      `${state.topic} partition ${state.partition}: offset ${offset} does not come after offset ${state.lastOffset}`,
    );
  }
  const offsetText = offset.toString();
  const keyPart = message.key === null ? '-' : sha256Hex(message.key);
  const digest = sha256Hex(`${state.digest}\n${offsetText}\n${keyPart}\n${sha256Hex(message.value)}`);
  const count = state.count + 1;
  const checkpoints =
    count % state.checkpointInterval === 0
      ? [...state.checkpoints, { eventNumber: count, offset: offsetText, digest }]
      : state.checkpoints;
  return { ...state, count, firstOffset: state.firstOffset ?? offsetText, lastOffset: offsetText, digest, checkpoints };
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
  let state = startDigest(topic, partition, options);
  for (const message of messages) state = addToDigest(state, message);
  return recordDigest(state, options.endOffset);
}

export function inputDigestRecord(partitions: readonly PartitionDigestRecord[]): InputDigestRecord {
  const ordered = [...partitions].sort(comparePartitions);
  for (let index = 1; index < ordered.length; index += 1) {
    if (comparePartitions(ordered[index - 1], ordered[index]) === 0) {
      throw new DomainRuleViolation(
        'partition-recorded-once',
        `${ordered[index].topic} partition ${ordered[index].partition} is recorded twice`,
        'partitions',
      );
    }
  }
  return { version: inputDigestVersion, partitions: ordered };
}

/** One hash for the whole record, to quote beside an evaluation. */
export function inputDigestSha256(record: InputDigestRecord): string {
  return sha256Hex(canonicalJson(record));
}

export type DivergenceReason =
  | 'digest-differs'
  | 'offsets-differ'
  | 'replay-has-fewer-events'
  | 'replay-has-more-events'
  | 'offsets-not-increasing';

export interface DigestDivergence {
  readonly topic: string;
  readonly partition: number;
  readonly reason: DivergenceReason;
  /** Replay and record agree on their first `agreedEventCount` messages, up to and including this offset. */
  readonly agreedThroughOffset: string | null;
  readonly agreedEventCount: number;
  /** The first difference lies after `agreedThroughOffset` and at or before this offset. */
  readonly divergesByOffset: string;
  /** The offset of the first difference when it could be placed on one message; otherwise null. */
  readonly firstDivergentOffset: string | null;
  readonly message: string;
}

export type DigestComparison =
  | { readonly matches: true; readonly topic: string; readonly partition: number; readonly count: number }
  | { readonly matches: false; readonly divergence: DigestDivergence };

/**
 * Replays a partition against its record and reports the first place where they part, naming the
 * topic, partition and offsets. Messages at or after the record's end offset were not part of the
 * evaluation and are not read.
 */
export function compareDigests(recorded: PartitionDigestRecord, replayed: Iterable<DigestedMessage>): DigestComparison {
  requireWellFormed(recorded);
  const end = BigInt(recorded.endOffset);
  const diverge = divergenceIn(recorded);
  let state = startDigest(recorded.topic, recorded.partition, { checkpointInterval: recorded.checkpointInterval });
  let agreed: Agreement = { count: 0, offset: null };

  for (const message of replayed) {
    const offset = parseOffset(message.offset);
    const offsetText = offset.toString();
    if (state.lastOffset !== null && offset <= BigInt(state.lastOffset)) {
      return diverge('offsets-not-increasing', agreed, offsetText, offsetText);
    }
    if (offset >= end) break;
    if (state.count === recorded.count) return diverge('replay-has-more-events', agreed, offsetText, offsetText);

    state = addToDigest(state, message);
    const expected = expectedAt(recorded, state.count);
    if (!expected) continue;
    if (expected.offset !== offsetText || expected.digest !== state.digest) {
      const divergesBy = minOffset(expected.offset, offsetText);
      const placedOnOne = state.count - agreed.count === 1;
      return diverge(
        expected.offset === offsetText ? 'digest-differs' : 'offsets-differ',
        agreed,
        divergesBy,
        placedOnOne ? divergesBy : null,
      );
    }
    agreed = { count: state.count, offset: offsetText };
  }

  if (state.count < recorded.count) {
    const bound = recorded.checkpoints.find((checkpoint) => checkpoint.eventNumber > agreed.count) ?? {
      eventNumber: recorded.count,
      offset: recorded.lastOffset as string,
    };
    const placedOnOne = bound.eventNumber - agreed.count === 1;
    return diverge('replay-has-fewer-events', agreed, bound.offset, placedOnOne ? bound.offset : null);
  }
  return { matches: true, topic: recorded.topic, partition: recorded.partition, count: recorded.count };
}

export interface ReplayedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly messages: Iterable<DigestedMessage>;
}

/**
 * Compares every recorded partition with its replay, in the record's order; a recorded partition
 * that was not replayed counts as replayed empty. Partitions the record does not list were not read
 * by the evaluation and are not compared.
 */
export function compareInputDigests(
  record: InputDigestRecord,
  replayed: readonly ReplayedPartition[],
): { readonly matches: boolean; readonly divergences: readonly DigestDivergence[] } {
  const parsed = InputDigestRecordSchema.safeParse(record);
  if (!parsed.success) {
    throw new DomainRuleViolation('input-digest-record-well-formed', `not an ${inputDigestVersion} record`, 'version');
  }
  const divergences: DigestDivergence[] = [];
  for (const partition of record.partitions) {
    const replay = replayed.find(
      (candidate) => candidate.topic === partition.topic && candidate.partition === partition.partition,
    );
    const comparison = compareDigests(partition, replay?.messages ?? []);
    if (!comparison.matches) divergences.push(comparison.divergence);
  }
  return { matches: divergences.length === 0, divergences };
}

interface Agreement {
  readonly count: number;
  readonly offset: string | null;
}

function genesisDigest(topic: string, partition: number): string {
  return sha256Hex(`${inputDigestVersion}\n${topic}\n${partition}`);
}

function expectedAt(recorded: PartitionDigestRecord, count: number): { offset: string; digest: string } | null {
  if (count % recorded.checkpointInterval === 0) return recorded.checkpoints[count / recorded.checkpointInterval - 1];
  if (count === recorded.count) return { offset: recorded.lastOffset as string, digest: recorded.finalDigest };
  return null;
}

function minOffset(a: string, b: string): string {
  return BigInt(a) <= BigInt(b) ? a : b;
}

const reasonTexts: Record<DivergenceReason, string> = {
  'digest-differs': 'an event differs from the one recorded (value, key or order)',
  'offsets-differ': 'an event is missing from the replay or was added to it',
  'replay-has-fewer-events': 'the replay has fewer events than recorded',
  'replay-has-more-events': 'the replay has an event the record does not',
  'offsets-not-increasing': 'the replay does not come in increasing offset order',
};

function divergenceIn(recorded: PartitionDigestRecord) {
  return (
    reason: DivergenceReason,
    agreed: Agreement,
    divergesByOffset: string,
    firstDivergentOffset: string | null,
  ): DigestComparison => {
    const where =
      firstDivergentOffset !== null
        ? `at offset ${firstDivergentOffset}`
        : `after offset ${agreed.offset ?? '(start)'} and at or before offset ${divergesByOffset}`;
    const agreement =
      agreed.offset === null
        ? 'no event agrees'
        : `the first ${agreed.count} events agree, through offset ${agreed.offset}`;
    return {
      matches: false,
      divergence: {
        topic: recorded.topic,
        partition: recorded.partition,
        reason,
        agreedThroughOffset: agreed.offset,
        agreedEventCount: agreed.count,
        divergesByOffset,
        firstDivergentOffset,
        message:
          `${recorded.topic} partition ${recorded.partition}: ${reasonTexts[reason]}, ${where} ` +
          `(${agreement}; ${recorded.count} events recorded)`,
      },
    };
  };
}

function requireWellFormed(record: PartitionDigestRecord): void {
  const parsed = PartitionDigestRecordSchema.safeParse(record);
  const problem = parsed.success ? inconsistency(record) : `not an ${inputDigestVersion} partition record`;
  if (problem) {
    throw new DomainRuleViolation(
      'input-digest-record-well-formed',
      `${record.topic} partition ${record.partition}: ${problem}`,
      'checkpoints',
    );
  }
}

function inconsistency(record: PartitionDigestRecord): string | null {
  const empty = record.count === 0;
  if (empty !== (record.firstOffset === null) || empty !== (record.lastOffset === null)) {
    return 'first and last offsets must be given exactly when events were digested';
  }
  if (empty && record.finalDigest !== genesisDigest(record.topic, record.partition)) {
    return 'an empty record must end on the digest it starts from';
  }
  if (record.lastOffset !== null && BigInt(record.endOffset) <= BigInt(record.lastOffset)) {
    return 'the end offset must come after the last offset digested';
  }
  if (record.firstOffset !== null && record.lastOffset !== null && BigInt(record.firstOffset) > BigInt(record.lastOffset)) {
    return 'the first offset comes after the last';
  }
  if (record.checkpoints.length !== Math.floor(record.count / record.checkpointInterval)) {
    const needed = Math.floor(record.count / record.checkpointInterval);
    return `${record.count} events at an interval of ${record.checkpointInterval} need ${needed} checkpoints`;
  }
  let previous: bigint | null = record.firstOffset === null ? null : BigInt(record.firstOffset) - 1n;
  for (const [index, checkpoint] of record.checkpoints.entries()) {
    if (checkpoint.eventNumber !== (index + 1) * record.checkpointInterval) {
      return `checkpoint ${index + 1} must follow event ${(index + 1) * record.checkpointInterval}`;
    }
    const offset = BigInt(checkpoint.offset);
    if (previous !== null && offset <= previous) return `checkpoint ${index + 1} does not come after the one before`;
    previous = offset;
  }
  const last = record.checkpoints.at(-1);
  if (last && last.eventNumber === record.count && (last.offset !== record.lastOffset || last.digest !== record.finalDigest)) {
    return 'the checkpoint after the last event must hold the last offset and the final digest';
  }
  if (last && record.lastOffset !== null && BigInt(last.offset) > BigInt(record.lastOffset)) {
    return 'a checkpoint lies after the last offset';
  }
  return null;
}

function comparePartitions(a: PartitionDigestRecord, b: PartitionDigestRecord): number {
  return compareCodeUnits(a.topic, b.topic) || a.partition - b.partition;
}
