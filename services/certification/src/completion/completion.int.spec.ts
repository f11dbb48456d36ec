import type { CompletionRule } from '@training-ledger/contracts';
import { globalPosition, PostgresEventStore } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage } from '@training-ledger/messaging';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CompletionService } from './completion.service';
import { completionStreamName, eligibilityOf } from './run-completion.decider';
import { certificationUpcasters, type RetiredRunFactNoted } from './run-completion.upcasters';
import type { RunFact } from './run-evidence';

const rule: CompletionRule = { ruleVersion: 2, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null };
const sessions = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
const course = { courseId: 'KN-DP-01', courseCode: 'KN-DP-01', level: 'universal', trainingGroup: 'skills-and-style', format: 'in-person', hostAgencyId: null } as const;

function factsOfRun(runId: string): RunFact[] {
  const approved = (traineeId: string): RunFact => ({
    type: 'NominationApproved.v1',
    data: { nominationId: `n-${traineeId}`, runId, traineeId, agencyId: 'BTC', targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
  });
  const marks = (traineeId: string, attended: number): RunFact[] =>
    sessions.map((sessionId, index) => ({
      type: 'AttendanceRecorded.v1',
      data: { runId, sessionId, traineeId, status: index < attended ? 'present' : 'absent', observedAt: '2027-03-15T08:05:00+07:00', recordId: `${traineeId}/${sessionId}`, postedBy: 'HVNG' },
    }));
  return [approved('t-1'), approved('t-2'), ...marks('t-1', 9), ...marks('t-2', 7)];
}

const completedFact = (runId: string): RunFact => ({
  type: 'CourseRunCompleted.v1',
  data: { runId, ...course, completedOn: '2027-03-19', sessionsHeld: sessions, hasForeignLecturer: false, completionRule: rule },
});

const metadata = { correlationId: 'c-1', causationId: null, actor: { id: 'course-delivery', roles: [] }, occurredAt: '2027-03-19T10:00:00.000Z' };

const message = (fact: RunFact, eventId: string): DecodedIntegrationMessage => ({
  eventId,
  type: fact.type,
  data: fact.data,
  metadata: { ...metadata, recordedAt: metadata.occurredAt },
  source: { service: 'course-delivery', streamName: `run-${fact.data.runId}`, streamPosition: 0n, globalPosition: globalPosition(0n, 0n) },
  key: null,
  trace: null,
  headers: {},
});

describe('completion evidence in certification’s log', () => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required for the completion tests');
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = `es_completion_${randomBytes(5).toString('hex')}`;
  let store: PostgresEventStore;
  let completion: CompletionService;

  beforeAll(async () => {
    store = await PostgresEventStore.create({ pool, schema, upcasters: certificationUpcasters() });
    completion = new CompletionService(store);
  });

  afterAll(async () => {
    await store?.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('notes a consumed batch of a run as one event, and decides on it', async () => {
    const runId = `run-${randomUUID()}`;
    const batch = [...factsOfRun(runId), completedFact(runId)].map((fact) => message(fact, randomUUID()));

    const assessed = await completion.note(batch);

    expect(assessed.map(({ traineeId, eligible }) => ({ traineeId, eligible }))).toEqual([
      { traineeId: 't-1', eligible: true },
      { traineeId: 't-2', eligible: false },
    ]);
    const stored = await store.readStream(completionStreamName(runId));
    expect(stored.map((event) => event.type)).toEqual(['RunEvidenceNoted.v1', 'CompletionAssessed.v1', 'CompletionAssessed.v1']);
    expect(await completion.note(batch)).toEqual([]);
    expect(await store.readStream(completionStreamName(runId))).toHaveLength(3);
  });

  it('reads facts noted one by one by the earlier release as evidence, and decides on them as it did', async () => {
    const runId = `run-${randomUUID()}`;
    const retired = factsOfRun(runId).map((fact) => ({ eventId: randomUUID(), fact }));
    await store.appendToStream(
      completionStreamName(runId),
      retired.map(({ eventId, fact }) => ({
        eventId: randomUUID(),
        type: 'RunFactNoted.v1',
        data: { runId, sourceEventId: eventId, fact } satisfies RetiredRunFactNoted,
        metadata,
      })),
      { expectedVersion: 'no_stream' },
    );

    const redelivered = retired.slice(-3).map(({ eventId, fact }) => message(fact, eventId));
    const assessed = await completion.note([...redelivered, message(completedFact(runId), randomUUID())]);

    expect(assessed.map(({ traineeId, eligible, sessionsAttended }) => ({ traineeId, eligible, sessionsAttended }))).toEqual([
      { traineeId: 't-1', eligible: true, sessionsAttended: 9 },
      { traineeId: 't-2', eligible: false, sessionsAttended: 7 },
    ]);
    const noted = (await store.readStream(completionStreamName(runId))).at(-3);
    expect(noted?.type).toBe('RunEvidenceNoted.v1');
    expect((noted?.data as { items: unknown[] }).items).toHaveLength(1);
    const asStored = await store.readAllAsStored('start', { limit: 10_000 });
    expect(asStored.filter((event) => event.streamName === completionStreamName(runId) && event.type === 'RunFactNoted.v1')).toHaveLength(retired.length);
    expect(eligibilityOf(await completion.stateOf(runId), 't-1')?.run).toMatchObject({ courseCode: 'KN-DP-01', startDate: '2027-03-19' });
  });
});
