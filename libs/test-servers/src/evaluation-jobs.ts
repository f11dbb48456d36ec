/** An evaluation job as reporting's `GET /evaluation-jobs/{jobId}` answers it. */
export interface EvaluationJobAnswer<T = unknown> {
  readonly jobId: string;
  readonly kind: 'issue' | 'replay' | 'restatement';
  readonly evaluationId: string;
  readonly state: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly progress: { readonly eventsRead: number; readonly eventsTotal: number | null };
  readonly statusUrl: string;
  readonly resultUrl?: string;
  readonly result?: T;
  readonly error?: { readonly status: number; readonly title: string; readonly detail?: string };
}

/** A job that ended failed; a 503 says the process running it stopped, and the request may be made again. */
export class EvaluationJobFailed extends Error {
  readonly status: number | undefined;

  constructor(job: EvaluationJobAnswer) {
    super(`evaluation job ${job.jobId} (${job.kind} of ${job.evaluationId}) failed: ${job.error?.status} ${job.error?.detail ?? job.error?.title}`);
    this.status = job.error?.status;
  }
}

export interface FollowOptions {
  /** Headers sent with every request besides the bearer token, e.g. `x-simulated-now`. */
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
  /** How many times to make the request again when its job fails with 503 (its process stopped); 2 when omitted. */
  readonly askAgain?: number;
}

/**
 * Follows an evaluation job from the answer that accepted it until it ends, asking again after a
 * growing pause: its result when it succeeded; an error naming the problem when it failed or did
 * not end in time. A status request that does not reach the service (it is restarting) is sent again.
 */
export async function followEvaluationJob<T>(baseUrl: string, token: string, accepted: Pick<EvaluationJobAnswer, 'statusUrl'>, options: FollowOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (let pauseMs = 50; ; pauseMs = Math.min(pauseMs * 1.5, 1_000)) {
    const job = await readJob<T>(`${baseUrl}${accepted.statusUrl}`, token, options.headers);
    if (job?.state === 'succeeded') return job.result as T;
    if (job?.state === 'failed') throw new EvaluationJobFailed(job);
    if (Date.now() > deadline) throw new Error(`evaluation job at ${accepted.statusUrl} still ${job?.state ?? 'unreachable'} after ${options.timeoutMs ?? 600_000} ms${job ? `, ${job.progress.eventsRead} events read` : ''}`);
    await new Promise((wait) => setTimeout(wait, pauseMs));
  }
}

/** Asks for an evaluation job (issue, replay or restatement), expects 202 with Location, and follows it to its result. */
export async function requestEvaluationJob<T>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: FollowOptions = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const location = response.headers.get('location');
  if (response.status !== 202 || location === null) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  try {
    return await followEvaluationJob<T>(baseUrl, token, { statusUrl: location }, options);
  } catch (error) {
    if (!(error instanceof EvaluationJobFailed) || error.status !== 503 || (options.askAgain ?? 2) <= 0) throw error;
    return requestEvaluationJob<T>(baseUrl, token, method, path, body, { ...options, askAgain: (options.askAgain ?? 2) - 1 });
  }
}

async function readJob<T>(url: string, token: string, headers: Record<string, string> = {}): Promise<EvaluationJobAnswer<T> | null> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  } catch {
    return null;
  }
  if (response.status === 503) return null;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return (await response.json()) as EvaluationJobAnswer<T>;
}
