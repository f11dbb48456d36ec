import { Module, type INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { enrolmentContract } from '@training-ledger/contracts';
import type { MessageMetadata } from '@training-ledger/decider';
import { globalPosition, handleCommand, type EventStore } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { EVENT_STORE, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { eventually, IsolatedEnvironment } from '@training-ledger/test-servers';
import { type Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApprovedTrainees } from '../approved-trainees/approved-trainees';
import { ApprovedTraineesModule } from '../approved-trainees/approved-trainees.module';
import { CourseDeliveryConfig } from '../config';
import { courseRunDecider } from '../course-runs/course-run.decider';
import { type CourseRunCommand, courseRunStreamName } from '../course-runs/course-run.state';
import { courseDeliveryPublishedEvents } from '../published-events';
import { attendanceSheetStreamName } from './attendance-sheet.decider';
import { AttendanceModule } from './attendance.module';
import { runResultsStreamName } from './run-results.decider';

const isolated = IsolatedEnvironment.create('attendance-bulk');
const { runId: suffix, topicPrefix } = isolated;
const runId = `RUN-2027-BULK-${suffix}`;
const days = ['2027-03-08', '2027-03-09'];
const sessions = days.flatMap((date, day) => [
  { sessionId: `S${2 * day + 1}`, date, startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T11:30:00+07:00` },
  { sessionId: `S${2 * day + 2}`, date, startsAt: `${date}T13:30:00+07:00`, endsAt: `${date}T17:00:00+07:00` },
]);
const trainees = Array.from({ length: 6 }, (_, index) => `T-${index}-${suffix}`);
const stranger = `T-STRANGER-${suffix}`;
const office: MessageMetadata = {
  correlationId: randomUUID(),
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
  occurredAt: '2027-02-01T08:00:00.000Z',
};

@Module({})
class AttendanceUnderTest {}

/** Many corrections and many assessments of one run, each in one request, against the real servers. */
describe('attendance corrections and assessments of a run in bulk over HTTP', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let kafka: Kafka;
  let eventStore: EventStore;
  let provider: string;
  let otherInstitution: string;
  let hostAgency: string;
  let admin: string;

  const runCommand = (command: CourseRunCommand) =>
    handleCommand(eventStore, courseRunDecider, { streamName: courseRunStreamName(runId), commandId: randomUUID(), command });
  const bulk = (path: string, token: string, body: object, key: string) =>
    request(app.getHttpServer()).post(`/runs/${runId}/${path}`).set('Idempotency-Key', key).auth(token, { type: 'bearer' }).send(body);
  const correct = (token: string, corrections: object[], key: string) => bulk('attendance/corrections/bulk', token, { corrections }, key);
  const assess = (token: string, assessments: object[], key: string) => bulk('assessments/bulk', token, { assessments }, key);

  async function approveOverKafka(traineeIds: readonly string[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: `${topicPrefix}${enrolmentContract.topic}`,
      messages: traineeIds.map((traineeId, index) => {
        const encoded = encodeIntegrationMessage({
          eventId: randomUUID(),
          type: 'NominationApproved.v1',
          data: { nominationId: randomUUID(), runId, traineeId, agencyId: 'BNV', targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
          metadata: { ...office, causationId: null, recordedAt: office.occurredAt },
          source: { service: 'enrolment', streamName: `run-nominations-${runId}`, streamPosition: BigInt(index), globalPosition: globalPosition(1n, BigInt(index)) },
        });
        return { key: encoded.key, value: encoded.value, headers: encoded.headers };
      }),
    });
    await producer.disconnect();
  }

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(CourseDeliveryConfig, { ...process.env, SERVICE_NAME: 'course-delivery', AUTH_JWKS_FILE: authority.jwksFile, ...isolated.settings, LOG_LEVEL: 'warn' });
    app = await createServiceApp({
      config,
      title: 'course-delivery: attendance in bulk',
      module: {
        module: AttendanceUnderTest,
        imports: [
          ServiceRuntimeModule.forRoot({ service: 'course-delivery', config, publish: { mapper: courseDeliveryPublishedEvents } }),
          ApprovedTraineesModule,
          AttendanceModule,
        ],
      },
    });
    await app.init();
    eventStore = app.get<EventStore>(EVENT_STORE);
    kafka = createKafkaClient({ clientId: `attendance-bulk-it-${suffix}`, brokers: config.KAFKA_BROKERS });
    provider = await authority.mint({ roles: ['institution-integration'], institutionId: 'HVNG', subject: 'hvng-attendance-system' });
    otherInstitution = await authority.mint({ roles: ['institution-integration'], institutionId: 'HVHCQG', subject: 'napa-attendance-system' });
    hostAgency = await authority.mint({ roles: ['agency-integration'], agencyId: 'HN', subject: 'hanoi-hr-system' });
    admin = await authority.mint({ roles: ['programme-admin'], subject: 'mofa-programme-office' });

    await runCommand({
      type: 'ScheduleCourseRun',
      data: {
        runId,
        course: {
          courseId: 'NEG-201',
          code: 'NEG-201',
          level: 'universal',
          trainingGroup: 'skills-and-style',
          format: 'in-person',
          eligibleTargetGroups: ['regular'],
          eligibleRanks: ['specialist'],
          completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: true, passMark: 50 },
        },
        providerInstitutionId: 'HVNG',
        hostAgencyId: 'HN',
        venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
        waitlistPolicy: 'auto-approve',
        sessions,
        lecturers: [{ lecturerId: 'L-01', name: 'Nguyễn Văn An', origin: 'vietnamese', affiliation: 'Học viện Ngoại giao' }],
        startDate: days[0]!,
        endDate: days[1]!,
        nominationDeadline: '2027-02-20',
        capacity: 20,
        agencyQuotas: [],
      },
      metadata: office,
    });
    await runCommand({ type: 'StartCourseRun', data: { runId, today: days[0]! }, metadata: { ...office, occurredAt: '2027-03-08T00:30:00.000Z' } });
    await approveOverKafka(trainees);
    const approved = app.get(ApprovedTrainees);
    await eventually('the approved nominations to arrive from enrolment', async () => ((await approved.of(runId)).length === trainees.length ? true : null));

    // Every trainee but the last is marked present at every session.
    const marks = trainees.slice(0, -1).flatMap((traineeId) =>
      sessions.map((session) => ({ recordId: `${traineeId}/${session.sessionId}`, traineeId, sessionId: session.sessionId, status: 'present', observedAt: session.startsAt })),
    );
    const posted = await bulk('attendance', provider, { marks }, randomUUID()).expect(200);
    expect(posted.body).toMatchObject({ accepted: marks.length, refused: 0 });
  });

  afterAll(async () => {
    await app?.close();
    if (kafka) {
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.deleteGroups([`${topicPrefix}course-delivery.reads.${enrolmentContract.topic}`]).catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    await isolated.dispose();
    authority?.dispose();
  });

  it('decides each correction in order on the sheet the earlier ones left, records the accepted ones together, and replays a retry', async () => {
    const sheetBefore = (await eventStore.readStream(attendanceSheetStreamName(runId))).length;
    const [first, second, , , , unmarked] = trainees;
    const corrections = [
      { sessionId: 'S1', traineeId: first, newStatus: 'absent', reason: 'Signed in for a colleague' },
      { sessionId: 'S1', traineeId: first, newStatus: 'absent', reason: 'Sent twice by the register' },
      { sessionId: 'S1', traineeId: unmarked, newStatus: 'present', reason: 'Was there' },
      { sessionId: 'S3', traineeId: second, newStatus: 'excused', reason: 'Summoned to a ministry meeting; letter on file' },
      { sessionId: 'S1', traineeId: first, newStatus: 'present', reason: 'The register was right after all' },
    ];
    const key = randomUUID();
    const response = await correct(provider, corrections, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ runId, accepted: 3, alreadyRecorded: 1, refused: 1 });
    expect(response.body.items.map((item: { index: number; traineeId: string; result: string; rule?: string }) => [item.index, item.traineeId, item.rule ?? item.result])).toEqual([
      [0, first, 'accepted'],
      [1, first, 'already-recorded'],
      [2, unmarked, 'attendance-must-exist'],
      [3, second, 'accepted'],
      [4, first, 'accepted'],
    ]);
    expect(response.body.items[2]).toMatchObject({ sessionId: 'S1', status: 404, field: 'traineeId', kind: 'not-found' });
    const recorded = (await eventStore.readStream(attendanceSheetStreamName(runId))).slice(sheetBefore);
    expect(recorded.map(({ type, data }) => [type, data])).toEqual([
      ['AttendanceCorrected.v1', expect.objectContaining({ traineeId: first, previousStatus: 'present', newStatus: 'absent', sessionDate: days[0], correctedBy: 'hvng-attendance-system' })],
      ['AttendanceCorrected.v1', expect.objectContaining({ traineeId: second, previousStatus: 'present', newStatus: 'excused', sessionDate: days[1] })],
      ['AttendanceCorrected.v1', expect.objectContaining({ traineeId: first, previousStatus: 'absent', newStatus: 'present', reason: 'The register was right after all' })],
    ]);
    expect(new Set(recorded.map((event) => event.metadata.causationId)).size).toBe(1);

    const retried = await correct(provider, corrections, key);
    expect(retried.body).toEqual(response.body);
    expect(await eventStore.readStream(attendanceSheetStreamName(runId))).toHaveLength(sheetBefore + 3);
    expect((await correct(provider, corrections.slice(0, 1), key)).status).toBe(422);

    const byOffice = await correct(admin, [{ sessionId: 'S4', traineeId: second, newStatus: 'late', reason: 'Arrived after the break' }], randomUUID());
    expect(byOffice.body).toMatchObject({ accepted: 1, items: [{ result: 'accepted' }] });
  });

  it('refuses a bad correction body naming the item and field, and a caller not allowed on the run, recording nothing', async () => {
    const sheetBefore = (await eventStore.readStream(attendanceSheetStreamName(runId))).length;
    const valid = { sessionId: 'S2', traineeId: trainees[2], newStatus: 'absent', reason: 'Left before noon' };
    const badStatus = await correct(provider, [valid, { ...valid, newStatus: 'asleep' }], randomUUID());
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors).toEqual([expect.objectContaining({ field: 'corrections[1].newStatus' })]);
    const noReason = await correct(provider, [{ ...valid, reason: '' }], randomUUID());
    expect(noReason.body.errors[0]).toMatchObject({ field: 'corrections[0].reason' });
    expect((await correct(provider, [], randomUUID())).body.errors[0]).toMatchObject({ field: 'corrections' });
    const noKey = await request(app.getHttpServer()).post(`/runs/${runId}/attendance/corrections/bulk`).auth(provider, { type: 'bearer' }).send({ corrections: [valid] });
    expect(noKey.body.errors[0]).toMatchObject({ field: 'idempotency-key' });
    const notItsRun = await correct(otherInstitution, [valid], randomUUID());
    expect(notItsRun.status).toBe(403);
    expect(notItsRun.body).toMatchObject({ rule: 'attendance-poster-of-run' });
    expect(await eventStore.readStream(attendanceSheetStreamName(runId))).toHaveLength(sheetBefore);
  });

  it('records assessments in bulk, each judged as one is, and replays a retry', async () => {
    const [first, second, third] = trainees;
    const assessments = [
      { traineeId: first, score: 78, maxScore: 100, passed: true },
      { traineeId: second, score: 40, maxScore: 100, passed: true },
      { traineeId: stranger, score: 90, maxScore: 100, passed: true },
      { traineeId: third, score: 49.5, maxScore: 100, passed: false },
      { traineeId: first, score: 78, maxScore: 100, passed: true },
    ];
    const key = randomUUID();
    const response = await assess(provider, assessments, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ runId, accepted: 2, alreadyRecorded: 1, refused: 2 });
    expect(response.body.items.map((item: { traineeId: string; result: string; rule?: string }) => [item.traineeId, item.rule ?? item.result])).toEqual([
      [first, 'accepted'],
      [second, 'passed-follows-pass-mark'],
      [stranger, 'trainee-approved-for-run'],
      [third, 'accepted'],
      [first, 'already-recorded'],
    ]);
    expect(response.body.items[1]).toMatchObject({ status: 422, field: 'passed', kind: 'invalid' });
    const results = await eventStore.readStream(runResultsStreamName(runId));
    expect(results.map((event) => [event.type, event.data])).toEqual([
      ['AssessmentRecorded.v1', { runId, traineeId: first, score: 78, maxScore: 100, passed: true }],
      ['AssessmentRecorded.v1', { runId, traineeId: third, score: 49.5, maxScore: 100, passed: false }],
    ]);

    expect((await assess(provider, assessments, key)).body).toEqual(response.body);
    expect(await eventStore.readStream(runResultsStreamName(runId))).toHaveLength(2);
    const listed = await request(app.getHttpServer()).get(`/runs/${runId}/assessments`).auth(admin, { type: 'bearer' }).expect(200);
    expect(listed.body.assessments.map((assessment: { traineeId: string }) => assessment.traineeId).sort()).toEqual([first, third].sort());
  });

  it('refuses a bad assessment body naming the item and field, and callers who do not assess the run, recording nothing', async () => {
    const valid = { traineeId: trainees[3], score: 60, maxScore: 100, passed: true };
    const zeroScale = await assess(provider, [valid, { ...valid, maxScore: 0 }], randomUUID());
    expect(zeroScale.status).toBe(400);
    expect(zeroScale.body.errors[0]).toMatchObject({ field: 'assessments[1].maxScore' });
    expect((await assess(otherInstitution, [valid], randomUUID())).body).toMatchObject({ rule: 'assessor-of-run' });
    expect((await assess(hostAgency, [valid], randomUUID())).status).toBe(403);
    const noKey = await request(app.getHttpServer()).post(`/runs/${runId}/assessments/bulk`).auth(provider, { type: 'bearer' }).send({ assessments: [valid] });
    expect(noKey.status).toBe(400);
    expect(await eventStore.readStream(runResultsStreamName(runId))).toHaveLength(2);
  });
});
