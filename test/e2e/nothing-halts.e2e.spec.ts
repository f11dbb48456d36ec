import { PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient } from '@training-ledger/messaging';
import { readWholeTopic } from '@training-ledger/messaging/testing';
import { buildServices, eventually } from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { SystemProcesses } from '../simulation/system-processes';

/**
 * One malformed attendance mark (observedAt without seconds, a form many HR systems send) used to
 * be accepted and then stop course-delivery's relay for good: runs scheduled afterwards never
 * reached enrolment. Here, on the real servers, the programme keeps flowing: at the boundary, after
 * a restart, and after an upgrade over a log that already holds such a mark.
 */
describe('one malformed request never halts the programme', () => {
  let system: SystemProcesses;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const course = `NH-${tag}`;
  const trainee = `nh-trainee-${tag}`;
  const tokens: Record<string, string> = {};

  const call = async (service: keyof SystemProcesses['urls'], token: string, path: string, body?: unknown, at = '2027-05-15T18:00:00+07:00') => {
    const response = await fetch(`${system.urls[service]}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-simulated-now': at, 'idempotency-key': randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const schedule = async (runId: string) => {
    const scheduled = await call('courseDelivery', tokens.admin!, '/runs', {
      runId,
      courseId: course,
      providerInstitutionId: 'HVNG',
      hostAgencyId: null,
      venue: 'Học viện Ngoại giao',
      startDate: '2027-05-15',
      endDate: '2027-05-15',
      nominationDeadline: '2027-05-01',
      capacity: 30,
      agencyQuotas: [],
      waitlistPolicy: 'auto-approve',
      sessions: [{ sessionId: 'S1', date: '2027-05-15', startsAt: '2027-05-15T08:00+07:00', endsAt: '2027-05-15T11:30:00+07:00' }],
      lecturers: [],
    }, '2027-01-10T09:00:00+07:00');
    expect(scheduled.status).toBeLessThan(300);
  };

  /** A run scheduled in course-delivery reaches enrolment over Kafka: a nomination to it is accepted. */
  const nominationReaches = (runId: string) =>
    eventually(`enrolment knows ${runId}`, async () => {
      const answer = await call('enrolment', tokens.agency!, `/runs/${runId}/nominations`, { nominations: [{ traineeId: trainee }] }, '2027-04-20T09:00:00+07:00');
      return answer.status === 404 ? null : answer;
    });

  const status = async () => (await call('courseDelivery', tokens.auditor!, '/status')).body as {
    relay: { state: string; lag: { events: number } };
    consumers: { group: string; state: string; lag: number }[];
    projections: { name: string; state: string; lag: { events: number } }[];
    setAside: { total: number; recent: { eventId: string; reason: string }[] };
    warnings: string[];
  };

  beforeAll(async () => {
    await buildServices();
    system = await SystemProcesses.start('nothing-halts');
    tokens.admin = await system.mint('programme-admin');
    tokens.agency = await system.mint('agency-integration', { agencyId: 'BNV' });
    tokens.institution = await system.mint('institution-integration', { institutionId: 'HVNG' });
    tokens.auditor = await system.mint('auditor');
    expect((await call('enrolment', tokens.admin, '/agencies', { code: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', kind: 'ministry' }, '2026-06-01T09:00+07:00')).status).toBeLessThan(300);
    expect((await call('courseDelivery', tokens.admin, '/courses', {
      courseId: course, code: course, titleVi: 'Kỹ năng đàm phán quốc tế', titleEn: 'International negotiation',
      trainingGroup: 'skills-and-style', level: 'universal', requirementGroups: ['skills-and-style'], format: 'in-person',
      lengthDays: 1, lengthHours: 7, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
    }, '2027-01-05T09:00:00+07:00')).status).toBeLessThan(300);
    expect((await call('enrolment', tokens.agency, '/agencies/BNV/trainees', {
      traineeId: trainee, targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null,
      fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1990-04-12', staffNumber: `SHCC-${tag}`,
    }, '2027-01-15T09:00:00+07:00')).status).toBeLessThan(300);
  }, 600_000);

  afterAll(async () => {
    await pool.end();
    await system?.stop();
  });

  it('stores a mark without seconds in the canonical form, refuses an impossible date naming the field, and keeps flowing', async () => {
    const run = `RUN-NH-A-${tag}`;
    await schedule(run);
    const nominated = await nominationReaches(run);
    expect(nominated.body).toMatchObject({ accepted: 1 });
    const nominationId = (nominated.body.items as { nominationId: string }[])[0]!.nominationId;
    expect((await call('enrolment', tokens.admin!, `/runs/${run}/nominations/${nominationId}/approve`, {}, '2027-04-25T09:00:00+07:00')).status).toBeLessThan(300);
    await eventually('the approved trainee reaches course-delivery', async () => {
      const roster = await call('courseDelivery', tokens.admin!, `/runs/${run}/roster`);
      return (roster.body.traineeIds as string[] | undefined)?.includes(trainee) ? roster : null;
    });
    expect((await call('courseDelivery', tokens.admin!, `/runs/${run}/start`, {}, '2027-05-15T07:30:00+07:00')).status).toBeLessThan(300);

    const impossible = await call('courseDelivery', tokens.institution!, `/runs/${run}/attendance`, {
      marks: [{ recordId: `${run}/S1`, traineeId: trainee, sessionId: 'S1', status: 'present', observedAt: '2027-02-31T08:00:00+07:00' }],
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toEqual([expect.objectContaining({ field: 'marks[0].observedAt', reason: expect.stringContaining('2027-02-31 is not a day of the calendar') })]);

    const withoutSeconds = await call('courseDelivery', tokens.institution!, `/runs/${run}/attendance`, {
      marks: [{ recordId: `${run}/S1`, traineeId: trainee, sessionId: 'S1', status: 'present', observedAt: '2027-05-15T08:05+07:00' }],
    });
    expect(withoutSeconds.status).toBe(200);
    const sheet = await eventually('the mark reaches the attendance sheet', async () => {
      const answer = await call('courseDelivery', tokens.admin!, `/runs/${run}/attendance`);
      return (answer.body.entries as unknown[]).length > 0 ? answer.body : null;
    });
    expect(sheet.entries).toEqual([expect.objectContaining({ traineeId: trainee, sessionId: 'S1', observedAt: '2027-05-15T08:05:00+07:00' })]);

    const after = `RUN-NH-B-${tag}`;
    await schedule(after);
    expect((await nominationReaches(after)).body).toMatchObject({ accepted: 1 });

    await system.kill('course-delivery');
    await system.restart('course-delivery');
    const afterRestart = `RUN-NH-C-${tag}`;
    await schedule(afterRestart);
    expect((await nominationReaches(afterRestart)).body).toMatchObject({ accepted: 1 });
    const flowing = await eventually('course-delivery reports everything caught up', async () => {
      const answer = await status();
      return answer.warnings.length === 0 ? answer : null;
    });
    expect(flowing).toMatchObject({ relay: { state: 'running', lag: { events: 0 } }, setAside: { total: 0 } });
    expect(flowing.consumers).toContainEqual(
      expect.objectContaining({
        group: `${system.isolated.topicPrefix}course-delivery.reads.enrolment.events.v1`,
        handlers: [`${system.isolated.topicPrefix}course-delivery.projection.approved-trainees`],
      }),
    );
    expect(flowing.consumers.every((consumer) => consumer.state === 'running' && consumer.lag === 0)).toBe(true);
    expect(flowing.projections.map((projection) => projection.name)).toEqual(expect.arrayContaining(['attendance-sheet', 'course-runs']));
    expect((await call('courseDelivery', tokens.agency!, '/status')).status).toBe(403);
  }, 300_000);

  it('publishes, after an upgrade, a mark an older version stored without seconds, and sets aside what no repair can publish', async () => {
    const schema = `${system.isolated.schema}_course_delivery`;
    await system.kill('course-delivery');
    // What an older version wrote: the store as it was, without the boundary or the repairs.
    const olderLog = await PostgresEventStore.create({ pool, schema, migrate: false });
    const metadata = { correlationId: `older-${tag}`, actor: { id: 'HVNG-system', roles: ['institution-integration'] }, occurredAt: '2027-05-15T11:00:00.000Z' };
    const mark = { runId: `RUN-NH-A-${tag}`, sessionId: 'S1', traineeId: `older-${tag}`, recordId: `older-${tag}`, postedBy: 'HVNG-system' };
    const stored = await olderLog.appendToStream(`older-attendance-${tag}`, [
      { eventId: randomUUID(), type: 'AttendanceRecorded.v1', data: { ...mark, status: 'present', observedAt: '2027-05-15T08:05+07:00' }, metadata },
    ], { expectedVersion: 'any' });
    const unrepairableId = randomUUID();
    await olderLog.appendToStream(`older-attendance-${tag}`, [
      { eventId: unrepairableId, type: 'AttendanceRecorded.v1', data: { ...mark, recordId: `older-2-${tag}`, status: 'half-present', observedAt: '2027-05-15T08:05:00+07:00' }, metadata },
    ], { expectedVersion: stored.nextExpectedVersion });

    await system.restart('course-delivery');
    const afterUpgrade = `RUN-NH-D-${tag}`;
    await schedule(afterUpgrade);
    expect((await nominationReaches(afterUpgrade)).body).toMatchObject({ accepted: 1 });

    const kafka = createKafkaClient({ clientId: `nothing-halts-${tag}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') });
    const published = (await readWholeTopic(kafka, `${system.isolated.topicPrefix}course-delivery.events.v1`)).map(
      (message) => JSON.parse(String(message.message.value)) as { type: string; data: { recordId?: string; observedAt?: string } },
    );
    expect(published.find((event) => event.data.recordId === `older-${tag}`)?.data.observedAt).toBe('2027-05-15T08:05:00+07:00');
    expect(published.some((event) => event.data.recordId === `older-2-${tag}`)).toBe(false);

    const deadLetters = await readWholeTopic(kafka, `${system.isolated.topicPrefix}course-delivery.relay.dlq.v1`);
    expect(deadLetters.map((message) => (JSON.parse(String(message.message.value)) as { eventId: string }).eventId)).toEqual([unrepairableId]);
    const afterQuarantine = await status();
    expect(afterQuarantine.setAside).toMatchObject({ total: 1, recent: [expect.objectContaining({ eventId: unrepairableId, reason: expect.stringContaining('data.status') })] });
    expect(afterQuarantine.warnings).toContain('1 event(s) set aside by relay:' + `${system.isolated.topicPrefix}course-delivery.events.v1 (quarantined or dead-lettered)`);
  }, 300_000);
});
