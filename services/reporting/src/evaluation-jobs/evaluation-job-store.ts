import type { Role } from '@training-ledger/auth';
import type { Connection } from 'mongoose';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EvaluationJob, JobFailure, JobKind, JobState, LogRead } from './evaluation-job';

/** Finished jobs are kept this long, and at most {@link MAX_FINISHED_JOBS} of them. */
export const FINISHED_JOB_RETENTION_MS = 60 * 60 * 1000;
export const MAX_FINISHED_JOBS = 200;

interface JobDocument {
  _id: string;
  kind: JobKind;
  evaluationId: string;
  state: JobState;
  eventsRead: number;
  eventsTotal: number | null;
  logRead: boolean;
  logReadThrough: string | null;
  roles: Role[];
  requestedBy: string;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date;
  /** The process that runs it. */
  owner: string;
  failure: JobFailure | null;
  /** The result as deflated JSON: a restatement lists every changed figure, and its paths are no field names for MongoDB. */
  resultDeflated?: Buffer | { buffer: Uint8Array };
}

export interface JobProgress {
  readonly eventsRead: number;
  readonly eventsTotal: number | null;
  readonly logRead: LogRead;
}

/** A process's renewal of every job it holds, kept apart from the jobs: see {@link EvaluationJobStore}. */
interface LeaseDocument {
  /** The process, as the `owner` of its jobs. */
  _id: string;
  renewedAt: Date;
}

/**
 * Evaluation jobs in the service's MongoDB, so that every replica answers for a job whichever one
 * runs it. Works on FerretDB 1.x: plain inserts, reads and single-document updates.
 *
 * FerretDB 1.x updates a document by reading it and writing all of it back, unguarded: of two
 * updates of one document at once, one can undo the other. So each job document is written by one
 * writer at a time (its process, in order), and the renewals a process makes while it holds jobs go
 * to its own lease document, never to the jobs: a renewal racing a job's result once wrote the job
 * back as running, and it was failed as abandoned half a minute later.
 */
export class EvaluationJobStore {
  private readonly jobs;
  private readonly leases;

  constructor(connection: Connection, collection = 'evaluation_jobs') {
    this.jobs = connection.collection<JobDocument>(collection);
    this.leases = connection.collection<LeaseDocument>(`${collection}_leases`);
  }

  async ensureIndexes(): Promise<void> {
    await this.jobs.createIndex({ kind: 1, evaluationId: 1, requestedAt: -1 }, { name: 'latest_per_evaluation' });
    await this.jobs.createIndex({ finishedAt: 1 }, { name: 'finished_at' });
    await this.jobs.createIndex({ owner: 1 }, { name: 'owner' });
  }

  async create(job: EvaluationJob, owner: string): Promise<void> {
    await this.jobs.insertOne({
      _id: job.jobId,
      kind: job.kind,
      evaluationId: job.evaluationId,
      state: job.state,
      eventsRead: job.eventsRead,
      eventsTotal: job.eventsTotal,
      logRead: job.logRead !== null,
      logReadThrough: job.logRead?.through ?? null,
      roles: [...job.roles],
      requestedBy: job.requestedBy,
      requestedAt: job.requestedAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      heartbeatAt: job.heartbeatAt,
      owner,
      failure: job.failure,
    });
  }

  /** The job and, once it succeeded, its result. */
  async find(jobId: string): Promise<{ job: EvaluationJob; result: unknown } | null> {
    const document = await this.jobs.findOne({ _id: jobId });
    return document ? { job: toJob(document, await this.renewedAt(document)), result: inflate(document.resultDeflated) } : null;
  }

  /** The most recently requested job of this kind for this evaluation. */
  async latest(kind: JobKind, evaluationId: string): Promise<EvaluationJob | null> {
    const [document] = await this.jobs
      .find({ kind, evaluationId }, { projection: { resultDeflated: 0 } })
      .sort({ requestedAt: -1 })
      .limit(1)
      .toArray();
    return document ? toJob(document, await this.renewedAt(document)) : null;
  }

  async started(jobId: string, at: Date): Promise<void> {
    await this.jobs.updateOne({ _id: jobId, state: 'queued' }, { $set: { state: 'running', startedAt: at, heartbeatAt: at } });
  }

  async progressed(jobId: string, progress: JobProgress, at: Date): Promise<void> {
    await this.jobs.updateOne({ _id: jobId, state: 'running' }, { $set: { ...progressFields(progress), heartbeatAt: at } });
  }

  async succeeded(jobId: string, progress: JobProgress, result: unknown, at: Date): Promise<void> {
    await this.jobs.updateOne(
      { _id: jobId, state: 'running' },
      { $set: { ...progressFields(progress), state: 'succeeded', finishedAt: at, heartbeatAt: at, resultDeflated: deflateRawSync(JSON.stringify(result) ?? 'null') } },
    );
  }

  async failed(jobId: string, failure: JobFailure, at: Date): Promise<void> {
    await this.jobs.updateOne({ _id: jobId, state: { $in: ['queued', 'running'] } }, { $set: { state: 'failed', failure, finishedAt: at, heartbeatAt: at } });
  }

  /** Renews every job the process holds, queued or running, by its lease alone. */
  async renew(owner: string, at: Date): Promise<void> {
    await this.leases.updateOne({ _id: owner }, { $set: { renewedAt: at } }, { upsert: true });
  }

  /** Fails a job nobody renews any more, unless it or its process was renewed since `heartbeatAt` was read. */
  async failAbandoned(jobId: string, heartbeatAt: Date, failure: JobFailure, at: Date): Promise<void> {
    const document = await this.jobs.findOne({ _id: jobId, state: { $in: ['queued', 'running'] } }, { projection: { resultDeflated: 0 } });
    if (!document || toJob(document, await this.renewedAt(document)).heartbeatAt > heartbeatAt) return;
    await this.jobs.updateOne(
      { _id: jobId, state: { $in: ['queued', 'running'] }, heartbeatAt: document.heartbeatAt },
      { $set: { state: 'failed', failure, finishedAt: at, heartbeatAt: at } },
    );
  }

  /** A process that stops fails the jobs it still holds, so that nobody waits for them. */
  async failUnfinished(owner: string, failure: JobFailure, at: Date): Promise<void> {
    await this.jobs.updateMany({ owner, state: { $in: ['queued', 'running'] } }, { $set: { state: 'failed', failure, finishedAt: at, heartbeatAt: at } });
  }

  /** Forgets finished jobs older than the retention, and all but the newest {@link MAX_FINISHED_JOBS}. */
  async purge(now: Date): Promise<void> {
    await this.jobs.deleteMany({ finishedAt: { $ne: null, $lt: new Date(now.getTime() - FINISHED_JOB_RETENTION_MS) } });
    const [oldestKept] = await this.jobs
      .find({ finishedAt: { $ne: null } }, { projection: { finishedAt: 1 } })
      .sort({ finishedAt: -1 })
      .skip(MAX_FINISHED_JOBS - 1)
      .limit(1)
      .toArray();
    if (oldestKept?.finishedAt) await this.jobs.deleteMany({ finishedAt: { $ne: null, $lt: oldestKept.finishedAt } });
    await this.leases.deleteMany({ renewedAt: { $lt: new Date(now.getTime() - FINISHED_JOB_RETENTION_MS) } });
  }

  /** When the process holding an unfinished job last renewed its lease; null for a finished job, or a process never renewed. */
  private async renewedAt(document: JobDocument): Promise<Date | null> {
    if (document.state !== 'queued' && document.state !== 'running') return null;
    const lease = await this.leases.findOne({ _id: document.owner });
    return lease ? new Date(lease.renewedAt) : null;
  }
}

function progressFields(progress: JobProgress): Pick<JobDocument, 'eventsRead' | 'eventsTotal' | 'logRead' | 'logReadThrough'> {
  return { eventsRead: progress.eventsRead, eventsTotal: progress.eventsTotal, logRead: progress.logRead !== null, logReadThrough: progress.logRead?.through ?? null };
}

/** The job, renewed when it or its process's lease last was. */
function toJob(document: JobDocument, leaseRenewedAt: Date | null): EvaluationJob {
  const heartbeatAt = new Date(document.heartbeatAt);
  return {
    jobId: document._id,
    kind: document.kind,
    evaluationId: document.evaluationId,
    state: document.state,
    eventsRead: document.eventsRead,
    eventsTotal: document.eventsTotal,
    logRead: document.logRead ? { through: document.logReadThrough } : null,
    roles: document.roles,
    requestedBy: document.requestedBy,
    requestedAt: new Date(document.requestedAt),
    startedAt: document.startedAt ? new Date(document.startedAt) : null,
    finishedAt: document.finishedAt ? new Date(document.finishedAt) : null,
    heartbeatAt: leaseRenewedAt && leaseRenewedAt > heartbeatAt ? leaseRenewedAt : heartbeatAt,
    failure: document.failure ?? null,
  };
}

function inflate(deflated: JobDocument['resultDeflated']): unknown {
  if (deflated === undefined) return undefined;
  const bytes = Buffer.isBuffer(deflated) ? deflated : Buffer.from(deflated.buffer);
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as unknown;
}
