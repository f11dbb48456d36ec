export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: one past the last settled message. */
  readonly offset: string;
}

export type CommitOffsets = (offsets: PartitionOffset[]) => Promise<void>;

export interface CommitCadence {
  /** Settled offsets wait at most this long for their commit. */
  readonly everyMs: number;
  /** A partition with this many settled messages since its last commit is committed at once. */
  readonly everyMessages: number;
}

/**
 * A commit is a broker round trip, and a write to the broker's offsets log. Committed after every
 * fetched batch, as each partition's batch ended, the consumer groups of the national programme
 * sent some two hundred commits a second, most of them for messages they only passed over. Handlers
 * are idempotent, so committing once a second only widens what a crash redelivers: a second of
 * messages, or `everyMessages` of one partition.
 */
export const DEFAULT_COMMIT_CADENCE: CommitCadence = { everyMs: 1_000, everyMessages: 5_000 };

interface Settled {
  readonly topic: string;
  readonly partition: number;
  readonly next: string;
  readonly sinceCommit: number;
}

/**
 * The offsets of settled messages, committed for every partition in one request when the cadence
 * says so. The fetch position moves on at once; a commit that is lost keeps its offsets due, and the
 * next one commits them (or later ones). A join of the group forgets what is due: kafkajs then reads
 * each partition from its last commit, so whoever owns it next sees those messages again, and a
 * partition that went to another member is never committed from here.
 */
export class DeferredCommits {
  private readonly due = new Map<string, Settled>();
  private generation = 0;
  private lastCommitMs = Date.now();
  private committing: Promise<void> = Promise.resolve();

  constructor(
    private readonly cadence: CommitCadence,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Which membership of the group a batch belongs to; read when the batch starts. */
  get currentGeneration(): number {
    return this.generation;
  }

  get hasDue(): boolean {
    return this.due.size > 0;
  }

  forgetAll(): void {
    this.generation += 1;
    this.due.clear();
  }

  /** Records that the message at `offset` and those before it are settled; true when the partition is due at once. */
  settled(generation: number, topic: string, partition: number, offset: string, messages: number): boolean {
    if (generation !== this.generation) return false;
    const key = `${topic}\u0000${partition}`;
    const sinceCommit = (this.due.get(key)?.sinceCommit ?? 0) + messages;
    this.due.set(key, { topic, partition, next: (BigInt(offset) + 1n).toString(), sinceCommit });
    return sinceCommit >= this.cadence.everyMessages;
  }

  /** Commits what is due when the time has come; `commit` is the one of the batch in hand, or the consumer's between batches. */
  commitIfDue(commit: CommitOffsets, nowMs = Date.now()): Promise<void> {
    if (this.due.size === 0 || nowMs - this.lastCommitMs < this.cadence.everyMs) return Promise.resolve();
    return this.commitNow(commit);
  }

  /** Commits everything due, after any commit already under way, so that offsets land in the order they were settled. */
  commitNow(commit: CommitOffsets): Promise<void> {
    this.committing = this.committing.then(() => this.commitDue(commit));
    return this.committing;
  }

  private async commitDue(commit: CommitOffsets): Promise<void> {
    if (this.due.size === 0) return;
    const generation = this.generation;
    const sent = [...this.due.entries()];
    try {
      await commit(sent.map(([, { topic, partition, next }]) => ({ topic, partition, offset: next })));
    } catch (error) {
      this.onFailure(error);
      return;
    }
    this.lastCommitMs = Date.now();
    if (generation !== this.generation) return;
    for (const [key, committed] of sent) {
      const current = this.due.get(key);
      if (current === committed) this.due.delete(key);
      // Settled while the commit was on its way: due still, counted from what the commit covered.
      else if (current) this.due.set(key, { ...current, sinceCommit: current.sinceCommit - committed.sinceCommit });
    }
  }
}

type PartitionCommit = { partition: number; offset: string; metadata: string | null };

/** kafkajs' commit request for these offsets, grouped by topic, each with the group's offset metadata. */
export function byTopic(offsets: readonly PartitionOffset[], metadata: string | null = null): { topic: string; partitions: PartitionCommit[] }[] {
  const topics = new Map<string, PartitionCommit[]>();
  for (const { topic, partition, offset } of offsets) {
    const partitions = topics.get(topic) ?? [];
    partitions.push({ partition, offset, metadata });
    topics.set(topic, partitions);
  }
  return [...topics.entries()].map(([topic, partitions]) => ({ topic, partitions }));
}
