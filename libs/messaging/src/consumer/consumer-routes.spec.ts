import { IntegrationEventConsumer, type ConsumerRoute, type MessageInBatch } from './integration-event-consumer';
import { FakeKafka, kafkaMessage, silent, typedMessage } from './testing/fake-kafka';

const MARKS = 'attendance.events.v1';
const RUNS = 'course-runs.events.v1';

function offsets(messages: readonly MessageInBatch[]): string[] {
  return messages.map(({ context }) => `${context.topic === MARKS ? '' : `${context.topic}@`}${context.offset}`);
}

async function startedWith(routes: readonly ConsumerRoute[], validated: string[] = []) {
  const kafka = new FakeKafka();
  const consumer = new IntegrationEventConsumer({
    kafka: kafka.asKafka(),
    groupId: 'reporting.reads.attendance',
    topics: [MARKS, RUNS],
    routes,
    validate: (message) => {
      validated.push(message.eventId.slice(-2));
      return message.eventId.endsWith('66') ? 'not in the contract' : null;
    },
    retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 2, multiplier: 2 },
    commitCadence: { everyMs: 0, everyMessages: 100 },
    commitMetadata: 'routes=evaluations progress',
    logger: silent,
  });
  await consumer.start();
  return { kafka, consumer };
}

describe('IntegrationEventConsumer with routes', () => {
  it('decodes and checks each message once, hands it to every route that reads its type, and commits once with its metadata', async () => {
    const evaluations: string[] = [];
    const progress: string[] = [];
    const validated: string[] = [];
    const { kafka, consumer } = await startedWith(
      [
        { name: 'reporting.evaluations', batchHandler: async (messages) => void evaluations.push(...offsets(messages)) },
        { name: 'reporting.progress', eventTypes: ['CourseRunCompleted.v1'], batchHandler: async (messages) => void progress.push(...offsets(messages)) },
      ],
      validated,
    );
    await kafka.deliver([kafkaMessage(10), typedMessage(11, 'CourseRunCompleted.v1'), kafkaMessage(12)]);
    expect(evaluations).toEqual(['10', '11', '12']);
    expect(progress).toEqual(['11']);
    expect(validated).toEqual(['10', '11', '12']);
    expect(kafka.timeline).toEqual(['commit 13']);
    expect(kafka.commitMetadata).toEqual(['routes=evaluations progress']);
    expect(consumer.status()).toMatchObject({ handledMessages: 4, passedOverMessages: 0 });
  });

  it('hands each route its messages in pieces of its own batch size', async () => {
    const evaluations: string[][] = [];
    const progress: string[][] = [];
    const { kafka } = await startedWith([
      { name: 'reporting.evaluations', maxBatchSize: 3, batchHandler: async (messages) => void evaluations.push(offsets(messages)) },
      { name: 'reporting.progress', maxBatchSize: 2, batchHandler: async (messages) => void progress.push(offsets(messages)) },
    ]);
    await kafka.deliver([1, 2, 3, 4].map((offset) => kafkaMessage(offset)));
    expect(evaluations).toEqual([['1', '2', '3'], ['4']]);
    expect(progress).toEqual([['1', '2'], ['3'], ['4']]);
  });

  it('hands a chunk to its routes side by side, so that one waiting does not hold the others back', async () => {
    let progressWrote: () => void = () => undefined;
    const progressWritten = new Promise<void>((resolve) => (progressWrote = resolve));
    const order: string[] = [];
    const { kafka } = await startedWith([
      {
        name: 'reporting.evaluations',
        batchHandler: async () => {
          await progressWritten;
          order.push('evaluations');
        },
      },
      {
        name: 'reporting.progress',
        batchHandler: async () => {
          order.push('progress');
          progressWrote();
        },
      },
    ]);
    await kafka.deliver([kafkaMessage(1)]);
    expect(order).toEqual(['progress', 'evaluations']);
    expect(kafka.timeline).toEqual(['commit 2']);
  });

  it('passes over, undecoded, a message no route reads', async () => {
    const validated: string[] = [];
    const { kafka, consumer } = await startedWith(
      [
        { name: 'reporting.progress', eventTypes: ['CourseRunCompleted.v1'], batchHandler: async () => undefined },
        { name: 'reporting.titles', eventTypes: ['CourseRunScheduled.v1'], handler: async () => undefined },
      ],
      validated,
    );
    await kafka.deliver([kafkaMessage(20, 'not json at all'), kafkaMessage(21)]);
    expect(validated).toEqual([]);
    expect(kafka.deadLetters).toEqual([]);
    expect(consumer.status()).toMatchObject({ handledMessages: 0, passedOverMessages: 2 });
  });

  it('retries and parks a message for the route that fails on it alone, on that route\'s dead-letter topic', async () => {
    const evaluations: string[][] = [];
    const progress: string[] = [];
    const { kafka } = await startedWith([
      {
        name: 'reporting.evaluations',
        batchHandler: async (messages) => {
          evaluations.push(offsets(messages));
          if (messages.some(({ context }) => context.offset === '31')) throw new Error('run 31 is unknown');
        },
      },
      { name: 'reporting.progress', batchHandler: async (messages) => void progress.push(...offsets(messages)) },
    ]);
    await kafka.deliver([kafkaMessage(30), kafkaMessage(31), kafkaMessage(32)]);
    expect(evaluations).toEqual([['30', '31', '32'], ['30'], ['31'], ['31'], ['32']]);
    expect(progress).toEqual(['30', '31', '32']);
    expect(kafka.deadLetters.map((record) => [record.topic, String(record.messages[0]!.headers!['dlq-consumer-group'])])).toEqual([
      ['reporting.evaluations.dlq.v1', 'reporting.evaluations'],
    ]);
    expect(kafka.timeline).toEqual(['dlq 31', 'commit 33']);
  });

  it('parks a message that fails the contract once for each route that reads its type, and hands the rest over', async () => {
    const handled: string[] = [];
    const { kafka } = await startedWith([
      { name: 'reporting.evaluations', batchHandler: async (messages) => void handled.push(...offsets(messages).map((offset) => `evaluations ${offset}`)) },
      { name: 'reporting.progress', handler: async (message, context) => void handled.push(`progress ${context.offset}`) },
      { name: 'reporting.titles', eventTypes: ['CourseRunScheduled.v1'], handler: async () => void handled.push('titles') },
    ]);
    await kafka.deliver([kafkaMessage(65), kafkaMessage(66)]);
    expect(handled).toEqual(['evaluations 65', 'progress 65']);
    expect(kafka.deadLetters.map((record) => record.topic)).toEqual(['reporting.evaluations.dlq.v1', 'reporting.progress.dlq.v1']);
  });

  it('hands a route the topics it reads only, and a redriven message to the route it was redriven for alone', async () => {
    const handled: string[] = [];
    const { kafka } = await startedWith([
      { name: 'reporting.evaluations', batchHandler: async (messages) => void handled.push(...offsets(messages).map((offset) => `evaluations ${offset}`)) },
      {
        name: 'reporting.progress',
        topics: [MARKS],
        redriveTopic: 'reporting.progress.redrive.v1',
        batchHandler: async (messages) => void handled.push(...offsets(messages).map((offset) => `progress ${offset}`)),
      },
    ]);
    expect(kafka.subscribed).toEqual([MARKS, RUNS, 'reporting.progress.redrive.v1']);
    await kafka.deliver([kafkaMessage(1)], 0, RUNS);
    await kafka.deliver([kafkaMessage(2)], 0, 'reporting.progress.redrive.v1');
    await kafka.deliver([kafkaMessage(3)], 0, MARKS);
    expect(handled).toEqual([
      `evaluations ${RUNS}@1`,
      'progress reporting.progress.redrive.v1@2',
      'evaluations 3',
      'progress 3',
    ]);
  });

  it('refuses two routes of one name, and a group without routes', () => {
    const route: ConsumerRoute = { name: 'reporting.progress', handler: async () => undefined };
    const options = { kafka: new FakeKafka().asKafka(), groupId: 'reporting.reads', topics: [MARKS], logger: silent };
    expect(() => new IntegrationEventConsumer({ ...options, routes: [route, route] })).toThrow('Route "reporting.progress" is given twice');
    expect(() => new IntegrationEventConsumer({ ...options, routes: [] })).toThrow('IntegrationEventConsumer needs at least one route');
  });
});
