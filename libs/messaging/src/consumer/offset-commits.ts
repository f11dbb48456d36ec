import type { EachBatchPayload } from 'kafkajs';

/** Settled messages of one partition committed together, unless this much time has passed first. */
const COMMIT_EVERY_MESSAGES = 100;
const COMMIT_EVERY_MS = 1_000;

/**
 * kafkajs fetches from the resolved offset, and after a failed commit it fetches again without
 * rejoining the group. Resolving first would let a lost commit (the broker restarting between a
 * batch and its commit) move the fetch position past messages whose commit never landed: nothing
 * would ever commit them again, and the group would stay behind the end of its partition for good.
 * Resolving only once the commit has landed makes kafkajs fetch them again; handlers are idempotent.
 */
export async function commitThenResolve(payload: EachBatchPayload, settledOffset: string): Promise<void> {
  const { batch, commitOffsetsIfNecessary, resolveOffset } = payload;
  await commitOffsetsIfNecessary({
    topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(settledOffset) }] }],
  });
  resolveOffset(settledOffset);
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/**
 * Commits the settled messages of one batch in groups. A commit is a broker round trip: paying it
 * per message capped a consumer that skips most of its topic at about 150 messages a second.
 * Handlers are idempotent, so committing in groups only widens what a crash redelivers, never past
 * an unsettled message.
 */
export class GroupedCommits {
  private settledOffset: string | null = null;
  private settledSinceCommit = 0;
  private lastCommitMs = Date.now();

  constructor(private readonly payload: EachBatchPayload) {}

  /** Records the message at `offset` as settled, committing the group when it is due. */
  async settled(offset: string): Promise<void> {
    this.settledOffset = offset;
    this.settledSinceCommit += 1;
    if (this.settledSinceCommit >= COMMIT_EVERY_MESSAGES || Date.now() - this.lastCommitMs >= COMMIT_EVERY_MS) await this.commit();
  }

  /** Commits what is settled and not yet committed, unless the batch is stale. */
  async commit(): Promise<void> {
    if (this.settledOffset === null || this.settledSinceCommit === 0 || this.payload.isStale()) return;
    await commitThenResolve(this.payload, this.settledOffset);
    this.settledSinceCommit = 0;
    this.lastCommitMs = Date.now();
  }
}
