import {
  globalPosition,
  type CheckpointStore,
  type EventStore,
  type EventSubscription,
  type GlobalPosition,
  type ReadAllFrom,
  type RecordedEvent,
} from '@training-ledger/event-store';
import type { Kafka, ProducerRecord } from 'kafkajs';
import { sleep } from '../async-utils';
import type { IntegrationEventMapper } from '../envelope';
import type { MessagingLogger } from '../logger';
import type { Quarantine, QuarantineRecord } from '../quarantine';
import { EventRelay, produceRequests } from './event-relay';

/** Positions as the PostgreSQL store makes them, within one writing transaction. */
const position = (n: number): GlobalPosition => globalPosition(7n, BigInt(n));

/** The part of the event log the relay uses: subscribe, catch-up then live. */
class InMemoryLog {
  readonly events: RecordedEvent[] = [];
  private listeners = new Set<() => void>();

  append(streamName: string, type: string, data: unknown = {}): RecordedEvent {
    const streamPosition = BigInt(this.events.filter((event) => event.streamName === streamName).length);
    const event: RecordedEvent = {
      eventId: `00000000-0000-4000-8000-${String(this.events.length + 1).padStart(12, '0')}`,
      type,
      data,
      metadata: {
        correlationId: 'flow-1',
        causationId: null,
        actor: { id: 'clerk', roles: [] },
        occurredAt: '2026-06-01T00:00:00.000Z',
        recordedAt: '2026-06-01T00:00:01.000Z',
      },
      streamName,
      streamPosition,
      globalPosition: position((this.events.length + 1) * 10),
    };
    this.events.push(event);
    for (const listener of this.listeners) listener();
    return event;
  }

  subscribe(from: ReadAllFrom): EventSubscription {
    const { events, listeners } = this;
    let closed = false;
    let wake: (() => void) | null = null;
    const listener = () => wake?.();
    listeners.add(listener);
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      let index = events.findIndex((event) => from === 'start' || event.globalPosition > from.after);
      if (index === -1) index = events.length;
      while (!closed) {
        if (index < events.length) {
          yield events[index++]!;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    const iterator = iterate();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        listeners.delete(listener);
        wake?.();
      },
    };
  }

  asEventStore(): EventStore {
    return { subscribe: (from: ReadAllFrom) => this.subscribe(from) } as unknown as EventStore;
  }
}

class MemoryCheckpoints implements CheckpointStore {
  readonly saved = new Map<string, GlobalPosition>();
  readonly history: GlobalPosition[] = [];
  async load(name: string): Promise<GlobalPosition | null> {
    return this.saved.get(name) ?? null;
  }
  async save(name: string, position: GlobalPosition): Promise<void> {
    this.saved.set(name, position);
    this.history.push(position);
  }
}

/** Records what reaches the "broker"; sends can be made to fail or to wait for a release. */
class FakeBroker {
  readonly acknowledged: ProducerRecord[] = [];
  failuresToInject = 0;
  connected = false;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private listeners = new Map<string, () => void>();

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  asKafka(): Kafka {
    const events = { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' };
    const producer = {
      events,
      on: (event: string, listener: () => void) => this.listeners.set(event, listener),
      connect: async () => {
        this.connected = true;
        this.listeners.get(events.CONNECT)?.();
      },
      disconnect: async () => {
        this.connected = false;
        this.listeners.get(events.DISCONNECT)?.();
      },
      send: async (record: ProducerRecord) => {
        if (this.gate) await this.gate;
        if (this.failuresToInject > 0) {
          this.failuresToInject -= 1;
          throw new Error('broker unavailable');
        }
        this.acknowledged.push(record);
        return [];
      },
    };
    return { producer: () => producer } as unknown as Kafka;
  }

  publishedEventIds(): string[] {
    return this.acknowledged.flatMap((record) =>
      record.messages.map((message) => JSON.parse(String(message.value)).eventId as string),
    );
  }
}

const silent: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const publishAll: IntegrationEventMapper = (event) => ({ type: `${event.type}.v1`, data: event.data });

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

function setup(options: { mapper?: IntegrationEventMapper; maxBatchSize?: number; quarantine?: Quarantine } = {}) {
  const log = new InMemoryLog();
  const checkpoints = new MemoryCheckpoints();
  const broker = new FakeBroker();
  const relay = new EventRelay({
    service: 'enrolment',
    kafka: broker.asKafka(),
    eventStore: log.asEventStore(),
    checkpoints,
    mapper: options.mapper ?? publishAll,
    maxBatchSize: options.maxBatchSize,
    quarantine: options.quarantine,
    retryBackoff: { initialDelayMs: 1, maxDelayMs: 5, multiplier: 2 },
    logger: silent,
  });
  return { log, checkpoints, broker, relay };
}

describe('EventRelay', () => {
  it('publishes the log in order to the service topic, keyed by stream, and checkpoints the last position', async () => {
    const { log, checkpoints, broker, relay } = setup();
    const appended = [
      log.append('nomination-1', 'TraineeNominated'),
      log.append('nomination-2', 'TraineeNominated'),
      log.append('nomination-1', 'NominationApproved'),
    ];
    await relay.start();
    await until(() => checkpoints.saved.size > 0 && checkpoints.history.at(-1) === position(30), 'checkpoint');
    await relay.stop();

    expect(broker.publishedEventIds()).toEqual(appended.map((event) => event.eventId));
    expect(broker.acknowledged.every((record) => record.topic === 'enrolment.events.v1' && record.acks === -1)).toBe(true);
    const keys = broker.acknowledged.flatMap((record) => record.messages.map((message) => message.key));
    expect(keys).toEqual(['nomination-1', 'nomination-2', 'nomination-1']);
    expect(checkpoints.saved.get('event-relay:enrolment.events.v1')).toBe(position(30));
  });

  it('keeps on relaying events appended after it started', async () => {
    const { log, checkpoints, broker, relay } = setup();
    await relay.start();
    log.append('course-1', 'CourseDefined');
    await until(() => checkpoints.history.at(-1) === position(10), 'first checkpoint');
    log.append('course-1', 'CourseRetired');
    await until(() => checkpoints.history.at(-1) === position(20), 'second checkpoint');
    await relay.stop();
    expect(broker.publishedEventIds()).toEqual(log.events.map((event) => event.eventId));
  });

  it('resumes after the saved checkpoint', async () => {
    const { log, checkpoints, broker, relay } = setup();
    log.append('s-1', 'A');
    log.append('s-1', 'B');
    const third = log.append('s-2', 'C');
    await checkpoints.save('event-relay:enrolment.events.v1', position(20));
    await relay.start();
    await until(() => checkpoints.history.at(-1) === position(30), 'checkpoint');
    await relay.stop();
    expect(broker.publishedEventIds()).toEqual([third.eventId]);
  });

  it('moves the checkpoint only after the broker acknowledged the batch', async () => {
    const { log, checkpoints, broker, relay } = setup();
    broker.hold();
    log.append('s-1', 'A');
    await relay.start();
    await sleep(20);
    expect(checkpoints.history).toEqual([]);
    expect(relay.status().pendingEvents).toBe(1);
    broker.release();
    await until(() => checkpoints.history.length === 1, 'checkpoint');
    await relay.stop();
    expect(checkpoints.history).toEqual([position(10)]);
  });

  it('retries a batch the broker refused and loses nothing', async () => {
    const { log, checkpoints, broker, relay } = setup();
    broker.failuresToInject = 3;
    log.append('s-1', 'A');
    log.append('s-2', 'B');
    await relay.start();
    await until(() => checkpoints.history.at(-1) === position(20), 'checkpoint');
    expect(relay.status()).toMatchObject({ consecutiveFailures: 0, lastError: 'broker unavailable' });
    await relay.stop();
    expect(broker.publishedEventIds()).toEqual(log.events.map((event) => event.eventId));
  });

  it('skips events the mapper keeps private but moves the checkpoint past them', async () => {
    const { log, checkpoints, broker, relay } = setup({
      mapper: (event) => (event.type === 'PersonalDataRecorded' ? null : publishAll(event)),
    });
    const publicEvent = log.append('trainee-1', 'TraineeRegistered');
    log.append('trainee-1', 'PersonalDataRecorded');
    await relay.start();
    await until(() => checkpoints.history.at(-1) === position(20), 'checkpoint');
    await relay.stop();
    expect(broker.publishedEventIds()).toEqual([publicEvent.eventId]);
    expect(relay.status()).toMatchObject({ publishedEvents: 1, skippedEvents: 1 });
  });

  it('sends at most maxBatchSize events per request', async () => {
    const { log, checkpoints, broker, relay } = setup({ maxBatchSize: 4 });
    for (let i = 0; i < 10; i += 1) log.append(`s-${i % 3}`, 'E');
    await relay.start();
    await until(() => checkpoints.history.at(-1) === position(100), 'checkpoint');
    await relay.stop();
    expect(broker.acknowledged.every((record) => record.messages.length <= 4)).toBe(true);
    expect(broker.publishedEventIds()).toEqual(log.events.map((event) => event.eventId));
  });

  it('on stop finishes the batch in flight, records it and disconnects', async () => {
    const { log, checkpoints, broker, relay } = setup();
    broker.hold();
    log.append('s-1', 'A');
    await relay.start();
    await until(() => relay.status().pendingEvents === 1 && broker.acknowledged.length === 0, 'batch in flight');
    const stopped = relay.stop();
    broker.release();
    await stopped;
    expect(broker.publishedEventIds()).toEqual([log.events[0]!.eventId]);
    expect(checkpoints.history).toEqual([position(10)]);
    expect(broker.connected).toBe(false);
    expect(relay.status().state).toBe('stopped');
  });

  it('sets an event it cannot publish aside, durably and before its checkpoint passes it, and goes on', async () => {
    const setAside: QuarantineRecord[] = [];
    const { log, checkpoints, broker, relay } = setup({
      mapper: (event) => {
        if (event.type === 'Broken') throw new Error('no public shape for Broken');
        return publishAll(event);
      },
      quarantine: { setAside: async (record) => void setAside.push(record) },
    });
    log.append('s-1', 'Fine');
    await relay.start();
    await until(() => checkpoints.history.at(-1) === position(10), 'first checkpoint');
    const broken = log.append('s-1', 'Broken');
    const after = log.append('s-2', 'Fine');
    await until(() => checkpoints.history.at(-1) === position(30), 'the event after the broken one');

    expect(relay.status()).toMatchObject({ state: 'running', publishedEvents: 2, quarantinedEvents: 1 });
    expect(broker.publishedEventIds()).toContain(after.eventId);
    expect(setAside).toEqual([
      {
        source: 'relay:enrolment.events.v1',
        eventId: broken.eventId,
        eventType: 'Broken',
        streamName: 's-1',
        position: position(20),
        reason: 'data no public shape for Broken',
      },
    ]);
    const deadLetter = broker.acknowledged.find((record) => record.topic === 'enrolment.relay.dlq.v1');
    expect(deadLetter?.messages[0]?.headers).toMatchObject({ 'dlq-reason': 'data no public shape for Broken', 'dlq-event-id': broken.eventId });
    expect(JSON.parse(String(deadLetter?.messages[0]?.value))).toMatchObject({ eventId: broken.eventId, type: 'Broken' });
    await relay.stop();
  });

  it('does not pass an event it cannot publish until its quarantine record is written', async () => {
    let quarantineUp = false;
    const { log, checkpoints, relay } = setup({
      mapper: (event) => (event.type === 'Broken' ? { type: 'Broken.v1', data: { count: Number.NaN } } : publishAll(event)),
      quarantine: {
        setAside: async () => {
          if (!quarantineUp) throw new Error('log unavailable');
        },
      },
    });
    log.append('s-1', 'Broken');
    await relay.start();
    await until(() => relay.status().consecutiveFailures >= 3, 'retries while the quarantine is down');
    expect(checkpoints.history).toEqual([]);
    quarantineUp = true;
    await until(() => checkpoints.history.at(-1) === position(10), 'checkpoint once set aside');
    expect(relay.status().quarantinedEvents).toBe(1);
    await relay.stop();
  });

  it('reports readiness while running with a connected producer', async () => {
    const { relay } = setup();
    expect(relay.isReady()).toBe(false);
    await relay.start();
    expect(relay.isReady()).toBe(true);
    await relay.stop();
    expect(relay.isReady()).toBe(false);
  });
});

describe('produce requests', () => {
  const message = (key: string, valueBytes: number) => ({ key, value: 'x'.repeat(valueBytes), headers: { type: 'LogSealed.v1' } });

  it('cuts a batch into requests under the byte limit, in order, each message once', () => {
    const messages = Array.from({ length: 99 }, (_, index) => message(`log-${index % 3}`, 10_366));
    const requests = produceRequests(messages, 512 * 1024);
    expect(requests.length).toBe(2);
    expect(requests.flat()).toEqual(messages);
    for (const request of requests) expect(request.reduce((bytes, each) => bytes + String(each.key).length + String(each.value).length + 'typeLogSealed.v1'.length, 0)).toBeLessThanOrEqual(512 * 1024);
  });

  it('counts characters outside ASCII as the bytes they take, and sends a message over the limit alone', () => {
    expect(produceRequests([message('a', 10), { key: 'b', value: 'ệ'.repeat(40), headers: {} }, message('c', 10)], 100).map((request) => request.map((each) => each.key))).toEqual([['a'], ['b'], ['c']]);
    expect(produceRequests([message('a', 10), message('big', 500), message('c', 10)], 100).map((request) => request.map((each) => each.key))).toEqual([['a'], ['big'], ['c']]);
    expect(produceRequests([])).toEqual([]);
  });
});
