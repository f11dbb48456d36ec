/**
 * Replays an evaluation over a large archive of integration events, next to the raw read rate of
 * the same log in the same run, and prints events per second and peak memory.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:replay -- [events=1000000]
 */
import { PostgresEventStore, type EventToAppend } from '@training-ledger/event-store';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'pg';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { type ArchivedIntegrationEvent, INBOX_CATEGORY, INBOX_EVENT_TYPE, inboxStreamName } from '../src/inbox/inbox';
import { PolicyService } from '../src/policy/policy.service';

const PARTITIONS = 6;

// Memory is measured from a collected heap, so that the archive's writing does not count against the evaluation.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const BATCH = 2_000;
const metadata = { correlationId: 'bench', causationId: null, actor: { id: 'reporting', roles: [] }, occurredAt: '2028-06-01T03:00:00.000Z' };

/** A deterministic programme: agencies and rosters, completed runs, certificates (some revoked) and attendance marks. */
function* programme(total: number): Generator<Omit<ArchivedIntegrationEvent, 'partition' | 'offset'> & { partitionKey: number }> {
  let serial = 0;
  const id = (prefix: string, n: number) => `${prefix}-${n.toString(36).padStart(6, '0')}`;
  const agencies = 95;
  for (let agency = 0; agency < agencies; agency += 1) {
    const agencyId = id('A', agency);
    yield { topic: 'enrolment.events.v1', partitionKey: agency, key: `agency-${agencyId}`, eventId: id('e', serial++), type: 'AgencyRegistered.v1', data: { agencyId, code: agencyId, nameVi: `Cơ quan ${agency}`, nameEn: `Agency ${agency}`, kind: agency < 30 ? 'ministry' : 'province', parentAgencyId: null }, occurredAt: '2026-06-01T03:00:00.000Z', sourceService: 'enrolment' };
    yield { topic: 'enrolment.events.v1', partitionKey: agency, key: `agency-${agencyId}`, eventId: id('e', serial++), type: 'StaffRosterDeclared.v1', data: { agencyId, declarationId: id('d', agency), asOf: '2026-07-01', regular: 900, nonRegular: 400, byRank: [] }, occurredAt: '2026-07-01T03:00:00.000Z', sourceService: 'enrolment' };
  }
  const levels = ['universal', 'advanced', 'specialised', 'sector-specific'];
  const formats = ['in-person', 'online', 'internship-domestic', 'internship-abroad'];
  for (let run = 0; serial < total; run += 1) {
    const runId = id('R', run);
    const trainees = Array.from({ length: 40 }, (_, index) => id('T', (run * 37 + index * 101) % 70_000));
    const level = levels[run % levels.length];
    const trainingGroup = run % 2 === 0 ? 'expertise' : 'skills-and-style';
    const format = formats[run % formats.length];
    const sessions = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
    const completedOn = `202${7 + (run % 2)}-0${1 + (run % 9)}-15`;
    for (const traineeId of trainees) {
      for (const sessionId of sessions) {
        if (serial >= total) return;
        yield { topic: 'course-delivery.events.v1', partitionKey: run, key: `attendance-${runId}`, eventId: id('e', serial++), type: 'AttendanceRecorded.v1', data: { runId, sessionId, traineeId, status: (serial % 11 === 0 ? 'absent' : 'present'), observedAt: `${completedOn}T08:05:00+07:00`, recordId: `${traineeId}/${sessionId}`, postedBy: 'HVNG' }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'course-delivery' };
      }
    }
    yield { topic: 'course-delivery.events.v1', partitionKey: run, key: `course-run-${runId}`, eventId: id('e', serial++), type: 'CourseRunCompleted.v1', data: { runId, courseId: `C${run % 60}`, courseCode: `C${run % 60}`, level, trainingGroup, format, completedOn, sessionsHeld: sessions, hasForeignLecturer: run % 7 === 0, hostAgencyId: null, completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null } }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'course-delivery' };
    for (let index = 0; index < trainees.length; index += 1) {
      const certificateId = id('cert', run * 40 + index);
      yield { topic: 'certification.events.v1', partitionKey: run + index, key: `certificate-register-${completedOn.slice(0, 4)}`, eventId: id('c', run * 40 + index), type: 'CertificateIssued.v1', data: { certificateId, certificateNumber: `${completedOn.slice(0, 4)}/${String((run * 40 + index) % 999_999 + 1).padStart(6, '0')}`, traineeId: trainees[index], agencyId: id('A', (run * 40 + index) % agencies), targetGroup: index % 3 === 0 ? 'non-regular' : 'regular', rank: 'specialist', leadership: false, runId, courseId: `C${run % 60}`, courseCode: `C${run % 60}`, level, trainingGroup, format, runStartDate: completedOn, runEndDate: completedOn, issuedOn: completedOn, issuedBy: 'certifier', basis: { attendanceShare: '0.9000', assessmentPassed: null, ruleVersion: 1 } }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'certification' };
    }
  }
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 1_000_000);
  const schema = `replay_bench_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const store = await PostgresEventStore.create({ pool, schema });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const writeStarted = performance.now();
    const pending = new Map<string, EventToAppend[]>();
    const offsets = new Map<string, number>();
    let written = 0;
    const flush = async (streamName: string) => {
      const batch = pending.get(streamName) ?? [];
      if (batch.length === 0) return;
      await store.appendToStream(streamName, batch, { expectedVersion: 'any' });
      written += batch.length;
      pending.set(streamName, []);
    };
    for (const event of programme(total)) {
      const partition = event.partitionKey % PARTITIONS;
      const streamName = inboxStreamName(event.topic, partition);
      const offset = offsets.get(streamName) ?? 0;
      offsets.set(streamName, offset + 1);
      const { partitionKey: _partitionKey, ...archived } = event;
      const data: ArchivedIntegrationEvent = { ...archived, partition, offset: String(offset) };
      const batch = pending.get(streamName) ?? [];
      batch.push({ type: INBOX_EVENT_TYPE, data, metadata });
      pending.set(streamName, batch);
      if (batch.length >= BATCH) await flush(streamName);
    }
    for (const streamName of pending.keys()) await flush(streamName);
    console.log(`archive written     ${written.toLocaleString('en')} events in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);

    const rawStarted = performance.now();
    let rawRead = 0;
    let after: Parameters<typeof store.readAll>[0] = 'start';
    for (;;) {
      const page = await store.readAll(after, { limit: 5_000, filter: { streamCategories: [INBOX_CATEGORY] } });
      rawRead += page.length;
      if (page.length < 5_000) break;
      after = { after: page.at(-1)!.globalPosition };
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    const streamsStarted = performance.now();
    let streamRead = 0;
    for (const streamName of offsets.keys()) {
      for (let from = 0n; ; from += 5_000n) {
        const page = await store.readStream(streamName, { fromRevision: from, maxCount: 5_000 });
        streamRead += page.length;
        if (page.length < 5_000) break;
      }
    }
    const streamSeconds = (performance.now() - streamsStarted) / 1000;
    // The same streams as replay reads them: data alone, as JSON text, each event parsed.
    const jsonStarted = performance.now();
    let jsonRead = 0;
    for (const streamName of offsets.keys()) {
      for (let from = 0n; ; from += 2_500n) {
        const page = await store.readStreamJson(streamName, { fromRevision: from, maxCount: 2_500 });
        for (const event of page) if (JSON.parse(event.dataJson) !== null) jsonRead += 1;
        if (page.length < 2_500) break;
      }
    }
    const jsonSeconds = (performance.now() - jsonStarted) / 1000;

    const policies = new PolicyService(store);
    await policies.onApplicationBootstrap();
    const evaluations = new EvaluationsService(store, policies);
    collectGarbage();
    const rssBeforeIssue = process.memoryUsage().rss;
    peakRss = rssBeforeIssue;
    const issueStarted = performance.now();
    const issued = await evaluations.issue({ kind: 'mid-term', asOf: '2028-12-31' }, '2029-01-15T02:00:00.000Z', { correlationId: 'bench', actor: { id: 'evaluator', roles: ['evaluator'] }, occurredAt: '2029-01-15T02:00:00.000Z' });
    const issueSeconds = (performance.now() - issueStarted) / 1000;
    const peakDuringIssue = peakRss;
    collectGarbage();
    peakRss = process.memoryUsage().rss;
    const rssBeforeReplay = peakRss;
    const replayStarted = performance.now();
    const outcome = await evaluations.replay(issued.evaluationId);
    const replaySeconds = (performance.now() - replayStarted) / 1000;

    const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
    console.log(`raw read (readAll)  ${Math.round(rawRead / rawSeconds).toLocaleString('en')} events/s (${rawRead.toLocaleString('en')} in ${rawSeconds.toFixed(1)} s)`);
    console.log(`raw read (streams)  ${Math.round(streamRead / streamSeconds).toLocaleString('en')} events/s (${streamRead.toLocaleString('en')} in ${streamSeconds.toFixed(1)} s), what replay reads
`.trimEnd());
    console.log(`raw read (data)     ${Math.round(jsonRead / jsonSeconds).toLocaleString('en')} events/s (${jsonRead.toLocaleString('en')} in ${jsonSeconds.toFixed(1)} s), readStreamJson, parsed`);
    console.log(`issue evaluation    ${Math.round(rawRead / issueSeconds).toLocaleString('en')} events/s (${issueSeconds.toFixed(1)} s)`);
    console.log(`replay evaluation   ${Math.round(outcome.eventsRead / replaySeconds).toLocaleString('en')} events/s (${outcome.eventsRead.toLocaleString('en')} in ${replaySeconds.toFixed(1)} s), ${outcome.outcome}`);
    const fastestRaw = Math.max(rawRead / rawSeconds, streamRead / streamSeconds, jsonRead / jsonSeconds);
    console.log(`replay / raw read   ${((outcome.eventsRead / replaySeconds) / (streamRead / streamSeconds)).toFixed(2)} of the stream read rate, ${((outcome.eventsRead / replaySeconds) / fastestRaw).toFixed(2)} of the fastest raw read`);
    console.log(`peak memory (RSS)   replay ${mib(peakRss)}, issue ${mib(peakDuringIssue)}, before issuing ${mib(rssBeforeIssue)}, before replaying ${mib(rssBeforeReplay)}; heap limit ${mib(v8.getHeapStatistics().heap_size_limit)}`);
    console.log(`report sha256       ${issued.reportSha256}`);
  } finally {
    clearInterval(sampler);
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
