import type { EventStore, EventSubscription, ReadAllFrom, ReadAllOptions, RecordedEvent } from '@training-ledger/event-store';
import { eventLogCatchUp, eventLogSubscription } from './event-log-source';
import { globalPositionAt } from './testing/fixtures';

function recorded(sequence: number): RecordedEvent {
  return {
    eventId: `e-${sequence}`,
    type: 'NominationSubmitted.v1',
    data: { sequence },
    metadata: {
      correlationId: 'c',
      causationId: null,
      actor: { id: 'u', roles: [] },
      occurredAt: '2026-06-01T00:00:00.000Z',
      recordedAt: '2026-06-01T00:00:00.000Z',
    },
    streamName: `nomination-${sequence % 3}`,
    streamPosition: BigInt(Math.floor(sequence / 3)),
    globalPosition: globalPositionAt(sequence),
  };
}

/** Just enough of the port to page and subscribe over a fixed log. */
class FixedLog implements Pick<EventStore, 'readAll' | 'subscribe'> {
  readonly reads: { from: ReadAllFrom; limit?: number }[] = [];
  closed = 0;
  constructor(readonly log: RecordedEvent[]) {}

  private after(from: ReadAllFrom): RecordedEvent[] {
    return from === 'start' ? this.log : this.log.filter((event) => event.globalPosition > from.after);
  }

  async readAll(from: ReadAllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.reads.push({ from, limit: options.limit });
    return this.after(from).slice(0, options.limit ?? 1_000);
  }

  subscribe(from: ReadAllFrom): EventSubscription {
    const events = this.after(from);
    let closed = false;
    let release: () => void = () => undefined;
    return {
      close: async () => {
        closed = true;
        this.closed++;
        release();
      },
      async *[Symbol.asyncIterator]() {
        for (const event of events) if (!closed) yield event;
        await new Promise<void>((resolve) => {
          release = resolve;
          if (closed) resolve();
        });
      },
    };
  }
}

async function collect<T>(iterable: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

describe('eventLogCatchUp', () => {
  it('pages through the log after the checkpoint and ends when caught up', async () => {
    const log = new FixedLog(Array.from({ length: 7 }, (_, index) => recorded(index + 1)));
    const source = eventLogCatchUp(log as unknown as EventStore, { service: 'enrolment', pageSize: 3 });

    const events = await collect(source({ kind: 'event-log', globalPosition: globalPositionAt(2) }, new AbortController().signal));

    expect(events.map((event) => event.eventId)).toEqual(['e-3', 'e-4', 'e-5', 'e-6', 'e-7']);
    expect(events[0]).toMatchObject({
      source: { service: 'enrolment', streamName: 'nomination-0', streamPosition: 1n },
      feedPosition: { kind: 'event-log', globalPosition: globalPositionAt(3) },
    });
    expect(log.reads.map((read) => read.from)).toEqual([
      { after: globalPositionAt(2) },
      { after: globalPositionAt(5) },
    ]);
  });

  it('refuses a Kafka checkpoint', async () => {
    const source = eventLogCatchUp(new FixedLog([]) as unknown as EventStore, { service: 'enrolment' });
    await expect(collect(source({ kind: 'kafka', partitions: [] }, new AbortController().signal))).rejects.toThrow(/Kafka offsets/);
  });
});

describe('eventLogSubscription', () => {
  it('delivers from the checkpoint on and closes the subscription when the signal aborts', async () => {
    const log = new FixedLog(Array.from({ length: 4 }, (_, index) => recorded(index + 1)));
    const controller = new AbortController();
    const iterator = eventLogSubscription(log as unknown as EventStore, { service: 'enrolment' })(
      { kind: 'event-log', globalPosition: globalPositionAt(1) },
      controller.signal,
    )[Symbol.asyncIterator]();

    const received: string[] = [];
    for (let index = 0; index < 3; index++) received.push(((await iterator.next()).value as { eventId: string }).eventId);
    const waiting = iterator.next();
    controller.abort();

    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(received).toEqual(['e-2', 'e-3', 'e-4']);
    expect(log.closed).toBeGreaterThanOrEqual(1);
  });
});
