import type { GlobalPosition } from '@training-ledger/event-store';
import {
  advanceCheckpoint,
  checkpointMark,
  FeedMismatchError,
  kafkaResumeOffsets,
  loadCheckpointPosition,
  storeCheckpointPosition,
} from './checkpoint';

const position = (major: number, minor: number): GlobalPosition =>
  `${major.toString(16).padStart(16, '0')}:${minor.toString(16).padStart(16, '0')}` as GlobalPosition;

describe('advanceCheckpoint', () => {
  it('keeps the furthest global position of the event log', () => {
    let checkpoint = advanceCheckpoint(null, { kind: 'event-log', globalPosition: position(5, 2) });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'event-log', globalPosition: position(5, 10) });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'event-log', globalPosition: position(4, 99) });
    expect(checkpoint).toEqual({ kind: 'event-log', globalPosition: position(5, 10) });
  });

  it('keeps the next offset to read per topic partition', () => {
    let checkpoint = advanceCheckpoint(null, { kind: 'kafka', topic: 'b.events.v1', partition: 1, offset: 41n });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'kafka', topic: 'a.events.v1', partition: 0, offset: 7n });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'kafka', topic: 'b.events.v1', partition: 1, offset: 42n });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'kafka', topic: 'b.events.v1', partition: 1, offset: 3n });
    checkpoint = advanceCheckpoint(checkpoint, { kind: 'kafka', topic: 'b.events.v1', partition: 0, offset: 0n });
    expect(checkpoint).toEqual({
      kind: 'kafka',
      partitions: [
        { topic: 'a.events.v1', partition: 0, nextOffset: 8n },
        { topic: 'b.events.v1', partition: 0, nextOffset: 1n },
        { topic: 'b.events.v1', partition: 1, nextOffset: 43n },
      ],
    });
    expect(kafkaResumeOffsets(checkpoint)).toEqual([
      { topic: 'a.events.v1', partition: 0, offset: '8' },
      { topic: 'b.events.v1', partition: 0, offset: '1' },
      { topic: 'b.events.v1', partition: 1, offset: '43' },
    ]);
  });

  it('refuses to mix feeds in one checkpoint', () => {
    const onLog = advanceCheckpoint(null, { kind: 'event-log', globalPosition: position(1, 1) });
    expect(() => advanceCheckpoint(onLog, { kind: 'kafka', topic: 't', partition: 0, offset: 0n })).toThrow(FeedMismatchError);
    expect(() => kafkaResumeOffsets(onLog)).toThrow(FeedMismatchError);
  });
});

describe('stored checkpoint positions', () => {
  it('round-trip through their stored form with offsets as decimal strings', () => {
    const kafka = {
      kind: 'kafka' as const,
      partitions: [{ topic: 'enrolment.events.v1', partition: 2, nextOffset: 2n ** 63n - 1n }],
    };
    const stored = storeCheckpointPosition(kafka);
    expect(stored).toEqual({
      kind: 'kafka',
      partitions: [{ topic: 'enrolment.events.v1', partition: 2, nextOffset: '9223372036854775807' }],
    });
    expect(loadCheckpointPosition(JSON.parse(JSON.stringify(stored)))).toEqual(kafka);

    const log = { kind: 'event-log' as const, globalPosition: position(9, 3) };
    expect(loadCheckpointPosition(storeCheckpointPosition(log))).toEqual(log);
    expect(loadCheckpointPosition(null)).toBeNull();
  });

  it('refuses a stored global position that is not in the event store format', () => {
    expect(() => loadCheckpointPosition({ kind: 'event-log', globalPosition: '42' })).toThrow(RangeError);
  });
});

describe('the mark of a checkpoint', () => {
  const saved = { projection: 'p', version: 1, collection: 'p_v1', updatedAt: new Date('2027-01-01T00:00:00.000Z'), writtenBatches: 3 };
  const kafka = (nextOffset: bigint) => ({ kind: 'kafka' as const, partitions: [{ topic: 't', partition: 0, nextOffset }] });

  it('stays while the checkpoint does, and changes when it is saved again, advances, counts a batch or moves collection', () => {
    const mark = checkpointMark({ ...saved, position: kafka(5n) });
    expect(checkpointMark({ ...saved, position: kafka(5n) })).toBe(mark);
    expect(checkpointMark({ ...saved, position: kafka(6n) })).not.toBe(mark);
    expect(checkpointMark({ ...saved, position: kafka(5n), updatedAt: new Date('2027-01-01T00:00:00.001Z') })).not.toBe(mark);
    expect(checkpointMark({ ...saved, position: kafka(5n), collection: 'p_v2' })).not.toBe(mark);
    expect(checkpointMark({ ...saved, position: kafka(5n), writtenBatches: 4 })).not.toBe(mark);
    expect(checkpointMark({ ...saved, position: { kind: 'event-log', globalPosition: position(1, 2) } })).not.toBe(checkpointMark({ ...saved, position: { kind: 'event-log', globalPosition: position(1, 3) } }));
    expect(checkpointMark(null)).not.toBe(checkpointMark({ ...saved, position: null }));
  });
});
