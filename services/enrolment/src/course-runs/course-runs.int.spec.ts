import { Module, type INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { courseDeliveryContract, type CourseDeliveryIntegrationEvent } from '@training-ledger/contracts';
import type { MessageMetadata } from '@training-ledger/decider';
import { globalPosition, handleCommand, type EventStore, type RecordedEvent } from '@training-ledger/event-store';
import {
  createKafkaClient,
  deadLetterTopic,
  encodeIntegrationMessage,
  type EncodedIntegrationMessage,
} from '@training-ledger/messaging';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import { EnrolmentConfig } from '../config';
import { runNominationsDecider } from '../nominations/run-nominations.decider';
import { type NominatedTrainee, runNominationsStreamName } from '../nominations/run-nominations.state';
import type { CourseRunView } from './course-run-view';
import { courseRunViewProjection } from './course-run-view.projection';
import { CourseRunViews } from './course-run-views';
import { CourseRunsModule } from './course-runs.module';
import { RUN_CANCELLATIONS_CONSUMER, RUN_CANCELLED_REASON } from './run-cancellations.consumer';
import { enrolmentPublishedEvents } from '../published-events';

const isolated = IsolatedEnvironment.create('course-runs');
const { runId: suffix, schema, database, topicPrefix } = isolated;
const courseDeliveryTopic = `${topicPrefix}${courseDeliveryContract.topic}`;
/** Enrolment reads course delivery's topic in one group for both handlers, each with its own dead-letter topic. */
const consumerGroup = `${topicPrefix}enrolment.reads.${courseDeliveryContract.topic}`;
const handlers = [`projection.${courseRunViewProjection.name}`, RUN_CANCELLATIONS_CONSUMER].map((name) => `${topicPrefix}enrolment.${name}`);

const programmeOffice: MessageMetadata = {
  correlationId: randomUUID(),
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
  occurredAt: '2027-04-20T08:00:00.000Z',
};

/** One course-delivery event as its relay would publish it, from the stream of its run. */
function published(
  event: CourseDeliveryIntegrationEvent,
  streamPosition: bigint,
  metadata: { correlationId?: string; occurredAt?: string } = {},
): { eventId: string; correlationId: string; occurredAt: string; record: EncodedIntegrationMessage } {
  const eventId = randomUUID();
  const correlationId = metadata.correlationId ?? randomUUID();
  const occurredAt = metadata.occurredAt ?? '2027-03-01T02:00:00.000Z';
  const runId = (event.data as { runId: string }).runId;
  const record = encodeIntegrationMessage({
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId,
      causationId: randomUUID(),
      actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
      occurredAt,
      recordedAt: occurredAt,
    },
    source: {
      service: 'course-delivery',
      streamName: `course-run-${runId}`,
      streamPosition,
      globalPosition: globalPosition(BigInt(Date.now()), streamPosition),
    },
  });
  return { eventId, correlationId, occurredAt, record };
}

function scheduling(runId: string): CourseDeliveryIntegrationEvent {
  return {
    type: 'CourseRunScheduled.v1',
    data: {
      runId,
      courseId: 'NEG-101',
      courseCode: 'NEG-101',
      level: 'universal',
      trainingGroup: 'skills-and-style',
      format: 'in-person',
      providerInstitutionId: 'HVNG',
      hostAgencyId: null,
      venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
      startDate: '2027-05-10',
      endDate: '2027-05-14',
      nominationDeadline: '2027-04-25',
      capacity: 40,
      agencyQuotas: [{ agencyId: 'HN', seats: 5 }],
      waitlistPolicy: 'auto-approve',
      eligibleTargetGroups: ['regular'],
      eligibleRanks: ['division-level', 'specialist'],
      completionRule: {
        ruleVersion: 1,
        minAttendanceShare: '0.8000',
        excusedCountsAsAttended: false,
        assessmentRequired: true,
        passMark: 5,
      },
      sessions: [
        {
          sessionId: 'S1',
          date: '2027-05-10',
          startsAt: '2027-05-10T01:30:00.000Z',
          endsAt: '2027-05-10T04:30:00.000Z',
        },
      ],
      lecturers: [{ lecturerId: 'L1', name: 'Nguyễn Văn An', origin: 'vietnamese', affiliation: 'Học viện Ngoại giao' }],
    },
  };
}

const scheduledView = (runId: string): CourseRunView => ({
  runId,
  status: 'scheduled',
  capacity: 40,
  agencyQuotas: [{ agencyId: 'HN', seats: 5 }],
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['division-level', 'specialist'],
  nominationDeadline: '2027-04-25',
  startDate: '2027-05-10',
  waitlistPolicy: 'auto-approve',
});

async function eventually<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

@Module({})
class CourseRunsUnderTest {}

describe('course runs as enrolment sees them, from course-delivery events on Kafka', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let eventStore: EventStore;
  let views: CourseRunViews;
  let projector: Projector;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      EVENT_STORE_SCHEMA: schema,
      MONGO_DATABASE: database,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({
      config,
      title: 'enrolment: course runs',
      module: {
        module: CourseRunsUnderTest,
        imports: [
          ServiceRuntimeModule.forRoot({
            service: 'enrolment',
            config,
            publish: { mapper: enrolmentPublishedEvents },
          }),
          CourseRunsModule,
        ],
      },
    });
    await app.init();
    eventStore = app.get<EventStore>(EVENT_STORE);
    views = app.get(CourseRunViews);
    projector = app.get(Projector);
    kafka = createKafkaClient({ clientId: `course-runs-it-${suffix}`, brokers: config.KAFKA_BROKERS });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([consumerGroup]).catch(() => undefined);
      await admin.disconnect();
    }
    await isolated.dispose();
    authority?.dispose();
  });

  const send = (...records: EncodedIntegrationMessage[]) =>
    producer.send({ topic: courseDeliveryTopic, acks: -1, messages: records });

  /** Resolves once the consumer group has committed past everything the topic holds now. */
  async function consumedEverything(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(courseDeliveryTopic);
      await eventually(`${consumerGroup} to consume ${courseDeliveryTopic}`, async () => {
        const [committed] = await admin.fetchOffsets({ groupId: consumerGroup, topics: [courseDeliveryTopic] });
        const at = new Map(committed!.partitions.map(({ partition, offset }) => [partition, offset]));
        return ends.every(({ partition, high }) => high === '0' || at.get(partition) === high) ? true : null;
      });
    } finally {
      await admin.disconnect();
    }
  }

  const storedRun = async (runId: string) =>
    (await projector.model(courseRunViewProjection)).findById(runId).lean<Record<string, unknown>>();

  const nominationsOf = (runId: string): Promise<RecordedEvent[]> => eventStore.readStream(runNominationsStreamName(runId));

  it('keeps the run as scheduled, then as rescheduled, and takes a redelivered message as already applied', async () => {
    const runId = `RUN-NEG-${suffix}-A`;
    const scheduled = published(scheduling(runId), 0n);
    await send(scheduled.record);
    expect(await eventually('the scheduled run', () => views.get(runId))).toEqual(scheduledView(runId));

    const rescheduled = published(
      {
        type: 'CourseRunRescheduled.v1',
        data: {
          runId,
          startDate: '2027-06-07',
          endDate: '2027-06-11',
          nominationDeadline: '2027-05-20',
          capacity: 30,
          agencyQuotas: [
            { agencyId: 'HN', seats: 4 },
            { agencyId: 'BNG', seats: 6 },
          ],
        },
      },
      1n,
    );
    await send(rescheduled.record);
    const rescheduledView: CourseRunView = {
      ...scheduledView(runId),
      startDate: '2027-06-07',
      nominationDeadline: '2027-05-20',
      capacity: 30,
      agencyQuotas: [
        { agencyId: 'HN', seats: 4 },
        { agencyId: 'BNG', seats: 6 },
      ],
    };
    expect(
      await eventually('the rescheduled run', async () => {
        const view = await views.get(runId);
        return view?.capacity === 30 ? view : null;
      }),
    ).toEqual(rescheduledView);
    const afterRescheduling = await storedRun(runId);
    expect(afterRescheduling).toMatchObject({ endDate: '2027-06-11', scheduledAt: scheduled.occurredAt });

    await send(rescheduled.record, scheduled.record);
    await consumedEverything();
    expect(await storedRun(runId)).toEqual(afterRescheduling);
    expect(await views.get(runId)).toEqual(rescheduledView);
  });

  it('cancels the open nominations of a cancelled run with the run cancellation as their cause, once', async () => {
    const runId = `RUN-NEG-${suffix}-B`;
    await send(published(scheduling(runId), 0n).record);
    const run = await eventually('the scheduled run', () => views.get(runId));

    const trainee = (traineeId: string): NominatedTrainee => ({
      traineeId,
      agencyId: 'HN',
      targetGroup: 'regular',
      rank: 'specialist',
      leadership: false,
      erased: false,
    });
    const decide = (command: Parameters<typeof runNominationsDecider.decide>[0]) =>
      handleCommand(eventStore, runNominationsDecider, {
        streamName: runNominationsStreamName(runId),
        commandId: randomUUID(),
        command,
      });
    for (const traineeId of ['T-HN-001', 'T-HN-002', 'T-HN-003']) {
      await decide({
        type: 'SubmitNomination',
        data: { nominationId: `N-${traineeId}`, runId, trainee: trainee(traineeId), actingAgencyId: 'HN', run, today: '2027-04-20' },
        metadata: programmeOffice,
      });
    }
    await decide({ type: 'ApproveNomination', data: { nominationId: 'N-T-HN-002', run, today: '2027-04-21' }, metadata: programmeOffice });
    await decide({ type: 'RejectNomination', data: { nominationId: 'N-T-HN-003', reason: 'Not a foreign-affairs post' }, metadata: programmeOffice });
    const seeded = await nominationsOf(runId);
    expect(seeded.map((event) => event.type)).toEqual([
      'NominationSubmitted.v1',
      'NominationSubmitted.v1',
      'NominationSubmitted.v1',
      'NominationApproved.v1',
      'NominationRejected.v1',
    ]);

    const cancellation = published({ type: 'CourseRunCancelled.v1', data: { runId } }, 1n, {
      occurredAt: '2027-04-28T03:15:00.000Z',
    });
    await send(cancellation.record);
    const cancelled = await eventually('the nominations to be cancelled', async () => {
      const events = (await nominationsOf(runId)).slice(seeded.length);
      return events.length >= 3 ? events : null;
    });
    expect(cancelled.map(({ type, data }) => ({ type, data }))).toEqual([
      ...['T-HN-001', 'T-HN-002'].map((traineeId) => ({
        type: 'NominationCancelled.v1',
        data: { nominationId: `N-${traineeId}`, runId, traineeId, agencyId: 'HN', cause: 'run-cancelled', reason: RUN_CANCELLED_REASON },
      })),
      { type: 'RunNominationsClosed.v1', data: { runId, reason: RUN_CANCELLED_REASON } },
    ]);
    for (const event of cancelled) {
      expect(event.metadata).toMatchObject({
        correlationId: cancellation.correlationId,
        causationId: cancellation.eventId,
        actor: { id: 'course-delivery', roles: [], agencyId: null },
        occurredAt: cancellation.occurredAt,
      });
    }
    expect(
      await eventually('the run to show as cancelled', async () => {
        const view = await views.get(runId);
        return view?.status === 'cancelled' ? view : null;
      }),
    ).toEqual({ ...run, status: 'cancelled' });

    await send(cancellation.record);
    await consumedEverything();
    expect(await nominationsOf(runId)).toHaveLength(seeded.length + cancelled.length);
  });

  it('closes the nominations of a cancelled run nobody was nominated to, and parks no message as a dead letter', async () => {
    const runId = `RUN-NEG-${suffix}-C`;
    await send(
      published(scheduling(runId), 0n).record,
      published({ type: 'CourseRunCancelled.v1', data: { runId } }, 1n).record,
    );
    await consumedEverything();
    expect((await nominationsOf(runId)).map((event) => event.type)).toEqual(['RunNominationsClosed.v1']);
    expect(await views.get(runId)).toEqual({ ...scheduledView(runId), status: 'cancelled' });

    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const handler of handlers) {
        const offsets = await admin.fetchTopicOffsets(deadLetterTopic(handler));
        expect({ handler, deadLetters: offsets.map(({ high }) => high) }).toEqual({ handler, deadLetters: ['0'] });
      }
    } finally {
      await admin.disconnect();
    }
  });
});
