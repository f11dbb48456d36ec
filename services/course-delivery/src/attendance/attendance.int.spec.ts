import { Module, type INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { enrolmentContract } from '@training-ledger/contracts';
import type { MessageMetadata } from '@training-ledger/decider';
import { globalPosition, handleCommand, type EventStore } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { EVENT_STORE, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { courseDeliveryPublishedEvents } from '../published-events';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApprovedTrainees } from '../approved-trainees/approved-trainees';
import { ApprovedTraineesModule } from '../approved-trainees/approved-trainees.module';
import { CourseDeliveryConfig } from '../config';
import { COURSE_DELIVERY_JSON_BODY_LIMIT } from '../json-body-limit';
import { courseRunDecider } from '../course-runs/course-run.decider';
import type { Session } from '../course-runs/course-run.plan';
import { type CourseRunCommand, courseRunStreamName } from '../course-runs/course-run.state';
import { attendanceSheetStreamName } from './attendance-sheet.decider';
import { AttendanceModule } from './attendance.module';
import { runResultsStreamName } from './run-results.decider';

const isolated = IsolatedEnvironment.create('attendance');
const { runId: suffix, topicPrefix } = isolated;
const enrolmentTopic = `${topicPrefix}${enrolmentContract.topic}`;
const consumerGroup = `${topicPrefix}course-delivery.reads.${enrolmentContract.topic}`;

const runId = `RUN-2026-NEG-${suffix}`;
const days = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
const session = (sessionId: string, date: string, from: string, to: string): Session => ({
  sessionId,
  date,
  startsAt: `${date}T${from}:00+07:00`,
  endsAt: `${date}T${to}:00+07:00`,
});
const sessions = days.flatMap((date, day) => [
  session(`D${day + 1}-AM`, date, '08:00', '11:30'),
  session(`D${day + 1}-PM`, date, '13:30', '17:00'),
]);
const observedIn = (item: Session) => item.startsAt.replace(/T(\d\d):00:00/, (_match, hour: string) => `T${hour}:05:00`);

const programmeOffice: MessageMetadata = {
  correlationId: randomUUID(),
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
  occurredAt: '2026-10-01T08:00:00.000Z',
};

@Module({})
class AttendanceUnderTest {}

async function eventually<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('attendance, assessments and feedback of a course run over HTTP', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let eventStore: EventStore;
  let provider: string;
  let otherInstitution: string;
  let hostAgency: string;
  let sendingAgency: string;
  let otherAgency: string;
  let admin: string;
  const trainees = Array.from({ length: 85 }, (_, index) => `T-${String(index + 1).padStart(3, '0')}-${suffix}`);
  const latecomers = [`T-LATE-1-${suffix}`, `T-LATE-2-${suffix}`];
  const withdrawn = `T-WITHDRAWN-${suffix}`;

  const post = (token: string, marks: object[], key: string) =>
    request(app.getHttpServer()).post(`/runs/${runId}/attendance`).set('Idempotency-Key', key).auth(token, { type: 'bearer' }).send({ marks });
  const sheet = () => request(app.getHttpServer()).get(`/runs/${runId}/attendance`).auth(admin, { type: 'bearer' });
  const attendanceStream = async () => eventStore.readStream(attendanceSheetStreamName(runId));

  function nominationMessage(type: 'NominationApproved.v1' | 'NominationWithdrawn.v1', traineeId: string, position: bigint) {
    const ref = { nominationId: randomUUID(), runId, traineeId, agencyId: 'BNV' };
    const data =
      type === 'NominationApproved.v1'
        ? { ...ref, targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false }
        : { ...ref, reason: 'Assigned to a delegation abroad' };
    return { ref, data, position, type };
  }

  async function publishNominations(items: ReturnType<typeof nominationMessage>[]): Promise<void> {
    await producer.send({
      topic: enrolmentTopic,
      acks: -1,
      messages: items.map(({ type, data, position }) => {
        const encoded = encodeIntegrationMessage({
          eventId: randomUUID(),
          type,
          data,
          metadata: {
            correlationId: randomUUID(),
            causationId: null,
            actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
            occurredAt: '2026-10-20T08:00:00.000Z',
            recordedAt: '2026-10-20T08:00:00.100Z',
          },
          source: { service: 'enrolment', streamName: `run-nominations-${runId}`, streamPosition: position, globalPosition: globalPosition(1n, position) },
        });
        return { key: encoded.key, value: encoded.value, headers: encoded.headers };
      }),
    });
  }

  async function runCommand(command: CourseRunCommand): Promise<void> {
    await handleCommand(eventStore, courseRunDecider, { streamName: courseRunStreamName(runId), commandId: randomUUID(), command });
  }

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(CourseDeliveryConfig, {
      ...process.env,
      SERVICE_NAME: 'course-delivery',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({
      config,
      title: 'course-delivery: attendance',
      jsonBodyLimit: COURSE_DELIVERY_JSON_BODY_LIMIT,
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
    kafka = createKafkaClient({ clientId: `attendance-it-${suffix}`, brokers: config.KAFKA_BROKERS });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();

    provider = await authority.mint({ roles: ['institution-integration'], institutionId: 'HVNG', subject: 'hvng-attendance-system' });
    otherInstitution = await authority.mint({ roles: ['institution-integration'], institutionId: 'HVHCQG', subject: 'napa-attendance-system' });
    hostAgency = await authority.mint({ roles: ['agency-integration'], agencyId: 'HN', subject: 'hanoi-hr-system' });
    sendingAgency = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNV', subject: 'moha-hr-system' });
    otherAgency = await authority.mint({ roles: ['agency-integration'], agencyId: 'BTC', subject: 'mof-hr-system' });
    admin = await authority.mint({ roles: ['programme-admin'], subject: 'mofa-programme-office' });

    await runCommand({
      type: 'ScheduleCourseRun',
      data: {
        runId,
        course: {
          courseId: 'NEG-101',
          code: 'NEG-101',
          level: 'universal',
          trainingGroup: 'skills-and-style',
          format: 'in-person',
          eligibleTargetGroups: ['regular'],
          eligibleRanks: ['division-level', 'specialist'],
          completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: true, passMark: 50 },
        },
        providerInstitutionId: 'HVNG',
        hostAgencyId: 'HN',
        venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
        waitlistPolicy: 'auto-approve',
        sessions,
        lecturers: [{ lecturerId: 'L-01', name: 'Nguyễn Văn An', origin: 'vietnamese', affiliation: 'Học viện Ngoại giao' }],
        startDate: days[0]!,
        endDate: days[4]!,
        nominationDeadline: '2026-10-25',
        capacity: 100,
        agencyQuotas: [],
      },
      metadata: programmeOffice,
    });
    await runCommand({ type: 'StartCourseRun', data: { runId, today: days[0]! }, metadata: { ...programmeOffice, occurredAt: '2026-11-09T00:30:00.000Z' } });

    const approvals = [...trainees, ...latecomers, withdrawn].map((traineeId, index) =>
      nominationMessage('NominationApproved.v1', traineeId, BigInt(index)),
    );
    const withdrawal = nominationMessage('NominationWithdrawn.v1', withdrawn, BigInt(approvals.length));
    await publishNominations([...approvals, { ...withdrawal, data: { ...withdrawal.data, nominationId: approvals.at(-1)!.ref.nominationId } }]);
    const approved = app.get(ApprovedTrainees);
    await eventually('the approved nominations to arrive from enrolment', async () => {
      const ids = await approved.of(runId);
      return ids.length === trainees.length + latecomers.length ? ids : null;
    });
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    if (kafka) {
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.deleteGroups([consumerGroup]).catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    await isolated.dispose();
    authority?.dispose();
  });

  const fullWeek = trainees.flatMap((traineeId) =>
    sessions.map((item, index) => ({
      recordId: `${traineeId}/${item.sessionId}`,
      traineeId,
      sessionId: item.sessionId,
      // Every tenth trainee misses the Friday afternoon.
      status: traineeId.endsWith(`0-${suffix}`) && index === sessions.length - 1 ? 'absent' : 'present',
      observedAt: observedIn(item),
    })),
  );

  it('records 85 trainees × 10 sessions posted in one request, and shows them on the sheet', async () => {
    const roster = await request(app.getHttpServer()).get(`/runs/${runId}/roster`).auth(provider, { type: 'bearer' }).expect(200);
    expect(roster.body.traineeIds).toEqual(expect.arrayContaining(trainees));
    expect(fullWeek).toHaveLength(850);
    const response = await post(provider, fullWeek, randomUUID());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ runId, accepted: 850, alreadyRecorded: 0, refused: 0 });
    expect(await attendanceStream()).toHaveLength(850);

    const shown = await eventually('the sheet to show 850 marks', async () => {
      const read = await sheet();
      return read.status === 200 && read.body.entries.length === 850 ? read.body : null;
    });
    expect(shown.sessions.map((item: { sessionId: string }) => item.sessionId)).toEqual(sessions.map((item) => item.sessionId));
    const absent = shown.entries.filter((entry: { status: string }) => entry.status === 'absent');
    expect(absent).toHaveLength(8);
    expect(absent[0]).toMatchObject({ sessionId: 'D5-PM', postedBy: 'hvng-attendance-system', corrected: false });

    const share = await request(app.getHttpServer())
      .get(`/runs/${runId}/trainees/${trainees[9]}/attendance-share`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(share.body).toEqual({
      runId,
      traineeId: trainees[9],
      ruleVersion: 1,
      sessionsHeld: 10,
      sessionsAttended: 9,
      share: '0.9000',
      meetsAttendance: true,
      assessmentPassed: false,
      completed: false,
      reasons: ['the required assessment has no result'],
      minAttendanceShare: '0.8000',
      excusedCountsAsAttended: false,
      assessmentRequired: true,
    });

    const ofWithdrawn = await request(app.getHttpServer()).get(`/runs/${runId}/trainees/${withdrawn}/attendance-share`).auth(admin, { type: 'bearer' }).expect(200);
    expect(ofWithdrawn.body).toMatchObject({ sessionsAttended: 0, share: '0.0000', completed: false });
    expect(ofWithdrawn.body.reasons[0]).toBe('the nomination is no longer approved');
  });

  it('answers each mark of a mixed request on its own, records only the accepted ones, and replays a retry', async () => {
    const before = (await attendanceStream()).length;
    const monday = sessions[0]!;
    const [first, second] = fullWeek;
    const marks = [
      { recordId: `${latecomers[0]}/D1-AM`, traineeId: latecomers[0], sessionId: 'D1-AM', status: 'late', observedAt: '2026-11-09T08:40:00+07:00' },
      { recordId: `${latecomers[1]}/D1-AM`, traineeId: latecomers[1], sessionId: 'D1-AM', status: 'present', observedAt: '2026-11-09T01:05:00Z' },
      { ...first },
      { ...second, status: 'absent' },
      { recordId: 'second-device-scan', traineeId: first!.traineeId, sessionId: first!.sessionId, status: 'late', observedAt: observedIn(monday) },
      { recordId: 'stranger', traineeId: `T-STRANGER-${suffix}`, sessionId: 'D1-AM', status: 'present', observedAt: observedIn(monday) },
      { recordId: 'withdrawn', traineeId: withdrawn, sessionId: 'D1-AM', status: 'present', observedAt: observedIn(monday) },
      { recordId: 'no-such-session', traineeId: latecomers[0], sessionId: 'D6-AM', status: 'present', observedAt: observedIn(monday) },
      { recordId: 'at-night', traineeId: latecomers[1], sessionId: 'D1-PM', status: 'present', observedAt: '2026-11-09T22:00:00+07:00' },
    ];
    const key = randomUUID();
    const response = await post(provider, marks, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 2, alreadyRecorded: 1, refused: 6 });
    expect(response.body.items.filter((item: { kind?: string }) => item.kind === 'conflict')).toHaveLength(2);
    expect(response.body.items.map((item: { result: string; rule?: string }) => item.rule ?? item.result)).toEqual([
      'accepted',
      'accepted',
      'already-recorded',
      'record-id-used-once',
      'trainee-marked-once-per-session',
      'trainee-approved-for-run',
      'trainee-approved-for-run',
      'session-of-this-run',
      'observed-within-session',
    ]);
    expect(response.body.items[3]).toMatchObject({ result: 'refused', kind: 'conflict', status: 409, field: 'recordId' });
    expect(response.body.items[4]).toMatchObject({ result: 'refused', kind: 'conflict', status: 409, field: 'traineeId' });
    expect(response.body.items[7]).toMatchObject({ result: 'refused', kind: 'not-found', status: 404, field: 'sessionId' });
    expect(response.body.items[8]).toMatchObject({ result: 'refused', kind: 'invalid', status: 422, field: 'observedAt' });
    expect(await attendanceStream()).toHaveLength(before + 2);

    const retried = await post(provider, marks, key);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(response.body);
    expect(await attendanceStream()).toHaveLength(before + 2);

    // Record ids are unique per poster: the host agency's system sending the institution's record id
    // is one more mark of a cell already marked, not a repeat.
    const byHost = await post(hostAgency, [{ ...first }], randomUUID());
    expect(byHost.body).toMatchObject({ accepted: 0, alreadyRecorded: 0, refused: 1 });
    expect(byHost.body.items[0]).toMatchObject({ kind: 'conflict', rule: 'trainee-marked-once-per-session' });
    expect(await attendanceStream()).toHaveLength(before + 2);

    const reusedKey = await post(provider, marks.slice(0, 1), key);
    expect(reusedKey.status).toBe(422);
  });

  it('corrects a mark, naming who corrected it and why, and the sheet and share follow', async () => {
    const traineeId = trainees[19]!;
    const corrected = await request(app.getHttpServer())
      .post(`/runs/${runId}/attendance/corrections`)
      .auth(admin, { type: 'bearer' })
      .send({ sessionId: 'D5-PM', traineeId, newStatus: 'excused', reason: 'Summoned to a ministry meeting; letter on file' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toEqual({ recorded: ['AttendanceCorrected.v1'] });
    const last = (await attendanceStream()).at(-1)!;
    expect(last).toMatchObject({
      type: 'AttendanceCorrected.v1',
      data: { runId, sessionId: 'D5-PM', traineeId, previousStatus: 'absent', newStatus: 'excused', correctedBy: 'mofa-programme-office' },
    });

    const cell = await eventually('the correction to reach the sheet', async () => {
      const read = await sheet();
      const found = read.body.entries?.find((entry: { traineeId: string; sessionId: string }) => entry.traineeId === traineeId && entry.sessionId === 'D5-PM');
      return found?.corrected ? found : null;
    });
    expect(cell).toMatchObject({ status: 'excused', correctedBy: 'mofa-programme-office', correctionReason: 'Summoned to a ministry meeting; letter on file' });

    const byProvider = await request(app.getHttpServer())
      .post(`/runs/${runId}/attendance/corrections`)
      .auth(provider, { type: 'bearer' })
      .send({ sessionId: 'D5-PM', traineeId, newStatus: 'present', reason: 'Signed in late at the back door' });
    expect(byProvider.status).toBe(200);
    const share = await eventually('the share to count the corrected session', async () => {
      const read = await request(app.getHttpServer()).get(`/runs/${runId}/trainees/${traineeId}/attendance-share`).auth(provider, { type: 'bearer' });
      return read.body.sessionsAttended === 10 ? read.body : null;
    });
    expect(share.share).toBe('1.0000');
    const history = await eventually('the second correction to reach the cell history', async () => {
      const read = await request(app.getHttpServer())
        .get(`/runs/${runId}/attendance/history`)
        .query({ sessionId: 'D5-PM', traineeId })
        .auth(admin, { type: 'bearer' });
      return read.body.steps?.length === 3 ? read.body : null;
    });
    expect(history.steps).toEqual([
      expect.objectContaining({ kind: 'recorded', status: 'absent', previousStatus: null, reason: null }),
      expect.objectContaining({ kind: 'corrected', status: 'excused', previousStatus: 'absent', by: 'mofa-programme-office', reason: 'Summoned to a ministry meeting; letter on file' }),
      expect.objectContaining({ kind: 'corrected', status: 'present', previousStatus: 'excused', reason: 'Signed in late at the back door' }),
    ]);
    const unmarkedHistory = await request(app.getHttpServer())
      .get(`/runs/${runId}/attendance/history`)
      .query({ sessionId: 'D5-PM', traineeId: latecomers[0] })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(unmarkedHistory.body.steps).toEqual([]);

    const noReason = await request(app.getHttpServer())
      .post(`/runs/${runId}/attendance/corrections`)
      .auth(admin, { type: 'bearer' })
      .send({ sessionId: 'D5-PM', traineeId, newStatus: 'absent', reason: '' });
    expect(noReason.status).toBe(400);
    const unmarked = await request(app.getHttpServer())
      .post(`/runs/${runId}/attendance/corrections`)
      .auth(admin, { type: 'bearer' })
      .send({ sessionId: 'D5-PM', traineeId: latecomers[0], newStatus: 'present', reason: 'Was there' });
    expect(unmarked.status).toBe(404);
    expect(unmarked.body).toMatchObject({ rule: 'attendance-must-exist' });
  });

  it('refuses callers not allowed on the run and postings without an Idempotency-Key, writing nothing', async () => {
    const before = (await attendanceStream()).length;
    const mark = { recordId: 'x', traineeId: latecomers[0], sessionId: 'D2-AM', status: 'present', observedAt: observedIn(sessions[2]!) };
    for (const token of [otherInstitution, sendingAgency, otherAgency]) {
      const refused = await post(token, [mark], randomUUID());
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ rule: 'attendance-poster-of-run' });
    }
    expect((await post(admin, [mark], randomUUID())).status).toBe(403);
    const correction = await request(app.getHttpServer())
      .post(`/runs/${runId}/attendance/corrections`)
      .auth(otherInstitution, { type: 'bearer' })
      .send({ sessionId: 'D1-AM', traineeId: trainees[0], newStatus: 'absent', reason: 'Left early' });
    expect(correction.status).toBe(403);
    expect((await request(app.getHttpServer()).get(`/runs/${runId}/attendance`).auth(otherAgency, { type: 'bearer' })).status).toBe(403);

    const noKey = await request(app.getHttpServer()).post(`/runs/${runId}/attendance`).auth(provider, { type: 'bearer' }).send({ marks: [mark] });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0]).toMatchObject({ field: 'idempotency-key' });
    const badMark = await post(provider, [{ ...mark, status: 'asleep' }], randomUUID());
    expect(badMark.status).toBe(400);
    expect(badMark.body.errors[0]).toMatchObject({ field: 'marks[0].status' });
    const unknownRun = await request(app.getHttpServer())
      .post(`/runs/RUN-NOWHERE-${suffix}/attendance`)
      .set('Idempotency-Key', randomUUID())
      .auth(provider, { type: 'bearer' })
      .send({ marks: [mark] });
    expect(unknownRun.status).toBe(404);
    expect(await attendanceStream()).toHaveLength(before);
  });

  it('records assessments from the delivering institution and feedback from a sending agency only', async () => {
    const assess = (token: string, body: object) =>
      request(app.getHttpServer()).post(`/runs/${runId}/assessments`).auth(token, { type: 'bearer' }).send(body);
    const passing = { traineeId: trainees[0], score: 78, maxScore: 100, passed: true };
    await assess(provider, passing).expect(200, { recorded: ['AssessmentRecorded.v1'] });
    await assess(provider, passing).expect(200, { recorded: [] });
    expect((await assess(otherInstitution, { ...passing, traineeId: trainees[1] })).status).toBe(403);
    const wrongVerdict = await assess(admin, { traineeId: trainees[1], score: 40, maxScore: 100, passed: true });
    expect(wrongVerdict.status).toBe(422);
    expect(wrongVerdict.body).toMatchObject({ rule: 'passed-follows-pass-mark' });
    const stranger = await assess(admin, { traineeId: `T-STRANGER-${suffix}`, score: 60, maxScore: 100, passed: true });
    expect(stranger.body).toMatchObject({ rule: 'trainee-approved-for-run' });

    const feedback = (token: string, body: object) =>
      request(app.getHttpServer()).post(`/runs/${runId}/feedback`).auth(token, { type: 'bearer' }).send(body);
    const rated = { feedbackId: randomUUID(), from: 'agency', ratings: { content: 5, lecturers: 4, organisation: 4 }, comment: 'Useful simulation' };
    await feedback(sendingAgency, rated).expect(200, { recorded: ['FeedbackSubmitted.v1'] });
    const notSending = await feedback(otherAgency, { ...rated, feedbackId: randomUUID() });
    expect(notSending.status).toBe(403);
    expect(notSending.body).toMatchObject({ rule: 'feedback-from-sending-agency' });
    const outOfScale = await feedback(admin, { ...rated, feedbackId: randomUUID(), agencyId: 'BNV', ratings: { content: 6, lecturers: 4, organisation: 4 } });
    expect(outOfScale.status).toBe(400);

    const standing = await request(app.getHttpServer()).get(`/runs/${runId}/trainees/${trainees[0]}/attendance-share`).auth(provider, { type: 'bearer' }).expect(200);
    expect(standing.body).toMatchObject({ share: '1.0000', meetsAttendance: true, assessmentPassed: true, completed: true, reasons: [] });

    const results = await eventStore.readStream(runResultsStreamName(runId));
    expect(results.map((event) => event.type)).toEqual(['AssessmentRecorded.v1', 'FeedbackSubmitted.v1']);
    expect(results[1]).toMatchObject({ data: { agencyId: 'BNV', from: 'agency', comment: 'Useful simulation' } });
  });

  it('sees an approval and a withdrawal that arrive after it kept the run\'s approved trainees', async () => {
    const approved = app.get(ApprovedTrainees);
    const newcomer = `T-LATE-3-${suffix}`;
    expect(await approved.among(runId, [trainees[0]!, newcomer])).toEqual([trainees[0]]);
    const approval = nominationMessage('NominationApproved.v1', newcomer, 1_000n);
    await publishNominations([approval]);
    await eventually('the late approval to count', async () => ((await approved.among(runId, [newcomer])).length === 1 ? true : null));
    const withdrawal = nominationMessage('NominationWithdrawn.v1', newcomer, 1_001n);
    await publishNominations([{ ...withdrawal, data: { ...withdrawal.data, nominationId: approval.ref.nominationId } }]);
    await eventually('the withdrawal to count', async () => ((await approved.among(runId, [newcomer])).length === 0 ? true : null));
    expect(await approved.of(runId)).not.toContain(newcomer);
  });
});
