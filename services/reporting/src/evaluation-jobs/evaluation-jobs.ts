import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Role } from '@training-ledger/auth';
import type { EventStore, GlobalPosition } from '@training-ledger/event-store';
import { METRIC_PREFIX, ProblemDetailsFilter, ProblemException, ServiceMetrics } from '@training-ledger/platform';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { hostname } from 'node:os';
import { Histogram } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { INBOX_CATEGORY } from '../inbox/archived-batch';
import {
  ABANDONED_JOB_FAILURE,
  type EvaluationJob,
  HEARTBEAT_INTERVAL_MS,
  isAbandoned,
  type JobFailure,
  type JobKind,
  jobStatusPath,
  type LogRead,
  reuseOf,
} from './evaluation-job';
import { EvaluationJobStore, type JobProgress } from './evaluation-job-store';

export const EVALUATION_JOB_STORE = 'reporting:evaluation-job-store';

/** How many jobs one process keeps waiting behind the one it runs; more are refused with 503. */
export const MAX_WAITING_JOBS = 20;
/** Progress reaches the store at most this often. */
const PROGRESS_INTERVAL_MS = 1_000;

/** What a computation reports while it runs. */
export interface JobWatch {
  /** Events read so far, and how many there are when that is known. */
  progress(eventsRead: number, eventsTotal: number | null): void;
  /** The archive has been read through this position (null: it was empty); nothing archived later enters the result. */
  readThrough(position: GlobalPosition | null): void;
}

export interface JobRequest {
  readonly kind: JobKind;
  readonly evaluationId: string;
  readonly roles: readonly Role[];
  readonly requestedBy: string;
  /** The whole computation; its result is what the status route answers once the job succeeded. */
  readonly compute: (watch: JobWatch) => Promise<unknown>;
}

interface Waiting {
  readonly jobId: string;
  readonly kind: JobKind;
  readonly compute: JobRequest['compute'];
}

/**
 * Evaluations, replays and restatements read the whole archive (issue and replay as it streams,
 * restatement into memory), for minutes on a large one, so each runs as a job: one at a time per process, behind at most {@link MAX_WAITING_JOBS} others, whoever asks. The
 * queue is the process's own; the jobs' state is in MongoDB, so any replica answers for any job.
 * A replay or restatement asked for while the same one is queued or running, or finished over the
 * same archive, is that job, not another.
 */
@Injectable()
export class EvaluationJobs implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('EvaluationJobs');
  /** This process, as the owner of the jobs it runs. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly waiting: Waiting[] = [];
  private running: string | null = null;
  private stopping = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private renewing = false;
  /** One decision at a time per computation, so that two requests in this process never start the same job twice. */
  private readonly deciding = new Map<string, Promise<unknown>>();

  private readonly durations: Histogram<'kind' | 'outcome'>;

  constructor(
    @Inject(EVALUATION_JOB_STORE) private readonly store: EvaluationJobStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ServiceMetrics) metrics: ServiceMetrics,
  ) {
    this.durations = new Histogram({
      name: `${METRIC_PREFIX}evaluation_job_duration_seconds`,
      help: 'How long evaluation jobs ran, from start to result, by kind (issue, replay, restatement) and outcome (succeeded, failed)',
      labelNames: ['kind', 'outcome'],
      // A replay reads the whole archive: seconds on a small one, many minutes in the programme's last year.
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 2400],
      registers: [metrics.registry],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    this.heartbeat = setInterval(() => void this.renew(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    this.waiting.length = 0;
    await this.store
      .failUnfinished(this.owner, { status: 503, title: 'Service Unavailable', detail: 'The service stopped before the job finished; ask again' }, new Date())
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not mark the unfinished evaluation jobs failed'));
  }

  /** The job that computes what is asked: a new one, or for a replay or restatement the one already under way or done. */
  async submit(request: JobRequest): Promise<EvaluationJob> {
    if (request.kind === 'issue') return this.enqueue(request);
    const key = `${request.kind}/${request.evaluationId}`;
    const decided = (this.deciding.get(key) ?? Promise.resolve()).then(async () => {
      const current = await this.store.latest(request.kind, request.evaluationId);
      return current && (await this.reusable(current)) ? current : this.enqueue(request);
    });
    const settled = decided.catch(() => undefined);
    this.deciding.set(key, settled);
    void settled.then(() => {
      if (this.deciding.get(key) === settled) this.deciding.delete(key);
    });
    return decided;
  }

  /** The job as it stands; one whose process was killed mid-way is failed then, so that nobody waits for it forever. */
  async find(jobId: string): Promise<{ job: EvaluationJob; result: unknown } | null> {
    const found = await this.store.find(jobId);
    const now = new Date();
    if (!found || !isAbandoned(found.job, now)) return found;
    this.logger.warn(`Evaluation job ${jobId} (${found.job.kind} of ${found.job.evaluationId}) was abandoned by a process that stopped renewing it; it is failed`);
    await this.store.failAbandoned(jobId, found.job.heartbeatAt, ABANDONED_JOB_FAILURE, now);
    return this.store.find(jobId);
  }

  private async reusable(job: EvaluationJob): Promise<boolean> {
    const reuse = reuseOf(job, new Date());
    switch (reuse) {
      case 'join':
        return true;
      case 'new':
        return false;
      case 'if-log-unchanged':
        return !(await this.archivedSince(job.logRead));
      default:
        return reuse satisfies never;
    }
  }

  /** Whether anything was archived after the position a job read through: one indexed read of at most one event. */
  private async archivedSince(logRead: LogRead): Promise<boolean> {
    const through = logRead?.through ?? null;
    const later = await this.eventStore.readAll(through === null ? 'start' : { after: through as GlobalPosition }, { limit: 1, filter: { streamCategories: [INBOX_CATEGORY] } });
    return later.length > 0;
  }

  private async enqueue(request: JobRequest): Promise<EvaluationJob> {
    if (this.stopping) throw new ProblemException({ type: 'about:blank', status: 503, detail: 'The service is stopping; ask again' });
    if (this.waiting.length >= MAX_WAITING_JOBS) throw new EvaluationQueueFull(this.waiting.length);
    const now = new Date();
    const job: EvaluationJob = {
      jobId: randomUUID(),
      kind: request.kind,
      evaluationId: request.evaluationId,
      state: 'queued',
      eventsRead: 0,
      eventsTotal: null,
      logRead: null,
      roles: request.roles,
      requestedBy: request.requestedBy,
      requestedAt: now,
      startedAt: null,
      finishedAt: null,
      heartbeatAt: now,
      failure: null,
    };
    await this.store.purge(now);
    await this.store.create(job, this.owner);
    this.waiting.push({ jobId: job.jobId, kind: request.kind, compute: request.compute });
    void this.drain();
    return job;
  }

  /** Runs the waiting jobs one after another; a second call while one runs does nothing. */
  private async drain(): Promise<void> {
    if (this.running !== null) return;
    for (let next = this.waiting.shift(); next && !this.stopping; next = this.waiting.shift()) {
      this.running = next.jobId;
      try {
        await this.run(next);
      } finally {
        this.running = null;
      }
    }
  }

  private async run({ jobId, kind, compute }: Waiting): Promise<void> {
    let progress: JobProgress = { eventsRead: 0, eventsTotal: null, logRead: null };
    let reported = 0;
    // Progress is written in the order it was made, never an older figure over a newer one.
    let written = Promise.resolve();
    const report = () => {
      reported = Date.now();
      const snapshot = progress;
      written = written
        .then(() => this.store.progressed(jobId, snapshot, new Date()))
        .catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'Could not record the progress of an evaluation job'));
    };
    const watch: JobWatch = {
      progress: (eventsRead, eventsTotal) => {
        progress = { ...progress, eventsRead, eventsTotal };
        if (Date.now() - reported >= PROGRESS_INTERVAL_MS) report();
      },
      readThrough: (position) => {
        progress = { ...progress, logRead: { through: position } };
        report();
      },
    };
    const timer = this.durations.startTimer({ kind });
    let computed = false;
    try {
      await this.store.started(jobId, new Date());
      const result = await compute(watch);
      computed = true;
      timer({ outcome: 'succeeded' });
      await written;
      await this.store.succeeded(jobId, progress, result, new Date());
    } catch (error) {
      if (!computed) timer({ outcome: 'failed' });
      await written;
      await this.store.failed(jobId, failureOf(error, jobId), new Date()).catch((failure: unknown) => this.logger.error({ err: failure, jobId }, 'Could not record an evaluation job as failed'));
    }
  }

  /** One renewal at a time: two at once could write the older time last. */
  private async renew(): Promise<void> {
    if (this.renewing || (this.running === null && this.waiting.length === 0)) return;
    this.renewing = true;
    await this.store
      .renew(this.owner, new Date())
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not renew the evaluation jobs of this process'))
      .finally(() => (this.renewing = false));
  }
}

/** Too many jobs wait in this process: answered 503 with Retry-After. */
export class EvaluationQueueFull extends ProblemException {
  static readonly retryAfterSeconds = 30;

  constructor(waiting: number) {
    super({ type: 'about:blank', status: 503, detail: `${waiting} evaluation jobs are waiting; ask again in ${EvaluationQueueFull.retryAfterSeconds} s` });
  }
}

/** A failed computation as the problem its request would have answered; an unexpected failure is logged and told in general words. */
function failureOf(error: unknown, jobId: string): JobFailure {
  const { status, title, detail, rule, field } = new ProblemDetailsFilter().toProblem(error, jobStatusPath(jobId));
  return { status, title, ...(detail !== undefined ? { detail } : {}), ...(rule !== undefined ? { rule } : {}), ...(field !== undefined ? { field } : {}) };
}
