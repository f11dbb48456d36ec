import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import type { EventStore } from '@training-ledger/event-store';
import { createKafkaClient, serviceEventsTopic } from '@training-ledger/messaging';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { EVENT_STORE, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import request from 'supertest';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CourseDeliveryConfig } from '../config';
import { vietnameseDate } from '@training-ledger/platform';
import { courseRunStreamName } from './course-run.state';
import { CourseRunsModule } from './course-runs.module';
import { courseDeliveryPublishedEvents } from '../published-events';

/** Course delivery as far as the catalogue and runs need it: the runtime with its relay, and the two modules. */
@Module({})
class CatalogueAndRunsUnderTest {
  static forRoot(config: CourseDeliveryConfig): DynamicModule {
    return {
      module: CatalogueAndRunsUnderTest,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'course-delivery',
          config,
          publish: { mapper: courseDeliveryPublishedEvents },
        }),
        CatalogueModule,
        CourseRunsModule,
      ],
    };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A Vietnamese calendar date some days from today, so that the run is over by the time the test closes it. */
const daysFromToday = (days: number) => vietnameseDate(new Date(Date.now() + days * DAY_MS).toISOString());

const diplomacyCourse = {
  courseId: 'NV-DP-01',
  code: 'NV-DP-01',
  titleVi: 'Nghiệp vụ ngoại giao và lễ tân đối ngoại',
  titleEn: 'Diplomatic practice and protocol',
  trainingGroup: 'expertise',
  level: 'advanced',
  requirementGroups: ['expertise', 'skills-and-style'],
  format: 'in-person',
  lengthDays: 5,
  lengthHours: 40,
  languages: ['vi', 'en'],
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['specialist', 'division-level'],
  completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: true, assessmentRequired: false, passMark: null },
};

describe('catalogue and course runs over HTTP, published to Kafka', () => {
  const isolated = IsolatedEnvironment.create('course-runs');
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let store: EventStore;
  let config: CourseDeliveryConfig;
  let admin: string;
  let monitor: string;
  let ministry: string;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    config = loadConfig(CourseDeliveryConfig, {
      ...process.env,
      SERVICE_NAME: 'course-delivery',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: CatalogueAndRunsUnderTest.forRoot(config), title: 'course-delivery' });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    admin = await authority.mint({ roles: ['programme-admin'] });
    monitor = await authority.mint({ roles: ['monitor'] });
    ministry = await authority.mint({ roles: ['agency-integration'], agencyId: 'BTP' });
  });

  afterAll(async () => {
    await app?.close();
    await isolated.dispose();
    authority?.dispose();
  });

  const http = () => request(app.getHttpServer());
  const post = (token: string, path: string, body: object = {}) => http().post(path).auth(token, { type: 'bearer' }).send(body);
  const get = (token: string, path: string, query: object = {}) => http().get(path).query(query).auth(token, { type: 'bearer' });

  /** Read models follow the log a moment after each write. */
  const eventually = async <T>(read: () => Promise<request.Response>, shows: (body: T) => boolean): Promise<T> => {
    let last: request.Response | undefined;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      last = await read();
      if (last.status === 200 && shows(last.body as T)) return last.body as T;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`the read model never showed what was expected; last answer ${last?.status} ${JSON.stringify(last?.body)}`);
  };

  const runStart = daysFromToday(-20);
  const runEnd = daysFromToday(-16);
  const days = [-20, -19, -18, -17, -16].map(daysFromToday);
  const sessions = days.flatMap((date, day) => [
    { sessionId: `S${2 * day + 1}`, date, startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T11:30:00+07:00` },
    { sessionId: `S${2 * day + 2}`, date, startsAt: `${date}T13:30:00+07:00`, endsAt: `${date}T17:00:00+07:00` },
  ]);
  const foreignLecturer = { lecturerId: 'L-ASEAN-07', name: 'Maria Santos', origin: 'foreign', affiliation: 'ASEAN Secretariat' };

  it('runs a course from definition to completion and publishes what consumers need', async () => {
    await post(admin, '/courses', diplomacyCourse).expect(200, { courseId: 'NV-DP-01', recorded: ['CourseDefined.v1'] });
    await post(admin, '/courses', diplomacyCourse).expect(200, { courseId: 'NV-DP-01', recorded: [] });
    await post(admin, '/courses/NV-DP-01/completion-rules', {
      minAttendanceShare: '0.9000',
      excusedCountsAsAttended: false,
      assessmentRequired: true,
      passMark: 5,
    }).expect(200, { courseId: 'NV-DP-01', ruleVersion: 2, recorded: ['CompletionRuleVersioned.v1'] });

    const scheduled = await post(admin, '/runs', {
      courseId: 'NV-DP-01',
      providerInstitutionId: 'HVNG',
      hostAgencyId: 'BTP',
      venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
      startDate: runStart,
      endDate: runEnd,
      nominationDeadline: daysFromToday(-30),
      capacity: 30,
      agencyQuotas: [{ agencyId: 'BTP', seats: 10 }],
      waitlistPolicy: 'flag-for-review',
      sessions,
      lecturers: [foreignLecturer],
    }).expect(200);
    const runId = scheduled.body.runId as string;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', recorded: ['CourseRunScheduled.v1'] });

    await post(admin, `/runs/${runId}/reschedule`, {
      startDate: runStart,
      endDate: runEnd,
      nominationDeadline: daysFromToday(-25),
      capacity: 35,
      agencyQuotas: [{ agencyId: 'BTP', seats: 12 }],
    }).expect(200, { runId, status: 'scheduled', recorded: ['CourseRunRescheduled.v1'] });
    await post(admin, `/runs/${runId}/lecturers`, {
      lecturerId: 'L-VN-02',
      name: 'Trần Thị Thu Hà',
      origin: 'vietnamese',
    }).expect(200, { runId, status: 'scheduled', recorded: ['LecturerAssigned.v1'] });
    await post(admin, `/runs/${runId}/sessions/S4/cancel`, { reason: 'Giảng viên ốm — lecturer taken ill' }).expect(200, {
      runId,
      status: 'scheduled',
      recorded: ['SessionCancelled.v1'],
    });
    await post(admin, `/runs/${runId}/start`).expect(200, { runId, status: 'started', recorded: ['CourseRunStarted.v1'] });
    await post(admin, `/runs/${runId}/complete`).expect(200, { runId, status: 'completed', recorded: ['CourseRunCompleted.v1'] });
    await post(admin, `/runs/${runId}/complete`).expect(200, { runId, status: 'completed', recorded: [] });

    const stream = await store.readStream(courseRunStreamName(runId));
    expect(stream.map((event) => event.type)).toEqual([
      'CourseRunScheduled.v1',
      'CourseRunRescheduled.v1',
      'LecturerAssigned.v1',
      'SessionCancelled.v1',
      'CourseRunStarted.v1',
      'CourseRunCompleted.v1',
    ]);
    const completed = stream.at(-1)!;
    expect(completed.data).toEqual({
      runId,
      courseId: 'NV-DP-01',
      courseCode: 'NV-DP-01',
      level: 'advanced',
      trainingGroup: 'expertise',
      format: 'in-person',
      completedOn: vietnameseDate(completed.metadata.occurredAt),
      sessionsHeld: ['S1', 'S2', 'S3', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10'],
      hasForeignLecturer: true,
      hostAgencyId: 'BTP',
      completionRule: {
        ruleVersion: 2,
        minAttendanceShare: '0.9000',
        excusedCountsAsAttended: false,
        assessmentRequired: true,
        passMark: 5,
      },
    });

    const course = await eventually<{ ruleVersions: Array<{ ruleVersion: number }> }>(
      () => get(monitor, '/courses/NV-DP-01'),
      (body) => body.ruleVersions.length === 2,
    );
    expect(course).toMatchObject({
      titleVi: 'Nghiệp vụ ngoại giao và lễ tân đối ngoại',
      sector: null,
      completionRule: { ruleVersion: 2, passMark: 5 },
    });
    expect(course.ruleVersions.map((version) => version.ruleVersion)).toEqual([1, 2]);

    const run = await eventually<{ status: string; sessions: Array<{ sessionId: string; cancelled: boolean }> }>(
      () => get(ministry, `/runs/${runId}`),
      (body) => body.status === 'completed',
    );
    expect(run).toMatchObject({
      courseId: 'NV-DP-01',
      capacity: 35,
      hostAgencyId: 'BTP',
      completionRule: { ruleVersion: 2 },
      sessionsHeld: ['S1', 'S2', 'S3', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10'],
      hasForeignLecturer: true,
      lecturers: [foreignLecturer, { lecturerId: 'L-VN-02', name: 'Trần Thị Thu Hà', origin: 'vietnamese', affiliation: null }],
    });
    expect(run.sessions).toHaveLength(10);
    expect(run.sessions.filter((session) => session.cancelled).map((session) => session.sessionId)).toEqual(['S4']);

    const kafka = createKafkaClient({ clientId: `course-runs-it-${isolated.runId}`, brokers: config.KAFKA_BROKERS });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    try {
      const topic = `${isolated.topicPrefix}${serviceEventsTopic('course-delivery')}`;
      const logged = (await store.readAll('start', { limit: 1000 })).length;
      let published = 0;
      for (let attempt = 0; attempt < 60 && published < logged; attempt += 1) {
        const offsets = await kafkaAdmin.fetchTopicOffsets(topic);
        published = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
        if (published < logged) await new Promise((wait) => setTimeout(wait, 250));
      }
      expect(logged).toBe(8);
      expect(published).toBe(logged);
    } finally {
      await kafkaAdmin.disconnect();
    }
  });

  it('answers catalogue and run queries by their filters', async () => {
    await post(admin, '/courses', {
      ...diplomacyCourse,
      courseId: 'DT-ASEAN-02',
      code: 'DT-ASEAN-02',
      titleVi: 'Hợp tác ASEAN cho cán bộ địa phương',
      titleEn: 'ASEAN cooperation for provincial staff',
      trainingGroup: 'skills-and-style',
      level: 'sector-specific',
      sector: 'ASEAN',
      format: 'online',
    }).expect(200);
    await post(admin, '/runs', {
      runId: 'DT-ASEAN-02-2027-1',
      courseId: 'DT-ASEAN-02',
      providerInstitutionId: 'HVNG',
      startDate: '2027-05-10',
      endDate: '2027-05-12',
      nominationDeadline: '2027-04-30',
      capacity: 100,
      waitlistPolicy: 'auto-approve',
    }).expect(200, { runId: 'DT-ASEAN-02-2027-1', status: 'scheduled', recorded: ['CourseRunScheduled.v1'] });

    const sectorCourses = await eventually<Array<{ courseId: string }>>(
      () => get(ministry, '/courses', { level: 'sector-specific' }),
      (body) => body.length > 0,
    );
    expect(sectorCourses.map((entry) => entry.courseId)).toEqual(['DT-ASEAN-02']);
    const advancedInPerson = (await get(monitor, '/courses', { level: 'advanced', format: 'in-person' }).expect(200)).body;
    expect(advancedInPerson.map((entry: { courseId: string }) => entry.courseId)).toEqual(['NV-DP-01']);
    expect(advancedInPerson[0]).not.toHaveProperty('ruleVersions');
    expect((await get(monitor, '/courses', { trainingGroup: 'skills-and-style' }).expect(200)).body).toHaveLength(1);
    const titled = async (q: string) =>
      ((await get(monitor, '/courses', { q }).expect(200)).body as Array<{ courseId: string }>).map((entry) => entry.courseId);
    expect(await titled('hop tac asean')).toEqual(['DT-ASEAN-02']);
    expect(await titled('NGHIỆP VỤ ngoại')).toEqual(['NV-DP-01']);
    expect(await titled('protocol')).toEqual(['NV-DP-01']);
    expect(await titled('ac asean')).toEqual([]);
    const searched = await get(monitor, '/courses', { q: 'cán bộ', limit: '1' }).expect(200);
    expect(searched.headers['x-total-count']).toBe('1');
    expect(searched.body[0]).not.toHaveProperty('titleSearchKey');
    expect((await get(monitor, '/courses/DT-ASEAN-02').expect(200)).body).not.toHaveProperty('titleSearchKey');

    const inMay = await eventually<Array<{ runId: string }>>(
      () => get(monitor, '/runs', { from: '2027-05-01', to: '2027-05-31' }),
      (body) => body.length > 0,
    );
    expect(inMay.map((entry) => entry.runId)).toEqual(['DT-ASEAN-02-2027-1']);
    const hostedByMoj = (await get(monitor, '/runs', { hostAgencyId: 'BTP' }).expect(200)).body;
    expect(hostedByMoj).toHaveLength(1);
    expect(hostedByMoj[0]).toMatchObject({ courseId: 'NV-DP-01', status: 'completed' });
    expect(hostedByMoj[0]).not.toHaveProperty('sessions');
    expect((await get(monitor, '/runs', { format: 'online' }).expect(200)).body).toHaveLength(1);
    expect((await get(monitor, '/runs', { level: 'universal' }).expect(200)).body).toEqual([]);
    const runIds = async (query: object) =>
      ((await get(monitor, '/runs', query).expect(200)).body as Array<{ runId: string }>).map((entry) => entry.runId);
    expect(await runIds({ courseId: 'DT-ASEAN-02' })).toEqual(['DT-ASEAN-02-2027-1']);
    expect(await runIds({ status: 'scheduled' })).toEqual(['DT-ASEAN-02-2027-1']);
    expect(await runIds({ status: 'completed', courseId: 'NV-DP-01' })).toHaveLength(1);
    expect(await runIds({ status: 'cancelled' })).toEqual([]);
    expect((await get(monitor, '/runs', { status: 'paused' })).status).toBe(400);
  });

  it('lets only programme-admin change the catalogue and the runs', async () => {
    for (const token of [monitor, ministry]) {
      expect((await post(token, '/courses', { ...diplomacyCourse, courseId: 'X-1', code: 'X-1' })).status).toBe(403);
      expect((await post(token, '/runs/DT-ASEAN-02-2027-1/cancel', { reason: 'no' })).status).toBe(403);
    }
    expect((await http().get('/runs')).status).toBe(401);
  });

  it('names the field and the rule when the input is wrong, and writes nothing', async () => {
    const before = (await store.readAll('start', { limit: 1000 })).length;

    const malformedCourse = await post(admin, '/courses', {
      ...diplomacyCourse,
      courseId: 'BAD',
      level: 'expert',
      languages: [],
      completionRule: { ...diplomacyCourse.completionRule, minAttendanceShare: '80%' },
    });
    expect(malformedCourse.status).toBe(400);
    expect(malformedCourse.headers['content-type']).toContain('application/problem+json');
    expect([...new Set(malformedCourse.body.errors.map((error: { field: string }) => error.field))].sort()).toEqual([
      'completionRule.minAttendanceShare',
      'languages',
      'level',
    ]);

    const sectorless = await post(admin, '/courses', { ...diplomacyCourse, courseId: 'BAD', level: 'sector-specific' });
    expect(sectorless.status).toBe(422);
    expect(sectorless.body).toMatchObject({ rule: 'sector-specific-course-names-its-sector', field: 'sector' });

    const malformedRun = await post(admin, '/runs', {
      courseId: 'NV-DP-01',
      providerInstitutionId: 'HVNG',
      startDate: '2027-13-01',
      endDate: '2027-05-12',
      nominationDeadline: '2027-04-30',
      capacity: 0,
      waitlistPolicy: 'first-come',
      sessions: [{ sessionId: 'S1', date: '2027-05-10', startsAt: '2027-05-10 08:00', endsAt: '2027-05-10T11:00:00+07:00' }],
    });
    expect(malformedRun.status).toBe(400);
    expect(malformedRun.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'capacity',
      'sessions[0].startsAt',
      'startDate',
      'waitlistPolicy',
    ]);

    const unknownCourse = await post(admin, '/runs', {
      courseId: 'NO-SUCH-COURSE',
      providerInstitutionId: 'HVNG',
      startDate: '2027-05-10',
      endDate: '2027-05-12',
      nominationDeadline: '2027-04-30',
      capacity: 10,
      waitlistPolicy: 'auto-approve',
    });
    expect(unknownCourse.status).toBe(404);
    expect(unknownCourse.body).toMatchObject({ rule: 'course-must-exist', field: 'courseId' });

    const outsideTheRun = await post(admin, '/runs/DT-ASEAN-02-2027-1/sessions', {
      sessionId: 'S9',
      date: '2027-06-01',
      startsAt: '2027-06-01T08:00:00+07:00',
      endsAt: '2027-06-01T11:00:00+07:00',
    });
    expect(outsideTheRun.status).toBe(422);
    expect(outsideTheRun.body).toMatchObject({ rule: 'sessions-within-run-dates', field: 'session.date' });

    const reasonless = await post(admin, '/runs/DT-ASEAN-02-2027-1/cancel', {});
    expect(reasonless.status).toBe(400);
    expect(reasonless.body.errors.map((error: { field: string }) => error.field)).toContain('reason');

    const unknownRun = await post(admin, '/runs/NO-SUCH-RUN/start');
    expect(unknownRun.status).toBe(404);
    expect(unknownRun.body).toMatchObject({ rule: 'run-must-exist' });
    expect((await get(monitor, '/courses/NO-SUCH-COURSE')).status).toBe(404);

    expect((await store.readAll('start', { limit: 1000 })).length).toBe(before);
  });

  it('adds a session, then cancels the run, after which its timetable no longer changes', async () => {
    const session = { sessionId: 'S1', date: '2027-05-10', startsAt: '2027-05-10T08:00:00+07:00', endsAt: '2027-05-10T11:00:00+07:00' };
    await post(admin, '/runs/DT-ASEAN-02-2027-1/sessions', session).expect(200, {
      runId: 'DT-ASEAN-02-2027-1',
      status: 'scheduled',
      recorded: ['SessionAdded.v1'],
    });
    await post(admin, '/runs/DT-ASEAN-02-2027-1/cancel', { reason: 'Không đủ học viên — too few nominations' }).expect(200, {
      runId: 'DT-ASEAN-02-2027-1',
      status: 'cancelled',
      recorded: ['CourseRunCancelled.v1'],
    });
    const late = await post(admin, '/runs/DT-ASEAN-02-2027-1/lecturers', { lecturerId: 'L-2', name: 'Lê Văn Nam', origin: 'vietnamese' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ rule: 'run-open-for-changes' });
    const run = await eventually<{ status: string; sessions: unknown[] }>(
      () => get(monitor, '/runs/DT-ASEAN-02-2027-1'),
      (body) => body.status === 'cancelled',
    );
    expect(run).toMatchObject({ cancellationReason: 'Không đủ học viên — too few nominations' });
    expect(run.sessions).toEqual([{ ...session, cancelled: false, cancellationReason: null }]);
  });
});
