import { DomainRuleViolation } from '@training-ledger/decider';
import {
  type DigestedMessage,
  DigestChain,
  genesisDigest,
  InputDigestRecordSchema,
  type InputDigestRecordV1,
  inputDigestVersion,
  PartitionDigestRecordSchema,
  type PartitionDigestRecord,
} from './input-digest';
import { compareOffsetTexts, offsetText as offsetTextOf } from './offsets';

/* Comparing a replay of the archive with the input digest an evaluation recorded (`input-digest/v1`). */

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
  const replay = new DigestReplay(recorded);
  for (const message of replayed) if (!replay.add(message)) break;
  return replay.finish();
}

/** What a replay of one partition keeps, whatever the digest format: how far it agrees with the record, and where it parted. */
export abstract class PartitionReplay {
  protected agreed: Agreement = { count: 0, offset: null };
  private divergence: DigestComparison | null = null;
  protected done = false;
  private readonly diverge: ReturnType<typeof divergenceIn>;

  protected constructor(private readonly recordedPartition: RecordedPartition) {
    this.diverge = divergenceIn(recordedPartition);
  }

  /** Whether the replay read fewer of what the record counts (messages, entries) than it holds. */
  protected abstract readFewer(): boolean;

  finish(): DigestComparison {
    if (this.divergence) return this.divergence;
    const { recordedPartition: recorded, agreed } = this;
    if (this.readFewer()) {
      const bound = recorded.checkpoints.find((checkpoint) => checkpoint.eventNumber > agreed.count) ?? {
        eventNumber: recorded.count,
        offset: recorded.lastOffset as string,
      };
      const placedOnOne = bound.eventNumber - agreed.count === 1;
      return this.diverge('replay-has-fewer-events', agreed, bound.offset, placedOnOne ? bound.offset : null);
    }
    return { matches: true, topic: recorded.topic, partition: recorded.partition, count: recorded.count };
  }

  protected parted(reason: DivergenceReason, divergesBy: string, firstDivergent: string | null): false {
    this.divergence = this.diverge(reason, this.agreed, divergesBy, firstDivergent);
    return this.stop();
  }

  protected stop(): false {
    this.done = true;
    return false;
  }
}

interface RecordedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly count: number;
  readonly lastOffset: string | null;
  readonly checkpoints: readonly { readonly eventNumber: number; readonly offset: string }[];
}

/**
 * {@link compareDigests} one message at a time, for a reader that streams the partition: `add` says
 * whether to go on (false once the replay has parted from the record or passed its end offset).
 */
export class DigestReplay extends PartitionReplay {
  /** Offsets are compared as decimal text: the record's are checked to be such. */
  private readonly end: string;
  private readonly chain: DigestChain;
  private lastOffset: string | null = null;

  constructor(private readonly recorded: PartitionDigestRecord) {
    requireWellFormed(recorded);
    super(recorded);
    this.end = recorded.endOffset;
    this.chain = new DigestChain(recorded.topic, recorded.partition, { checkpointInterval: recorded.checkpointInterval });
  }

  add(message: DigestedMessage): boolean {
    if (this.done) return false;
    const { recorded, chain, agreed } = this;
    const offsetText = offsetTextOf(message.offset);
    if (this.lastOffset !== null && compareOffsetTexts(offsetText, this.lastOffset) <= 0) return this.parted('offsets-not-increasing', offsetText, offsetText);
    if (compareOffsetTexts(offsetText, this.end) >= 0) return this.stop();
    if (chain.count === recorded.count) return this.parted('replay-has-more-events', offsetText, offsetText);

    chain.add(message);
    this.lastOffset = offsetText;
    const expected = expectedAt(recorded, chain.count);
    if (!expected) return true;
    if (expected.offset !== offsetText || expected.digest !== chain.digest) {
      const divergesBy = minOffset(expected.offset, offsetText);
      const placedOnOne = chain.count - agreed.count === 1;
      return this.parted(expected.offset === offsetText ? 'digest-differs' : 'offsets-differ', divergesBy, placedOnOne ? divergesBy : null);
    }
    this.agreed = { count: chain.count, offset: offsetText };
    return true;
  }

  protected readFewer(): boolean {
    return this.chain.count < this.recorded.count;
  }
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
  record: InputDigestRecordV1,
  replayed: readonly ReplayedPartition[],
): { readonly matches: boolean; readonly divergences: readonly DigestDivergence[] } {
  const parsed = InputDigestRecordSchema.safeParse(record);
  if (!parsed.success || parsed.data.version !== inputDigestVersion) {
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

export interface Agreement {
  readonly count: number;
  readonly offset: string | null;
}

function expectedAt(recorded: PartitionDigestRecord, count: number): { offset: string; digest: string } | null {
  if (count % recorded.checkpointInterval === 0) return recorded.checkpoints[count / recorded.checkpointInterval - 1];
  if (count === recorded.count) return { offset: recorded.lastOffset as string, digest: recorded.finalDigest };
  return null;
}

export function minOffset(a: string, b: string): string {
  return BigInt(a) <= BigInt(b) ? a : b;
}

const reasonTexts: Record<DivergenceReason, string> = {
  'digest-differs': 'an event differs from the one recorded (value, key or order)',
  'offsets-differ': 'an event is missing from the replay or was added to it',
  'replay-has-fewer-events': 'the replay has fewer events than recorded',
  'replay-has-more-events': 'the replay has an event the record does not',
  'offsets-not-increasing': 'the replay does not come in increasing offset order',
};

/** The divergence of a replay from a partition's record, and its message. */
export function divergenceIn(recorded: { readonly topic: string; readonly partition: number; readonly count: number }) {
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
