import { assertNever } from '@training-ledger/decider';
import type { GlobalPosition } from '@training-ledger/event-store';
import type { FeedPosition } from './projectable-event';
import { parseDecimalPosition } from './source-position';

export interface KafkaPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read, as Kafka commits it: last processed offset + 1. */
  readonly nextOffset: bigint;
}

/** How far a projection has read its feed. */
export type CheckpointPosition =
  /** The last global position applied; resume reading after it. */
  | { readonly kind: 'event-log'; readonly globalPosition: GlobalPosition }
  | { readonly kind: 'kafka'; readonly partitions: readonly KafkaPartitionOffset[] };

export interface ProjectionCheckpoint {
  readonly projection: string;
  readonly version: number;
  /** The collection the writer feeds; a rebuild moves it, which tells other writers they are superseded. */
  readonly collection: string;
  readonly position: CheckpointPosition | null;
  readonly updatedAt: Date;
  /** Batches written by a writer that counts them (`Projector.countWrittenBatch`), since the collection was built. */
  readonly writtenBatches: number;
}

export class FeedMismatchError extends Error {
  override readonly name = 'FeedMismatchError';
}

export function advanceCheckpoint(current: CheckpointPosition | null, feed: FeedPosition): CheckpointPosition {
  switch (feed.kind) {
    case 'event-log': {
      if (current && current.kind !== 'event-log') {
        throw new FeedMismatchError('An event-log event arrived for a projection checkpointed on Kafka offsets');
      }
      const globalPosition =
        current && current.globalPosition > feed.globalPosition ? current.globalPosition : feed.globalPosition;
      return { kind: 'event-log', globalPosition };
    }
    case 'kafka': {
      if (current && current.kind !== 'kafka') {
        throw new FeedMismatchError('A Kafka message arrived for a projection checkpointed on an event-log position');
      }
      const nextOffset = feed.offset + 1n;
      const partitions = [...(current?.partitions ?? [])];
      const index = partitions.findIndex((entry) => entry.topic === feed.topic && entry.partition === feed.partition);
      if (index === -1) {
        partitions.push({ topic: feed.topic, partition: feed.partition, nextOffset });
      } else if (partitions[index].nextOffset < nextOffset) {
        partitions[index] = { ...partitions[index], nextOffset };
      }
      partitions.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
      return { kind: 'kafka', partitions };
    }
    default:
      return assertNever(feed, 'feed position');
  }
}

/** Offsets to `seek` each partition to when resuming a Kafka-fed projection. */
export function kafkaResumeOffsets(
  position: CheckpointPosition | null,
): { topic: string; partition: number; offset: string }[] {
  if (!position) return [];
  if (position.kind !== 'kafka') throw new FeedMismatchError('The checkpoint holds an event-log position, not Kafka offsets');
  return position.partitions.map(({ topic, partition, nextOffset }) => ({ topic, partition, offset: nextOffset.toString() }));
}

/** Fixed-width `major:minor` hex, as the event store writes it. */
const globalPositionFormat = /^[0-9a-f]{16}:[0-9a-f]{16}$/;

export type StoredCheckpointPosition =
  | { kind: 'event-log'; globalPosition: string }
  | { kind: 'kafka'; partitions: { topic: string; partition: number; nextOffset: string }[] };

export function storeCheckpointPosition(position: CheckpointPosition | null): StoredCheckpointPosition | null {
  if (!position) return null;
  switch (position.kind) {
    case 'event-log':
      return { kind: 'event-log', globalPosition: position.globalPosition };
    case 'kafka':
      return {
        kind: 'kafka',
        partitions: position.partitions.map(({ topic, partition, nextOffset }) => ({
          topic,
          partition,
          nextOffset: nextOffset.toString(),
        })),
      };
    default:
      return assertNever(position, 'checkpoint position');
  }
}

export function loadCheckpointPosition(stored: StoredCheckpointPosition | null | undefined): CheckpointPosition | null {
  if (!stored) return null;
  switch (stored.kind) {
    case 'event-log':
      if (!globalPositionFormat.test(stored.globalPosition)) {
        throw new RangeError(`Stored checkpoint holds no global position: ${JSON.stringify(stored.globalPosition)}`);
      }
      return { kind: 'event-log', globalPosition: stored.globalPosition as GlobalPosition };
    case 'kafka':
      return {
        kind: 'kafka',
        partitions: stored.partitions.map(({ topic, partition, nextOffset }) => ({
          topic,
          partition,
          nextOffset: parseDecimalPosition(nextOffset, 'nextOffset'),
        })),
      };
    default:
      return assertNever(stored, 'stored checkpoint position');
  }
}

/**
 * A text that changes whenever the projection's checkpoint is saved again, counts a written batch
 * or moves to another collection: what a reader caching answers of the projection compares to know
 * they still hold. A Kafka-fed projection's must count its batches for the mark to move.
 */
export function checkpointMark(checkpoint: ProjectionCheckpoint | null): string {
  if (!checkpoint) return 'none';
  const { collection, version, updatedAt, position, writtenBatches } = checkpoint;
  return `${collection}|${version}|${writtenBatches}|${updatedAt.getTime()}|${positionText(position)}`;
}

function positionText(position: CheckpointPosition | null): string {
  if (!position) return 'start';
  switch (position.kind) {
    case 'event-log':
      return position.globalPosition;
    case 'kafka':
      return position.partitions.map(({ topic, partition, nextOffset }) => `${topic}:${partition}:${nextOffset}`).join(',');
    default:
      return assertNever(position, 'checkpoint position');
  }
}
