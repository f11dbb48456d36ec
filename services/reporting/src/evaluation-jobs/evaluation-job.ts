import type { Role } from '@training-ledger/auth';

/** The computations that read the whole archive: each runs as a job, never inside a request. */
export const jobKinds = ['issue', 'replay', 'restatement'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStates = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

/**
 * How far into the archive a job's computation read: not yet (null), or through a position of the
 * log (`through` null when the archive was empty). Nothing archived after it enters the result.
 */
export type LogRead = { readonly through: string | null } | null;

/** Why a job failed, as the problem document its request would have answered. */
export interface JobFailure {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly rule?: string;
  readonly field?: string;
}

export interface EvaluationJob {
  readonly jobId: string;
  readonly kind: JobKind;
  /** The evaluation replayed or restated; for an issue, the id the evaluation is issued under. */
  readonly evaluationId: string;
  readonly state: JobState;
  readonly eventsRead: number;
  /** Known for a replay (the evaluation recorded how many events it read); null for a read of the whole archive. */
  readonly eventsTotal: number | null;
  readonly logRead: LogRead;
  /** The roles of the operation that asked for it: who may follow it. */
  readonly roles: readonly Role[];
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** When the job, or the lease of the process holding it, was last renewed; a job not renewed for {@link STALE_AFTER_MS} was abandoned. */
  readonly heartbeatAt: Date;
  readonly failure: JobFailure | null;
}

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

/**
 * Whether a request for the same computation of the same evaluation joins this job (`join`), starts
 * another (`new`), or joins it only if nothing has been archived since the job read the archive
 * (`if-log-unchanged`). A queued job, or one still reading, will read everything archived before the
 * request, so it is joined. A replay re-reads exactly what the evaluation recorded, whatever was
 * archived since, so a finished replay stands for its evaluation while it is kept.
 */
export function reuseOf(job: EvaluationJob, now: Date): 'join' | 'new' | 'if-log-unchanged' {
  switch (job.state) {
    case 'failed':
      return 'new';
    case 'queued':
    case 'running':
      if (isAbandoned(job, now)) return 'new';
      return job.state === 'queued' || job.logRead === null || job.kind === 'replay' ? 'join' : 'if-log-unchanged';
    case 'succeeded':
      return job.kind === 'replay' ? 'join' : 'if-log-unchanged';
    default:
      return job.state satisfies never;
  }
}

/** Queued or running, and not renewed for {@link STALE_AFTER_MS}: the process holding it is gone (killed, not stopped). */
export function isAbandoned(job: EvaluationJob, now: Date): boolean {
  return (job.state === 'queued' || job.state === 'running') && now.getTime() - job.heartbeatAt.getTime() > STALE_AFTER_MS;
}

/** What a job whose process is gone failed with: the request is safe to make again. */
export const ABANDONED_JOB_FAILURE: JobFailure = {
  status: 503,
  title: 'Service Unavailable',
  detail: 'The process running this job stopped before it finished; ask again',
};

export const jobStatusPath = (jobId: string): string => `/evaluation-jobs/${jobId}`;

/** A job as its status route answers it; `result` is the body the operation answered when it ran inside the request. */
export interface EvaluationJobView {
  readonly jobId: string;
  readonly kind: JobKind;
  readonly evaluationId: string;
  readonly state: JobState;
  readonly progress: { readonly eventsRead: number; readonly eventsTotal: number | null };
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly statusUrl: string;
  /** An issued evaluation, once the issue succeeded. */
  readonly resultUrl?: string;
  readonly result?: unknown;
  readonly error?: JobFailure;
}

export function jobView(job: EvaluationJob, result?: unknown): EvaluationJobView {
  return {
    jobId: job.jobId,
    kind: job.kind,
    evaluationId: job.evaluationId,
    state: job.state,
    progress: { eventsRead: job.eventsRead, eventsTotal: job.eventsTotal },
    requestedBy: job.requestedBy,
    requestedAt: job.requestedAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    statusUrl: jobStatusPath(job.jobId),
    ...(job.state === 'succeeded' && job.kind === 'issue' ? { resultUrl: `/evaluations/${job.evaluationId}` } : {}),
    ...(job.state === 'succeeded' ? { result } : {}),
    ...(job.state === 'failed' && job.failure ? { error: job.failure } : {}),
  };
}
