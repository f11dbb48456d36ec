import { Logger } from '@nestjs/common';
import { DomainRuleViolation } from '@training-ledger/decider';
import { type GlobalPosition, PostgresEventStore } from '@training-ledger/event-store';
import { sampleValue, ServiceMetrics } from '@training-ledger/platform';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { INBOX_BATCH_EVENT_TYPE, inboxStreamName } from '../inbox/archived-batch';
import { type EvaluationJob, STALE_AFTER_MS } from './evaluation-job';
import { EvaluationJobStore } from './evaluation-job-store';
import { EvaluationJobs, EvaluationQueueFull, type JobRequest, type JobWatch, MAX_WAITING_JOBS } from './evaluation-jobs';

/** A computation that waits until the test lets it finish, and says when it started. */
function heldComputation(result: unknown, work: (watch: JobWatch) => void | Promise<void> = () => undefined) {
  let finish!: () => void;
  let started!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const running = new Promise<void>((resolve) => (started = resolve));
  return {
    finish,
    running,
    compute: async (watch: JobWatch) => {
      started();
      await work(watch);
      await finished;
      return result;
    },
  };
}

/**
 * The queue of evaluation jobs on real MongoDB and a real event log: one job at a time, the same
 * replay or restatement never computed twice over the same archive, progress and failures recorded.
 */
describe('evaluation jobs', () => {
  const isolated = IsolatedEnvironment.create('evaluation-jobs');
  let connection: Connection;
  let eventStore: PostgresEventStore;
  let store: EvaluationJobStore;
  let jobs: EvaluationJobs;
  let metrics: ServiceMetrics;

  beforeAll(async () => {
    connection = await mongoose.createConnection(process.env.MONGO_URL!, { dbName: isolated.database }).asPromise();
    eventStore = await PostgresEventStore.create({ connectionString: process.env.DATABASE_URL!, schema: isolated.schema });
    store = new EvaluationJobStore(connection);
    metrics = new ServiceMetrics('reporting');
    jobs = new EvaluationJobs(store, eventStore, metrics);
    await jobs.onModuleInit();
  });

  afterAll(async () => {
    await jobs?.beforeApplicationShutdown();
    await connection?.close();
    await eventStore?.close();
    await isolated.dispose();
  });

  const request = (kind: JobRequest['kind'], evaluationId: string, compute: JobRequest['compute']): JobRequest => ({
    kind,
    evaluationId,
    roles: ['auditor', 'evaluator'],
    requestedBy: 'state-audit-office',
    compute,
  });

  async function until(jobId: string, holds: (job: EvaluationJob) => boolean): Promise<{ job: EvaluationJob; result: unknown }> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 50))) {
      const found = await jobs.find(jobId);
      if (found && holds(found.job)) return found;
    }
    throw new Error(`job ${jobId} never came to the state the test waits for: ${JSON.stringify((await jobs.find(jobId))?.job)}`);
  }

  let offset = 0;
  const archive = async () => {
    offset += 1;
    await eventStore.appendToStream(
      inboxStreamName('certification.events.v1', 0),
      [{ type: INBOX_BATCH_EVENT_TYPE, data: { topic: 'certification.events.v1', partition: 0, firstOffset: String(offset), lastOffset: String(offset), count: 1, messages: '[]' }, metadata: { correlationId: randomUUID(), actor: { id: 'reporting', roles: [] }, occurredAt: '2027-01-01T00:00:00.000Z' } }],
      { expectedVersion: 'any' },
    );
  };

  it('runs one job at a time, in the order asked, the others queued', async () => {
    const computations = [heldComputation('first'), heldComputation('second'), heldComputation('third')];
    const accepted = [];
    for (const computation of computations) accepted.push(await jobs.submit(request('issue', randomUUID(), computation.compute)));
    expect(accepted.map((job) => job.state)).toEqual(['queued', 'queued', 'queued']);

    await computations[0]!.running;
    await until(accepted[0]!.jobId, (job) => job.state === 'running');
    expect((await jobs.find(accepted[1]!.jobId))?.job.state).toBe('queued');
    expect((await jobs.find(accepted[2]!.jobId))?.job.state).toBe('queued');

    computations[0]!.finish();
    await computations[1]!.running;
    expect((await until(accepted[0]!.jobId, (job) => job.state === 'succeeded')).result).toBe('first');
    expect((await jobs.find(accepted[2]!.jobId))?.job.state).toBe('queued');
    computations[1]!.finish();
    computations[2]!.finish();
    expect((await until(accepted[2]!.jobId, (job) => job.state === 'succeeded')).result).toBe('third');
    const [first, second] = [(await jobs.find(accepted[0]!.jobId))!.job, (await jobs.find(accepted[1]!.jobId))!.job];
    expect(second.startedAt!.getTime()).toBeGreaterThanOrEqual(first.finishedAt!.getTime());
    expect(sampleValue(await metrics.text(), 'training_ledger_evaluation_job_duration_seconds_count', { kind: 'issue', outcome: 'succeeded' })).toBeGreaterThanOrEqual(3);
  });

  it('computes a restatement once for every request while it is queued or running, and reuses it while nothing new is archived', async () => {
    await archive();
    const evaluationId = randomUUID();
    let computed = 0;
    const held = heldComputation({ changes: [] }, async (watch) => {
      computed += 1;
      watch.progress(1, null);
      const [last] = (await eventStore.readAll('start', { limit: 1_000 })).slice(-1);
      watch.readThrough(last!.globalPosition);
    });
    const asked = await Promise.all(Array.from({ length: 5 }, () => jobs.submit(request('restatement', evaluationId, held.compute))));
    expect(new Set(asked.map((job) => job.jobId)).size).toBe(1);
    await held.running;
    const joinedWhileRunning = await jobs.submit(request('restatement', evaluationId, held.compute));
    expect(joinedWhileRunning.jobId).toBe(asked[0]!.jobId);
    held.finish();
    await until(asked[0]!.jobId, (job) => job.state === 'succeeded');

    const reused = await jobs.submit(request('restatement', evaluationId, held.compute));
    expect(reused.jobId).toBe(asked[0]!.jobId);
    expect(computed).toBe(1);

    // A replay of the same evaluation is another computation.
    const replay = await jobs.submit(request('replay', evaluationId, async () => ({ outcome: 'identical' })));
    expect(replay.jobId).not.toBe(asked[0]!.jobId);
    await until(replay.jobId, (job) => job.state === 'succeeded');

    await archive();
    const afterArchive = await jobs.submit(request('restatement', evaluationId, async () => ({ changes: ['late'] })));
    expect(afterArchive.jobId).not.toBe(asked[0]!.jobId);
    expect((await until(afterArchive.jobId, (job) => job.state === 'succeeded')).result).toEqual({ changes: ['late'] });
  });

  it('reuses a finished replay of the same evaluation, which reads only what the evaluation recorded', async () => {
    const evaluationId = randomUUID();
    const first = await jobs.submit(request('replay', evaluationId, async () => ({ outcome: 'identical' })));
    await until(first.jobId, (job) => job.state === 'succeeded');
    await archive();
    expect((await jobs.submit(request('replay', evaluationId, async () => ({ outcome: 'other' })))).jobId).toBe(first.jobId);
  });

  it('records progress and how far the archive was read while a job runs', async () => {
    const held = heldComputation({ outcome: 'identical' }, (watch) => {
      watch.progress(1_200, 1_500);
      watch.readThrough('0000000000000005:0000000000000009' as GlobalPosition);
    });
    const job = await jobs.submit(request('replay', randomUUID(), held.compute));
    const running = await until(job.jobId, (candidate) => candidate.logRead !== null);
    expect(running.job).toMatchObject({ state: 'running', eventsRead: 1_200, eventsTotal: 1_500, logRead: { through: '0000000000000005:0000000000000009' } });
    held.finish();
    expect((await until(job.jobId, (candidate) => candidate.state === 'succeeded')).job).toMatchObject({ eventsRead: 1_200, eventsTotal: 1_500 });
  });

  it('records a failure as the problem the request would have answered, and an unexpected one without its words', async () => {
    const refused = await jobs.submit(
      request('restatement', randomUUID(), async () => {
        throw new DomainRuleViolation('policy-version-exists', 'There is no version 9 of the coverage-rule', 'coverageRuleVersion', 'not-found');
      }),
    );
    expect((await until(refused.jobId, (job) => job.state === 'failed')).job.failure).toEqual({
      status: 404,
      title: 'Not Found',
      detail: 'There is no version 9 of the coverage-rule',
      rule: 'policy-version-exists',
      field: 'coverageRuleVersion',
    });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const broken = await jobs.submit(
      request('issue', randomUUID(), async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
      }),
    );
    const failure = (await until(broken.jobId, (job) => job.state === 'failed')).job.failure;
    logged.mockRestore();
    expect(failure).toEqual({ status: 500, title: 'Internal Server Error', detail: 'An unexpected error occurred' });
    // A failed restatement is asked for again, not answered with its failure.
    expect((await jobs.submit(request('restatement', refused.evaluationId, async () => ({ changes: [] })))).jobId).not.toBe(refused.jobId);
  });

  it('starts another job when the process holding one stopped renewing it', async () => {
    const evaluationId = randomUUID();
    const abandonedAt = new Date(Date.now() - STALE_AFTER_MS - 1_000);
    const abandoned: EvaluationJob = {
      jobId: randomUUID(),
      kind: 'restatement',
      evaluationId,
      state: 'running',
      eventsRead: 10,
      eventsTotal: null,
      logRead: null,
      roles: ['auditor'],
      requestedBy: 'auditor',
      requestedAt: abandonedAt,
      startedAt: abandonedAt,
      finishedAt: null,
      heartbeatAt: abandonedAt,
      failure: null,
    };
    await store.create(abandoned, 'a-process-that-died');
    const fresh = await jobs.submit(request('restatement', evaluationId, async () => ({ changes: [] })));
    expect(fresh.jobId).not.toBe(abandoned.jobId);
  });

  it('answers a job whose process was killed mid-way as failed, to be asked again, rather than running for ever', async () => {
    const abandonedAt = new Date(Date.now() - STALE_AFTER_MS - 1_000);
    const jobId = randomUUID();
    await store.create(
      {
        jobId, kind: 'issue', evaluationId: randomUUID(), state: 'running', eventsRead: 10, eventsTotal: null, logRead: null, roles: ['evaluator'],
        requestedBy: 'evaluator', requestedAt: abandonedAt, startedAt: abandonedAt, finishedAt: null, heartbeatAt: abandonedAt, failure: null,
      },
      'a-process-that-was-killed',
    );
    const renewedJobId = randomUUID();
    const now = new Date();
    await store.create(
      {
        jobId: renewedJobId, kind: 'issue', evaluationId: randomUUID(), state: 'running', eventsRead: 0, eventsTotal: null, logRead: null, roles: ['evaluator'],
        requestedBy: 'evaluator', requestedAt: now, startedAt: now, finishedAt: null, heartbeatAt: now, failure: null,
      },
      'a-live-process',
    );

    expect((await jobs.find(jobId))?.job).toMatchObject({ state: 'failed', failure: { status: 503, detail: expect.stringContaining('ask again') } });
    expect((await store.find(jobId))?.job.state).toBe('failed');
    expect((await jobs.find(renewedJobId))?.job.state).toBe('running');
  });

  it('keeps a job its process renews alive, however long ago the job itself was written', async () => {
    const writtenAt = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    const jobId = randomUUID();
    const evaluationId = randomUUID();
    await store.create(
      {
        jobId, kind: 'restatement', evaluationId, state: 'running', eventsRead: 0, eventsTotal: null, logRead: null, roles: ['auditor'],
        requestedBy: 'auditor', requestedAt: writtenAt, startedAt: writtenAt, finishedAt: null, heartbeatAt: writtenAt, failure: null,
      },
      'a-process-reading-a-large-archive',
    );
    await store.renew('a-process-reading-a-large-archive', new Date());

    expect((await jobs.find(jobId))?.job.state).toBe('running');
    expect((await jobs.submit(request('restatement', evaluationId, async () => ({ changes: [] })))).jobId).toBe(jobId);
  });

  it('never loses a result to a renewal made at the same moment (FerretDB writes a whole document back)', async () => {
    const owner = 'a-process-finishing-jobs';
    const found = [];
    for (let index = 0; index < 40; index += 1) {
      const now = new Date();
      const jobId = randomUUID();
      await store.create(
        {
          jobId, kind: 'issue', evaluationId: randomUUID(), state: 'queued', eventsRead: 0, eventsTotal: null, logRead: null, roles: ['evaluator'],
          requestedBy: 'evaluator', requestedAt: now, startedAt: null, finishedAt: null, heartbeatAt: now, failure: null,
        },
        owner,
      );
      await store.started(jobId, now);
      await Promise.all([store.renew(owner, new Date()), store.succeeded(jobId, { eventsRead: 1, eventsTotal: 1, logRead: null }, index, new Date())]);
      found.push(await store.find(jobId));
    }
    expect(found.map((job) => [job?.job.state, job?.result])).toEqual(found.map((_, index) => ['succeeded', index]));
  });

  it(`keeps at most ${MAX_WAITING_JOBS} jobs waiting behind the one it runs`, async () => {
    const blocker = heldComputation('blocker');
    const running = await jobs.submit(request('issue', randomUUID(), blocker.compute));
    await blocker.running;
    const waiting = [];
    for (let index = 0; index < MAX_WAITING_JOBS; index += 1) waiting.push(await jobs.submit(request('issue', randomUUID(), async () => index)));
    await expect(jobs.submit(request('issue', randomUUID(), async () => 'one too many'))).rejects.toBeInstanceOf(EvaluationQueueFull);
    blocker.finish();
    await until(running.jobId, (job) => job.state === 'succeeded');
    expect((await until(waiting.at(-1)!.jobId, (job) => job.state === 'succeeded')).result).toBe(MAX_WAITING_JOBS - 1);
  });
});
