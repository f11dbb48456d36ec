import type { ProducerRecord } from 'kafkajs';
import { sleep } from '../async-utils';
import type { QuarantineRecord } from '../quarantine';
import {
  IntegrationEventConsumer,
  type IntegrationEventConsumerOptions,
  type IntegrationEventHandler,
} from './integration-event-consumer';
import { FakeKafka, integrationEvent, kafkaMessage, silent } from './testing/fake-kafka';

async function started(
  handler: IntegrationEventHandler,
  options: Partial<IntegrationEventConsumerOptions> = {},
): Promise<{ kafka: FakeKafka; consumer: IntegrationEventConsumer }> {
  const kafka = new FakeKafka();
  const consumer = new IntegrationEventConsumer({
    kafka: kafka.asKafka(),
    groupId: 'reporting.progress',
    topics: ['attendance.events.v1'],
    handler,
    retry: { attempts: 5, initialDelayMs: 1, maxDelayMs: 4, multiplier: 2 },
    logger: silent,
    // At the end of every batch, and every hundred messages of a partition: the cadence is tested on its own below.
    commitCadence: { everyMs: 0, everyMessages: 100 },
    ...options,
  });
  await consumer.start();
  return { kafka, consumer };
}

function header(record: ProducerRecord, name: string): string {
  return String(record.messages[0]!.headers![name]);
}

describe('IntegrationEventConsumer with a batch handler', () => {
  async function startedInBatches(
    batchHandler: NonNullable<IntegrationEventConsumerOptions['batchHandler']>,
    options: Partial<IntegrationEventConsumerOptions> = {},
  ) {
    return started(undefined as unknown as IntegrationEventHandler, { handler: undefined, batchHandler, ...options });
  }

  it('hands consecutive messages over in chunks and commits once the batch is done', async () => {
    const chunks: string[][] = [];
    const { kafka } = await startedInBatches(
      async (messages) => {
        chunks.push(messages.map(({ context }) => context.offset));
        kafka.timeline.push(`handled ${messages.length}`);
      },
      { maxBatchSize: 2 },
    );
    await kafka.deliver([kafkaMessage(10), kafkaMessage(11), kafkaMessage(12)]);
    expect(chunks).toEqual([['10', '11'], ['12']]);
    expect(kafka.timeline).toEqual(['handled 2', 'handled 1', 'commit 13']);
    expect(kafka.resolved).toEqual(['11', '12']);
  });

  it('dead-letters an invalid message of a chunk and hands over the rest', async () => {
    const handled: string[] = [];
    const { kafka } = await startedInBatches(
      async (messages) => {
        handled.push(...messages.map(({ context }) => context.offset));
      },
      { validate: (message) => (message.eventId === integrationEvent(21).eventId ? 'not in the contract' : null) },
    );
    await kafka.deliver([kafkaMessage(20), kafkaMessage(21), kafkaMessage(22)]);
    expect(handled).toEqual(['20', '22']);
    expect(kafka.timeline).toEqual(['dlq 21', 'commit 23']);
  });

  it('passes over, undecoded and unvalidated, the types its handler does not read, and commits past them', async () => {
    const handled: string[] = [];
    const validated: string[] = [];
    const { kafka, consumer } = await startedInBatches(
      async (messages) => {
        handled.push(...messages.map(({ context }) => context.offset));
      },
      {
        eventTypes: ['CourseRunCompleted.v1'],
        validate: (message) => {
          validated.push(message.type);
          return null;
        },
      },
    );
    const completed = kafkaMessage(42);
    completed.headers = { ...completed.headers, type: 'CourseRunCompleted.v1' };
    completed.value = Buffer.from(completed.value!.toString().replace('"AttendanceMarked.v1"', '"CourseRunCompleted.v1"'));
    const unparsable = kafkaMessage(41, 'not json at all');
    await kafka.deliver([kafkaMessage(40), unparsable, completed]);
    expect(handled).toEqual(['42']);
    expect(validated).toEqual(['CourseRunCompleted.v1']);
    expect(kafka.timeline).toEqual(['commit 43']);
    expect(consumer.status()).toMatchObject({ handledMessages: 1, passedOverMessages: 2, deadLetteredMessages: 0 });
  });

  it('settles a failed chunk one message at a time, so only the bad message is dead-lettered', async () => {
    const calls: number[] = [];
    const { kafka, consumer } = await startedInBatches(async (messages) => {
      calls.push(messages.length);
      if (messages.some(({ context }) => context.offset === '31')) throw new Error('run 31 is unknown');
    });
    await kafka.deliver([kafkaMessage(30), kafkaMessage(31), kafkaMessage(32)]);
    expect(calls).toEqual([3, 1, 1, 1, 1, 1, 1, 1]);
    expect(kafka.timeline).toEqual(['dlq 31', 'commit 33']);
    expect(consumer.status()).toMatchObject({ handledMessages: 2, deadLetteredMessages: 1 });
  });

  it('moves the fetch position past each chunk at once, and commits a lost commit\'s offsets with the next one', async () => {
    const { kafka } = await startedInBatches(async () => undefined, { maxBatchSize: 2 });
    kafka.commitFailures = 1;
    await kafka.deliver([kafkaMessage(40), kafkaMessage(41), kafkaMessage(42)]);
    expect(kafka.resolved).toEqual(['41', '42']);
    expect(kafka.timeline).toEqual([]);
    await kafka.deliver([kafkaMessage(43)]);
    expect(kafka.timeline).toEqual(['commit 44']);
  });

  it('refuses to start without any handler', () => {
    expect(
      () =>
        new IntegrationEventConsumer({
          kafka: new FakeKafka().asKafka(),
          groupId: 'reporting.progress',
          topics: ['attendance.events.v1'],
          logger: silent,
        }),
    ).toThrow('IntegrationEventConsumer needs a handler or a batchHandler');
  });
});

describe('IntegrationEventConsumer', () => {
  it('commits the next offset only after the handler finished, once for the batch', async () => {
    const handled: string[] = [];
    const { kafka } = await started(async (message, context) => {
      await sleep(2);
      kafka.timeline.push(`handled ${context.offset}`);
      handled.push(message.eventId);
    });
    await kafka.deliver([kafkaMessage(7), kafkaMessage(8)]);
    expect(kafka.timeline).toEqual(['handled 7', 'handled 8', 'commit 9']);
    expect(handled).toEqual([integrationEvent(7).eventId, integrationEvent(8).eventId]);
  });

  it('commits a long batch every hundred settled messages, so a crash redelivers at most that many', async () => {
    const { kafka } = await started(async () => undefined);
    await kafka.deliver(Array.from({ length: 250 }, (_, offset) => kafkaMessage(offset)));
    expect(kafka.timeline).toEqual(['commit 100', 'commit 200', 'commit 250']);
  });

  it('keeps a lost commit\'s offsets due and commits them at the next batch, past what that batch settled', async () => {
    const handled: string[] = [];
    const { kafka } = await started(async (_message, context) => {
      handled.push(context.offset);
    });
    kafka.commitFailures = 1;
    await kafka.deliver([kafkaMessage(51)]);
    expect(kafka.resolved).toEqual(['51']);
    expect(kafka.timeline).toEqual([]);
    await kafka.deliver([kafkaMessage(52)], 3);
    expect(handled).toEqual(['51', '52']);
    expect(kafka.timeline).toEqual(['commit 52 53@3']);
  });

  it('moves the fetch position past each settled message at once', async () => {
    const { kafka } = await started(async () => undefined);
    await kafka.deliver(Array.from({ length: 5 }, (_, offset) => kafkaMessage(offset)));
    expect(kafka.resolved).toEqual(['0', '1', '2', '3', '4']);
  });

  it('commits what was settled before a stop interrupted the next message', async () => {
    let calls = 0;
    const { kafka, consumer } = await started(
      async (_message, context) => {
        calls += 1;
        if (context.offset === '1') throw new Error('down');
      },
      { retry: { attempts: 5, initialDelayMs: 50, maxDelayMs: 50, multiplier: 1 } },
    );
    const delivered = kafka.deliver([kafkaMessage(0), kafkaMessage(1), kafkaMessage(2)]);
    await sleep(10);
    await consumer.stop();
    await delivered;
    expect(calls).toBe(2);
    expect(kafka.timeline).toEqual(['commit 1']);
  });

  it('retries a failing handler and commits once it succeeds', async () => {
    let calls = 0;
    const { kafka, consumer } = await started(async () => {
      calls += 1;
      if (calls <= 2) throw new Error('database busy');
    });
    await kafka.deliver([kafkaMessage(0)]);
    expect(calls).toBe(3);
    expect(kafka.timeline).toEqual(['commit 1']);
    expect(consumer.status()).toMatchObject({ handledMessages: 1, deadLetteredMessages: 0 });
  });

  it('dead-letters a message after the last attempt, with the reason, and goes on with the partition', async () => {
    const attemptsByOffset = new Map<string, number>();
    const { kafka } = await started(async (_message, context) => {
      attemptsByOffset.set(context.offset, (attemptsByOffset.get(context.offset) ?? 0) + 1);
      if (context.offset === '3') throw new Error('course run 9 does not exist');
    });
    await kafka.deliver([kafkaMessage(3), kafkaMessage(4)]);
    expect(attemptsByOffset).toEqual(new Map([['3', 5], ['4', 1]]));
    expect(kafka.timeline).toEqual(['dlq 3', 'commit 5']);
    const [deadLetter] = kafka.deadLetters;
    expect(deadLetter!.topic).toBe('reporting.progress.dlq.v1');
    expect(header(deadLetter!, 'dlq-reason')).toBe('course run 9 does not exist');
    expect(header(deadLetter!, 'dlq-failure-kind')).toBe('handler-failed');
    expect(header(deadLetter!, 'dlq-original-topic')).toBe('attendance.events.v1');
    expect(header(deadLetter!, 'dlq-original-partition')).toBe('2');
    expect(header(deadLetter!, 'dlq-attempts')).toBe('5');
    expect(header(deadLetter!, 'dlq-consumer-group')).toBe('reporting.progress');
    expect(header(deadLetter!, 'eventId')).toBe(integrationEvent(3).eventId);
    expect(String(deadLetter!.messages[0]!.value)).toBe(String(kafkaMessage(3).value));
  });

  it('records each dead letter durably in the quarantine before committing past it, so /status can count it', async () => {
    const setAside: QuarantineRecord[] = [];
    const { kafka } = await started(
      async (_message, context) => {
        if (context.offset === '3') throw new Error('course run 9 does not exist');
      },
      { quarantine: { setAside: async (record) => void setAside.push(record) } },
    );
    await kafka.deliver([kafkaMessage(3), kafkaMessage(4)]);
    expect(setAside).toEqual([
      {
        source: 'consumer:reporting.progress',
        eventId: integrationEvent(3).eventId,
        eventType: integrationEvent(3).type,
        streamName: String(kafkaMessage(3).key),
        position: 'attendance.events.v1/2@3',
        reason: 'handler-failed: course run 9 does not exist',
      },
    ]);
    expect(kafka.timeline).toEqual(['dlq 3', 'commit 5']);
  });

  it('sends an undecodable message straight to the dead-letter topic', async () => {
    const handler = jest.fn(async () => undefined);
    const { kafka } = await started(handler);
    await kafka.deliver([kafkaMessage(0, '{not json')]);
    expect(handler).not.toHaveBeenCalled();
    expect(kafka.timeline).toEqual(['dlq 0', 'commit 1']);
    expect(header(kafka.deadLetters[0]!, 'dlq-failure-kind')).toBe('malformed');
    expect(header(kafka.deadLetters[0]!, 'dlq-attempts')).toBe('0');
    expect(header(kafka.deadLetters[0]!, 'dlq-reason')).toContain('value is not JSON');
  });

  it('sends a message that fails the contract check straight to the dead-letter topic', async () => {
    const handler = jest.fn(async () => undefined);
    const { kafka } = await started(handler, {
      validate: (message) => (message.type === 'AttendanceMarked.v1' ? 'data.session must be a string' : null),
    });
    await kafka.deliver([kafkaMessage(0)]);
    expect(handler).not.toHaveBeenCalled();
    expect(header(kafka.deadLetters[0]!, 'dlq-failure-kind')).toBe('invalid');
    expect(header(kafka.deadLetters[0]!, 'dlq-reason')).toBe('data.session must be a string');
  });

  it('does not commit past a message until its dead letter is written', async () => {
    const { kafka } = await started(async () => {
      throw new Error('always');
    });
    kafka.deadLetterFailures = 2;
    await kafka.deliver([kafkaMessage(5)]);
    expect(kafka.timeline).toEqual(['dlq 5', 'commit 6']);
  });

  it('leaves a message uncommitted when stopped during its retries', async () => {
    let calls = 0;
    const { kafka, consumer } = await started(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      { retry: { attempts: 5, initialDelayMs: 50, maxDelayMs: 50, multiplier: 1 } },
    );
    const delivered = kafka.deliver([kafkaMessage(0), kafkaMessage(1)]);
    await sleep(10);
    await consumer.stop();
    await delivered;
    expect(calls).toBe(1);
    expect(kafka.timeline).toEqual([]);
    expect(consumer.status().state).toBe('stopped');
  });

  describe('when a dependency of the handler is down', () => {
    const databaseDown = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

    it('holds the partition until the handler succeeds, however long it takes, and parks nothing', async () => {
      let calls = 0;
      const statusWhileDown: (string | null)[] = [];
      const { kafka, consumer } = await started(async (_message, context) => {
        calls += 1;
        statusWhileDown.push(consumer.status().waitingForRecoverySince);
        if (context.offset === '0' && calls <= 12) throw databaseDown();
      });
      await kafka.deliver([kafkaMessage(0), kafkaMessage(1)]);
      expect(calls).toBe(14);
      expect(kafka.deadLetters).toEqual([]);
      expect(kafka.timeline).toEqual(['commit 2']);
      expect(statusWhileDown[0]).toBeNull();
      expect(statusWhileDown[5]).toEqual(expect.any(String));
      expect(consumer.status()).toMatchObject({ handledMessages: 2, deadLetteredMessages: 0, waitingForRecoverySince: null });
    });

    it('still parks a message that fails for a reason of its own once the dependency is back', async () => {
      let calls = 0;
      const { kafka } = await started(async () => {
        calls += 1;
        if (calls <= 7) throw databaseDown();
        throw new Error('course run 9 does not exist');
      });
      await kafka.deliver([kafkaMessage(3)]);
      expect(calls).toBe(12);
      expect(kafka.timeline).toEqual(['dlq 3', 'commit 4']);
      expect(header(kafka.deadLetters[0]!, 'dlq-attempts')).toBe('5');
    });

    it('lets go of the message uncommitted when the partition is given to another member', async () => {
      let calls = 0;
      const { kafka } = await started(
        async () => {
          calls += 1;
          throw databaseDown();
        },
        { retry: { attempts: 5, initialDelayMs: 20, maxDelayMs: 20, multiplier: 1 } },
      );
      const delivered = kafka.deliver([kafkaMessage(0), kafkaMessage(1)]);
      await sleep(50);
      kafka.stale = true;
      await delivered;
      expect(calls).toBeGreaterThan(1);
      expect(kafka.timeline).toEqual([]);
    });

    it('waits the same way when a batch handler meets the outage', async () => {
      let calls = 0;
      const { kafka } = await started(undefined as unknown as IntegrationEventHandler, {
        handler: undefined,
        batchHandler: async () => {
          calls += 1;
          if (calls <= 9) throw databaseDown();
        },
      });
      await kafka.deliver([kafkaMessage(0), kafkaMessage(1)]);
      expect(kafka.deadLetters).toEqual([]);
      expect(kafka.timeline).toEqual(['commit 2']);
    });
  });
});

describe('IntegrationEventConsumer committing on a cadence', () => {
  const cadence = { commitCadence: { everyMs: 300, everyMessages: 1_000 } };

  it('commits every partition settled in the last moment in one request, not one per batch', async () => {
    const { kafka, consumer } = await started(async () => undefined, cadence);
    await kafka.deliver([kafkaMessage(0), kafkaMessage(1)], 2);
    await kafka.deliver([kafkaMessage(7)], 4);
    await kafka.deliver([kafkaMessage(2)], 2);
    expect(kafka.timeline).toEqual([]);
    await sleep(450);
    expect(kafka.timeline).toEqual(['commit 3 8@4']);
    await sleep(350);
    expect(kafka.timeline).toHaveLength(1);
    await consumer.stop();
  });

  it('commits a partition at once when it has settled `everyMessages` since its last commit', async () => {
    const { kafka, consumer } = await started(async () => undefined, { commitCadence: { everyMs: 60_000, everyMessages: 3 } });
    await kafka.deliver([kafkaMessage(0), kafkaMessage(1), kafkaMessage(2), kafkaMessage(3)]);
    expect(kafka.timeline).toEqual(['commit 3']);
    await consumer.stop();
    expect(kafka.timeline).toEqual(['commit 3', 'commit 4']);
  });

  it('tries a failed commit again until it lands, with nothing new to settle', async () => {
    const { kafka, consumer } = await started(async () => undefined, cadence);
    kafka.commitFailures = 2;
    await kafka.deliver([kafkaMessage(5)]);
    for (const deadline = Date.now() + 3_000; kafka.timeline.length === 0 && Date.now() < deadline; ) await sleep(50);
    expect(kafka.timeline).toEqual(['commit 6']);
    expect(kafka.commitFailures).toBe(0);
    await consumer.stop();
  });

  it('commits what is settled when it stops', async () => {
    const { kafka, consumer } = await started(async () => undefined, cadence);
    await kafka.deliver([kafkaMessage(9)]);
    await consumer.stop();
    expect(kafka.timeline).toEqual(['commit 10']);
  });

  it('forgets what is settled when the group is joined again: the partition may be another member\'s now', async () => {
    const { kafka, consumer } = await started(async () => undefined, cadence);
    await kafka.deliver([kafkaMessage(9)]);
    kafka.rejoin();
    await consumer.stop();
    expect(kafka.timeline).toEqual([]);
  });
});
