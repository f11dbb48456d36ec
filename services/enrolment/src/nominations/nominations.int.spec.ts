import type { INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { globalPosition, PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EnrolmentConfig } from '../config';
import { EnrolmentModule } from '../enrolment.module';

/**
 * Cử cán bộ (nominations) through the HTTP API, against real PostgreSQL, Kafka and FerretDB:
 * the course run arrives from course-delivery over Kafka, trainees are in the log, agencies post.
 */
describe('nominations (cử cán bộ) over HTTP', () => {
  const isolated = IsolatedEnvironment.create('nominations');
  const { runId, topicPrefix: prefix, schema } = isolated;
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let store: PostgresEventStore;
  let kafka: Kafka;
  let admin: string;
  let moha: string;
  let mofa: string;

  const courseRun = (id: string, capacity: number, overrides: Record<string, unknown> = {}) => ({
    runId: id,
    courseId: 'COURSE-NEGOTIATION',
    courseCode: 'UNI-NEG-01',
    level: 'universal',
    trainingGroup: 'skills-and-style',
    format: 'in-person',
    providerInstitutionId: 'HVNG',
    hostAgencyId: null,
    venue: 'Học viện Ngoại giao, Hà Nội',
    startDate: '2027-03-01',
    endDate: '2027-03-05',
    nominationDeadline: '2027-02-15',
    capacity,
    agencyQuotas: [],
    waitlistPolicy: 'auto-approve',
    eligibleTargetGroups: ['regular'],
    eligibleRanks: ['director-general', 'deputy-director-general', 'division-level', 'specialist'],
    completionRule: {
      ruleVersion: 1,
      minAttendanceShare: '0.8000',
      excusedCountsAsAttended: false,
      assessmentRequired: false,
      passMark: null,
    },
    sessions: [],
    lecturers: [],
    ...overrides,
  });

  async function publishRunScheduled(data: ReturnType<typeof courseRun>): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    const encoded = encodeIntegrationMessage({
      eventId: randomUUID(),
      type: 'CourseRunScheduled.v1',
      data,
      metadata: {
        correlationId: randomUUID(),
        causationId: null,
        actor: { id: 'mofa-office', roles: ['programme-admin'], agencyId: null },
        occurredAt: '2026-11-01T08:00:00.000Z',
        recordedAt: '2026-11-01T08:00:00.100Z',
      },
      source: { service: 'course-delivery', streamName: `run-${data.runId}`, streamPosition: 0n, globalPosition: globalPosition(1n, 1n) },
    });
    await producer.send({
      topic: `${prefix}course-delivery.events.v1`,
      messages: [{ key: encoded.key, value: encoded.value, headers: encoded.headers }],
    });
    await producer.disconnect();
    await eventually(async () => {
      const response = await nominate(admin, data.runId, [{ traineeId: 'nobody' }], randomUUID(), 'BNV');
      return response.status === 200 ? true : null;
    });
  }

  async function registerTrainees(agencyId: string, count: number, targetGroup: 'regular' | 'non-regular'): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const traineeId = randomUUID();
      ids.push(traineeId);
      await store.appendToStream(
        `trainee-${traineeId}`,
        [
          {
            type: 'TraineeRegistered.v1',
            data: { traineeId, agencyId, targetGroup, rank: 'specialist', leadership: false, sector: null },
            metadata: {
              correlationId: randomUUID(),
              actor: { id: `${agencyId}-hr`, roles: ['agency-integration'], agencyId },
              occurredAt: '2026-10-01T08:00:00.000Z',
            },
          },
        ],
        { expectedVersion: 'no_stream' },
      );
    }
    return ids;
  }

  const nominate = (token: string, run: string, nominations: object[], key: string, agencyId?: string) =>
    request(app.getHttpServer())
      .post(`/runs/${run}/nominations`)
      .set('Idempotency-Key', key)
      .auth(token, { type: 'bearer' })
      .send(agencyId ? { agencyId, nominations } : { nominations });

  const act = (token: string, run: string, nominationId: string, action: string, body: object = {}) =>
    request(app.getHttpServer()).post(`/runs/${run}/nominations/${nominationId}/${action}`).auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: EnrolmentModule.forRoot(config), title: 'enrolment' });
    await app.init();
    store = await PostgresEventStore.create({ connectionString: process.env.DATABASE_URL!, schema });
    kafka = createKafkaClient({ clientId: `nominations-test-${runId}`, brokers: process.env.KAFKA_BROKERS!.split(',') });
    admin = await authority.mint({ roles: ['programme-admin'] });
    moha = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNV' });
    mofa = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNG' });
    for (const [code, nameVi, nameEn] of [
      ['BNV', 'Bộ Nội vụ', 'Ministry of Home Affairs'],
      ['BNG', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'],
    ]) {
      await request(app.getHttpServer()).post('/agencies').auth(admin, { type: 'bearer' }).send({ code, nameVi, nameEn, kind: 'ministry' }).expect(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await isolated.dispose();
    authority?.dispose();
  });

  it('takes a bulk of 500 nominations with mixed rows, recording exactly the valid ones, and answers a retry with the first result', async () => {
    const run = `RUN-BULK-${runId}`;
    await publishRunScheduled(courseRun(run, 1_000));
    const valid = await registerTrainees('BNV', 420, 'regular');
    const wrongGroup = await registerTrainees('BNV', 40, 'non-regular');
    const otherAgency = await registerTrainees('BNG', 20, 'regular');
    const rows = [
      ...valid.map((traineeId) => ({ traineeId })),
      ...wrongGroup.map((traineeId) => ({ traineeId })),
      ...otherAgency.map((traineeId) => ({ traineeId })),
      ...Array.from({ length: 10 }, () => ({ traineeId: randomUUID() })),
      ...valid.slice(0, 10).map((traineeId) => ({ traineeId })),
    ];
    expect(rows).toHaveLength(500);
    const key = randomUUID();

    const response = await nominate(moha, run, rows, key);
    expect(response.status).toBe(200);
    // A trainee named twice in one request is one nomination: the second row reports it as already submitted.
    expect(response.body).toMatchObject({ accepted: 420, alreadyRecorded: 10, refused: 70 });
    const refusedBy = (rule: string) => response.body.items.filter((item: { rule?: string }) => item.rule === rule).length;
    expect(refusedBy('target-group-admitted')).toBe(40);
    expect(refusedBy('trainee-belongs-to-agency')).toBe(20);
    expect(refusedBy('trainee-must-exist')).toBe(10);
    expect(response.body.items[440]).toMatchObject({ result: 'refused', status: 422, field: 'targetGroup' });
    expect(response.body.items[460]).toMatchObject({ result: 'refused', status: 403, field: 'traineeId' });

    const stream = await store.readStream(`run-nominations-${run}`);
    expect(stream).toHaveLength(420);

    const retried = await nominate(moha, run, rows, key);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(response.body);
    expect(await store.readStream(`run-nominations-${run}`)).toHaveLength(420);

    const reused = await nominate(moha, run, rows.slice(0, 5), key);
    expect(reused.status).toBe(422);

    const again = await nominate(moha, run, [{ traineeId: valid[0] }], randomUUID());
    expect(again.body.items[0]).toMatchObject({ result: 'refused', status: 409, rule: 'trainee-nominated-once-per-run' });
    expect(await store.readStream(`run-nominations-${run}`)).toHaveLength(420);

    const listed = await eventually(async () => {
      const list = await request(app.getHttpServer()).get(`/runs/${run}/nominations`).auth(moha, { type: 'bearer' });
      return list.body.length === 420 ? list.body : null;
    });
    expect(listed.every((entry: { status: string; agencyId: string }) => entry.status === 'submitted' && entry.agencyId === 'BNV')).toBe(true);
    const seenByOtherAgency = await request(app.getHttpServer()).get(`/runs/${run}/nominations`).auth(mofa, { type: 'bearer' });
    expect(seenByOtherAgency.body).toEqual([]);
  });

  it('checks rows of an import before submitting them: an outcome per row, and nothing appended', async () => {
    const run = `RUN-CHECK-${runId}`;
    await publishRunScheduled(courseRun(run, 10));
    const [first, second] = await registerTrainees('BNV', 2, 'regular');
    const [nonRegular] = await registerTrainees('BNV', 1, 'non-regular');
    const nominationId = randomUUID();
    await nominate(moha, run, [{ traineeId: first, nominationId }], randomUUID()).expect(200);
    const check = (token: string, rows: object[]) =>
      request(app.getHttpServer()).post('/agencies/BNV/nominations/check').auth(token, { type: 'bearer' }).send({ rows });

    const secondId = randomUUID();
    const checked = await check(moha, [
      { runId: run, traineeId: first, nominationId },
      { runId: run, traineeId: second, nominationId: secondId },
      { runId: run, traineeId: second, nominationId: randomUUID() },
      { runId: run, traineeId: nonRegular },
      { runId: run, traineeId: 'nobody' },
      { runId: 'RUN-NOWHERE', traineeId: second },
      { runId: run, traineeId: second, nominationId: 'not-a-uuid' },
    ]).expect(200);
    expect(checked.body).toMatchObject({ accepted: 1, alreadyRecorded: 1, refused: 5 });
    expect(checked.body.items).toEqual([
      { index: 0, result: 'already-recorded', subjectId: nominationId },
      { index: 1, result: 'accepted', subjectId: secondId },
      // Decided on the rows before it: the trainee is nominated by row 2 already.
      expect.objectContaining({ index: 2, result: 'refused', status: 409, rule: 'trainee-nominated-once-per-run' }),
      expect.objectContaining({ index: 3, result: 'refused', status: 422, field: 'targetGroup' }),
      expect.objectContaining({ index: 4, result: 'refused', status: 404, rule: 'trainee-must-exist' }),
      expect.objectContaining({ index: 5, result: 'refused', status: 404, rule: 'run-must-exist' }),
      expect.objectContaining({ index: 6, result: 'refused', status: 400, kind: 'invalid', errors: [{ field: 'nominationId', reason: 'nominationId must be a UUID' }] }),
    ]);
    expect(await store.readStream(`run-nominations-${run}`)).toHaveLength(1);
    expect((await check(mofa, [{ runId: run, traineeId: second }])).status).toBe(403);
  });

  it('lets exactly one of two approvals racing for the last seat win; the other gets 409', async () => {
    const run = `RUN-RACE-${runId}`;
    await publishRunScheduled(courseRun(run, 3));
    const trainees = await registerTrainees('BNV', 4, 'regular');
    const submitted = await nominate(moha, run, trainees.map((traineeId) => ({ traineeId })), randomUUID());
    const ids: string[] = submitted.body.items.map((item: { nominationId: string }) => item.nominationId);
    await act(admin, run, ids[0], 'approve').expect(200);
    await act(admin, run, ids[1], 'approve').expect(200);

    const [first, second] = await Promise.all([act(admin, run, ids[2], 'approve'), act(admin, run, ids[3], 'approve')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((response) => response.status === 409)!.body).toMatchObject({ rule: 'run-capacity-reached' });
    const approved = (await store.readStream(`run-nominations-${run}`)).filter((event) => event.type === 'NominationApproved.v1');
    expect(approved).toHaveLength(3);
  });

  it('takes a list of decisions in order, within capacity, recorded together, and answers a retry with the first result', async () => {
    const run = `RUN-DECISIONS-${runId}`;
    await publishRunScheduled(courseRun(run, 3));
    const trainees = await registerTrainees('BNV', 6, 'regular');
    const submitted = await nominate(moha, run, trainees.map((traineeId) => ({ traineeId })), randomUUID());
    const ids: string[] = submitted.body.items.map((item: { nominationId: string }) => item.nominationId);
    const decide = (token: string, decisions: object[], key: string) =>
      request(app.getHttpServer()).post(`/runs/${run}/nominations/decisions`).set('Idempotency-Key', key).auth(token, { type: 'bearer' }).send({ decisions });
    const decisions = [
      { nominationId: ids[0], decision: 'approve' },
      { nominationId: ids[1], decision: 'reject', reason: 'Not in the target group of this course' },
      { nominationId: ids[2], decision: 'approve' },
      { nominationId: ids[3], decision: 'waitlist' },
      { nominationId: ids[4], decision: 'approve' },
      { nominationId: ids[5], decision: 'approve' },
      { nominationId: ids[0], decision: 'approve' },
      { nominationId: randomUUID(), decision: 'approve' },
    ];
    const before = (await store.readStream(`run-nominations-${run}`)).length;
    const key = randomUUID();

    const response = await decide(admin, decisions, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ runId: run, accepted: 5, alreadyRecorded: 1, refused: 2 });
    expect(response.body.items.map((item: { result: string }) => item.result)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'refused',
      'already-recorded',
      'refused',
    ]);
    expect(response.body.items[5]).toMatchObject({ status: 409, rule: 'run-capacity-reached' });
    expect(response.body.items[7]).toMatchObject({ status: 404 });
    const recorded = (await store.readStream(`run-nominations-${run}`)).slice(before);
    expect(recorded.map((event) => event.type)).toEqual([
      'NominationApproved.v1',
      'NominationRejected.v1',
      'NominationApproved.v1',
      'NominationWaitlisted.v1',
      'NominationApproved.v1',
    ]);
    expect(new Set(recorded.map((event) => event.globalPosition.split(':')[0])).size).toBe(1);

    const retried = await decide(admin, decisions, key);
    expect(retried.body).toEqual(response.body);
    expect(await store.readStream(`run-nominations-${run}`)).toHaveLength(before + 5);

    expect((await decide(moha, decisions.slice(0, 1), randomUUID())).status).toBe(403);
    const unnamedReason = await decide(admin, [{ nominationId: ids[5], decision: 'reject' }], randomUUID());
    expect(unnamedReason.status).toBe(400);
    expect(unnamedReason.body.errors[0]).toMatchObject({ field: 'decisions[0].reason' });
    const unknownDecision = await decide(admin, [{ nominationId: ids[5], decision: 'maybe' }], randomUUID());
    expect(unknownDecision.body.errors[0]).toMatchObject({ field: 'decisions[0].decision' });
    expect(await store.readStream(`run-nominations-${run}`)).toHaveLength(before + 5);
  });

  it('names the field and the rule when a request is wrong, and writes nothing', async () => {
    const run = `RUN-CHECKS-${runId}`;
    await publishRunScheduled(courseRun(run, 10));
    const [trainee] = await registerTrainees('BNV', 1, 'regular');
    const before = (await store.readStream(`run-nominations-${run}`)).length;

    const noKey = await request(app.getHttpServer()).post(`/runs/${run}/nominations`).auth(moha, { type: 'bearer' }).send({ nominations: [{ traineeId: trainee }] });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0]).toMatchObject({ field: 'idempotency-key' });
    const empty = await nominate(moha, run, [], randomUUID());
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'nominations' });
    const badItem = await nominate(moha, run, [{ traineeId: trainee, nominationId: 'not-a-uuid' }], randomUUID());
    expect(badItem.status).toBe(400);
    expect(badItem.body.errors[0]).toMatchObject({ field: 'nominations[0].nominationId' });
    const unknownRun = await nominate(moha, `RUN-NOWHERE-${runId}`, [{ traineeId: trainee }], randomUUID());
    expect(unknownRun.status).toBe(404);
    expect(unknownRun.body).toMatchObject({ rule: 'run-must-exist' });
    const forOtherAgency = await nominate(mofa, run, [{ traineeId: trainee }], randomUUID(), 'BNV');
    expect(forOtherAgency.body.items[0]).toMatchObject({ result: 'refused', rule: 'trainee-belongs-to-agency' });
    expect((await store.readStream(`run-nominations-${run}`)).length).toBe(before);

    const submitted = await nominate(moha, run, [{ traineeId: trainee }], randomUUID());
    const nominationId = submitted.body.items[0].nominationId as string;
    const noReason = await act(admin, run, nominationId, 'reject', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'reason' });
    expect((await act(mofa, run, nominationId, 'withdraw')).status).toBe(403);
    expect((await act(moha, run, nominationId, 'approve')).status).toBe(403);
    await act(moha, run, nominationId, 'withdraw', { reason: 'On mission abroad' }).expect(200, { recorded: ['NominationWithdrawn.v1'] });
  });

  it("lets MOFA's programme office withdraw an agency's approved nomination, and refuses another agency's system naming the rule", async () => {
    const run = `RUN-OFFICE-WITHDRAWS-${runId}`;
    await publishRunScheduled(courseRun(run, 10));
    const [trainee] = await registerTrainees('BNV', 1, 'regular');
    const submitted = await nominate(moha, run, [{ traineeId: trainee }], randomUUID());
    const nominationId = submitted.body.items[0].nominationId as string;
    await act(admin, run, nominationId, 'approve').expect(200, { recorded: ['NominationApproved.v1'] });

    const byOtherAgency = await act(mofa, run, nominationId, 'withdraw', { reason: 'Not ours to send' });
    expect(byOtherAgency.status).toBe(403);
    expect(byOtherAgency.body).toMatchObject({ rule: 'withdrawn-by-nominating-agency-or-programme-office' });

    const reason = 'At the request of the Ministry of Home Affairs: the trainee is posted abroad';
    await act(admin, run, nominationId, 'withdraw', { reason }).expect(200, { recorded: ['NominationWithdrawn.v1'] });
    await act(admin, run, nominationId, 'withdraw', { reason }).expect(200, { recorded: [] });
    const recorded = (await store.readStream(`run-nominations-${run}`)).at(-1);
    expect(recorded).toMatchObject({
      type: 'NominationWithdrawn.v1',
      data: { nominationId, runId: run, traineeId: trainee, agencyId: 'BNV', reason },
      metadata: { actor: { roles: ['programme-admin'], agencyId: null } },
    });
  });

  it('lists nominations across runs for the programme office, by status, run and agency, paged', async () => {
    const [runA, runB] = [`RUN-QUEUE-A-${runId}`, `RUN-QUEUE-B-${runId}`];
    await publishRunScheduled(courseRun(runA, 10));
    await publishRunScheduled(courseRun(runB, 10));
    const fromMoha = await registerTrainees('BNV', 3, 'regular');
    const fromMofa = await registerTrainees('BNG', 2, 'regular');
    const toA = await nominate(moha, runA, fromMoha.map((traineeId) => ({ traineeId })), randomUUID());
    await nominate(mofa, runB, fromMofa.map((traineeId) => ({ traineeId })), randomUUID()).expect(200);
    await act(admin, runA, toA.body.items[0].nominationId, 'approve').expect(200);

    const queue = (token: string, query: object) => request(app.getHttpServer()).get('/nominations').query(query).auth(token, { type: 'bearer' });
    const waiting = await eventually(async () => {
      const list = await queue(admin, { runId: runA, status: 'submitted' });
      return list.body.length === 2 ? list : null;
    });
    expect(waiting.headers['x-total-count']).toBe('2');
    expect(waiting.body.map((entry: { traineeId: string }) => entry.traineeId).sort()).toEqual(fromMoha.slice(1).sort());
    const approved = (await queue(admin, { runId: runA, status: 'approved' }).expect(200)).body;
    expect(approved).toEqual([expect.objectContaining({ traineeId: fromMoha[0], agencyId: 'BNV', status: 'approved' })]);
    const ofMofa = await eventually(async () => {
      const list = await queue(admin, { runId: runB, agencyId: 'BNG' });
      return list.body.length === 2 ? list.body : null;
    });
    expect(ofMofa.every((entry: { status: string }) => entry.status === 'submitted')).toBe(true);
    expect((await queue(admin, { runId: runB, agencyId: 'BNV' }).expect(200)).body).toEqual([]);

    const secondPage = await queue(admin, { runId: runA, limit: '1', offset: '1' }).expect(200);
    expect(secondPage.headers['x-total-count']).toBe('3');
    expect(secondPage.body).toHaveLength(1);
    const acrossRuns = await queue(admin, { status: 'submitted', limit: '1' }).expect(200);
    expect(Number(acrossRuns.headers['x-total-count'])).toBeGreaterThanOrEqual(4);

    expect((await queue(mofa, { runId: runA }).expect(200)).body).toEqual([]);
    expect((await queue(mofa, { agencyId: 'BNV' })).status).toBe(403);
    expect((await queue(admin, { status: 'pending' })).status).toBe(400);
    expect((await request(app.getHttpServer()).get('/nominations')).status).toBe(401);
  });
});

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}
