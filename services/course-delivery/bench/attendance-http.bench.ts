/**
 * Attendance through the real HTTP endpoint (validation, auth, idempotency, decider, event log) in
 * batches of 500 marks, next to the raw append rate of the same event log in the same run. Each
 * poster posts the marks of its own run, as the systems of several institutions would, all at once;
 * the raw append writes the same batches from as many writers to as many streams.
 *
 * As shipped (the default), the service runs as Kubernetes runs it, apart from its callers: an HTTP
 * process with BACKGROUND_WORK=consumers-only and a worker process with `all`, which relays the log
 * to Kafka and keeps the own-log projections. `one-process` runs all of it, callers included, in
 * the benchmark's own process.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:attendance -- [trainees=200] [days=5] [posters=4] [as-shipped|one-process]
 */
import 'reflect-metadata';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { globalPosition, PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import { createServiceApp, loadConfig, vietnameseDate } from '@training-ledger/platform';
import { IsolatedEnvironment, localServerPid, processTreeCpuSeconds } from '@training-ledger/test-servers';
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CourseDeliveryConfig } from '../src/config';
import { CourseDeliveryModule } from '../src/course-delivery.module';
import { COURSE_DELIVERY_JSON_BODY_LIMIT } from '../src/json-body-limit';

const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromToday = (days: number) => vietnameseDate(new Date(Date.now() + days * DAY_MS).toISOString());

async function main(): Promise<void> {
  // A throwaway service on the local servers, with tokens of a local authority: development settings.
  process.env.NODE_ENV ??= 'development';
  const traineeCount = Number(process.argv[2] ?? 200);
  const dayCount = Number(process.argv[3] ?? 5);
  const posterCount = Number(process.argv[4] ?? 4);
  const layout = process.argv[5] ?? 'as-shipped';
  if (layout !== 'as-shipped' && layout !== 'one-process') throw new RangeError(`Layout ${layout}: as-shipped or one-process`);
  const isolated = IsolatedEnvironment.create('attendance-bench');
  const authority = await LocalTokenAuthority.create();
  const settings = { SERVICE_NAME: 'course-delivery', AUTH_JWKS_FILE: authority.jwksFile, ...isolated.settings, LOG_LEVEL: 'warn' };
  const config = loadConfig(CourseDeliveryConfig, { ...process.env, ...settings, BACKGROUND_WORK: 'all' });
  const processes: ChildProcess[] = [];
  let app: Awaited<ReturnType<typeof createServiceApp>> | null = null;
  let base: string;
  let worker: { process: ChildProcess; url: string } | null = null;
  if (layout === 'as-shipped') {
    try {
      worker = await startServiceProcess({ ...settings, BACKGROUND_WORK: 'all' });
      processes.push(worker.process);
      const api = await startServiceProcess({ ...settings, BACKGROUND_WORK: 'consumers-only' });
      processes.push(api.process);
      base = api.url;
    } catch (error) {
      for (const child of processes) child.kill('SIGTERM');
      throw error;
    }
  } else {
    app = await createServiceApp({ config, module: CourseDeliveryModule.forRoot(config), title: 'bench', jsonBodyLimit: COURSE_DELIVERY_JSON_BODY_LIMIT });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  }
  const store = await PostgresEventStore.create({ connectionString: process.env.DATABASE_URL!, schema: isolated.schema });
  try {
    const admin = await authority.mint({ roles: ['programme-admin'] });
    const provider = await authority.mint({ roles: ['institution-integration'], institutionId: 'HVNG' } as never);
    const call = async (token: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };

    const days = Array.from({ length: dayCount }, (_, day) => daysFromToday(day - dayCount - 1));
    const sessions = days.flatMap((date, day) => [
      { sessionId: `S${2 * day + 1}`, date, startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T11:30:00+07:00` },
      { sessionId: `S${2 * day + 2}`, date, startsAt: `${date}T13:30:00+07:00`, endsAt: `${date}T17:00:00+07:00` },
    ]);
    await call(admin, '/courses', {
      courseId: 'BENCH-01',
      code: 'BENCH-01',
      titleVi: 'Kỹ năng đàm phán quốc tế',
      titleEn: 'International negotiation',
      trainingGroup: 'skills-and-style',
      level: 'universal',
      requirementGroups: ['skills-and-style'],
      format: 'in-person',
      lengthDays: dayCount,
      lengthHours: dayCount * 7,
      languages: ['vi'],
      eligibleTargetGroups: ['regular'],
      eligibleRanks: ['specialist'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
    });
    const scheduleRun = async (): Promise<string> => {
      const { runId } = (await call(admin, '/runs', {
        courseId: 'BENCH-01',
        providerInstitutionId: 'HVNG',
        hostAgencyId: null,
        venue: 'Học viện Ngoại giao',
        startDate: days[0],
        endDate: days[days.length - 1],
        nominationDeadline: days[0],
        capacity: traineeCount,
        agencyQuotas: [],
        waitlistPolicy: 'auto-approve',
        sessions,
        lecturers: [],
      })) as { runId: string };
      await call(admin, `/runs/${runId}/start`, {});
      return runId;
    };
    const runIds: string[] = [];
    for (let poster = 0; poster < posterCount; poster += 1) runIds.push(await scheduleRun());

    const traineesOf = new Map(runIds.map((runId) => [runId, Array.from({ length: traineeCount }, () => randomUUID())]));
    const kafka = createKafkaClient({ clientId: 'attendance-bench', brokers: config.KAFKA_BROKERS });
    const producer = kafka.producer();
    await producer.connect();
    const approvals = runIds.flatMap((runId) =>
        (traineesOf.get(runId) ?? []).map((traineeId, index) => {
          const encoded = encodeIntegrationMessage({
            eventId: randomUUID(),
            type: 'NominationApproved.v1',
            data: { nominationId: randomUUID(), runId, traineeId, agencyId: 'BNV', targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
            metadata: { correlationId: randomUUID(), causationId: null, actor: { id: 'mofa', roles: ['programme-admin'] }, occurredAt: new Date().toISOString(), recordedAt: new Date().toISOString() },
            source: { service: 'enrolment', streamName: `run-nominations-${runId}`, streamPosition: BigInt(index), globalPosition: globalPosition(1n, BigInt(index)) },
          });
          return { key: encoded.key, value: encoded.value, headers: encoded.headers };
        }),
    );
    // Sent a few hundred at a time: one request of thousands can pass the broker's largest message.
    for (let start = 0; start < approvals.length; start += 500) {
      await producer.send({ topic: `${isolated.topicPrefix}enrolment.events.v1`, messages: approvals.slice(start, start + 500) });
    }
    await producer.disconnect();
    for (const runId of runIds) {
      for (;;) {
        const roster = (await (await fetch(`${base}/runs/${runId}/roster`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { traineeIds: string[] };
        if (roster.traineeIds.length === traineeCount) break;
        await new Promise((wait) => setTimeout(wait, 200));
      }
    }

    const marksOf = (runId: string) =>
      (traineesOf.get(runId) ?? []).flatMap((traineeId) =>
        sessions.map((session) => ({
          recordId: `${traineeId}/${session.sessionId}`,
          traineeId,
          sessionId: session.sessionId,
          status: 'present',
          observedAt: new Date(Date.parse(session.startsAt) + 5 * 60_000).toISOString(),
        })),
      );
    const marksByRun = new Map(runIds.map((runId) => [runId, marksOf(runId)]));
    const markCount = [...marksByRun.values()].reduce((sum, marks) => sum + marks.length, 0);
    const workerCpuBefore = worker ? (processTreeCpuSeconds(worker.process.pid!) ?? 0) : 0;
    const ferretPid = localServerPid('ferretdb');
    const ferretCpuBefore = ferretPid === null ? 0 : (processTreeCpuSeconds(ferretPid) ?? 0);
    const httpStarted = performance.now();
    const acceptedByPoster = await Promise.all(
      runIds.map(async (runId) => {
        const marks = marksByRun.get(runId) ?? [];
        let accepted = 0;
        for (let start = 0; start < marks.length; start += BATCH) {
          const result = (await call(provider, `/runs/${runId}/attendance`, { marks: marks.slice(start, start + BATCH) }, { 'Idempotency-Key': randomUUID() })) as { accepted: number };
          accepted += result.accepted;
        }
        return accepted;
      }),
    );
    const accepted = acceptedByPoster.reduce((sum, count) => sum + count, 0);
    const httpSeconds = (performance.now() - httpStarted) / 1000;
    const readModels = worker ? await readModelsCaughtUp(worker, admin) : null;
    const projectedSeconds = (performance.now() - httpStarted) / 1000;
    const workerCpuSeconds = worker ? (processTreeCpuSeconds(worker.process.pid!) ?? 0) - workerCpuBefore : 0;
    const ferretCpuSeconds = ferretPid === null ? null : (processTreeCpuSeconds(ferretPid) ?? 0) - ferretCpuBefore;

    const rawEventsOf = (runId: string) =>
      (marksByRun.get(runId) ?? []).map((mark) => ({
        type: 'AttendanceRecorded.v1',
        data: { runId, ...mark, postedBy: 'HVNG' },
        metadata: { correlationId: randomUUID(), actor: { id: 'bench', roles: [] }, occurredAt: new Date().toISOString() },
      }));
    const rawStarted = performance.now();
    await Promise.all(
      runIds.map(async (runId) => {
        const rawEvents = rawEventsOf(runId);
        for (let start = 0; start < rawEvents.length; start += BATCH) {
          await store.appendToStream(`raw-attendance-${runId}`, rawEvents.slice(start, start + BATCH), { expectedVersion: 'any' });
        }
      }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    const httpRate = accepted / httpSeconds;
    const rawRate = markCount / rawSeconds;
    console.log(
      layout === 'as-shipped'
        ? 'layout: as shipped, an HTTP process (BACKGROUND_WORK=consumers-only) and a worker process (all: relay, projections), callers apart'
        : 'layout: one process (BACKGROUND_WORK=all: HTTP, relay, projections and callers together)',
    );
    console.log(
      `attendance marks: ${markCount} (${posterCount} posters at once, each ${traineeCount} trainees × ${sessions.length} sessions of its own run), batches of ${BATCH}`,
    );
    console.log(`HTTP end to end   ${Math.round(httpRate).toLocaleString('en')} marks/s (${accepted} accepted in ${httpSeconds.toFixed(2)} s)`);
    if (readModels) {
      console.log(
        `read models       ${Math.round(accepted / projectedSeconds).toLocaleString('en')} marks/s from the first post until ${readModels.join(', ')} caught up (${projectedSeconds.toFixed(2)} s); worker CPU ${((workerCpuSeconds * 1000) / accepted).toFixed(3)} ms/mark, FerretDB CPU ${ferretCpuSeconds === null ? 'n/a (not a local server)' : `${((ferretCpuSeconds * 1000) / accepted).toFixed(3)} ms/mark`}`,
      );
    }
    console.log(`raw event append  ${Math.round(rawRate).toLocaleString('en')} events/s (${rawSeconds.toFixed(2)} s)`);
    console.log(`HTTP / raw        ${(httpRate / rawRate).toFixed(2)}`);
  } finally {
    await store.close();
    await app?.close();
    for (const child of processes.reverse()) await stopServiceProcess(child);
    await isolated.dispose();
    authority.dispose();
  }
}

/** The worker's own-log projections once none is behind its log; their names. */
async function readModelsCaughtUp(worker: { url: string }, token: string): Promise<string[]> {
  for (;;) {
    const response = await fetch(`${worker.url}/status`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`/status: ${response.status} ${await response.text()}`);
    const { projections } = (await response.json()) as { projections: { name: string; lag: { events: number } }[] };
    if (projections.every((projection) => projection.lag.events === 0)) return projections.map((projection) => projection.name);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** A course-delivery process of the as-shipped layout, once it serves. */
async function startServiceProcess(settings: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const child = fork(join(__dirname, 'attendance-service-process.js'), [], { env: { ...process.env, ATTENDANCE_BENCH_SERVICE: JSON.stringify(settings) } });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit')])) as unknown[];
  const url = (message as { url?: unknown } | null)?.url;
  if (typeof url !== 'string') throw new Error(`A service process ended before it served (exit code ${String(message)})`);
  return { process: child, url };
}

async function stopServiceProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
