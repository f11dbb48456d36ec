import { type EvaluationJob, isAbandoned, jobView, reuseOf, STALE_AFTER_MS } from './evaluation-job';

const now = new Date('2029-02-10T03:00:00.000Z');
const job = (overrides: Partial<EvaluationJob>): EvaluationJob => ({
  jobId: 'job-1',
  kind: 'restatement',
  evaluationId: 'evaluation-1',
  state: 'queued',
  eventsRead: 0,
  eventsTotal: null,
  logRead: null,
  roles: ['auditor'],
  requestedBy: 'state-audit-office',
  requestedAt: now,
  startedAt: null,
  finishedAt: null,
  heartbeatAt: now,
  failure: null,
  ...overrides,
});

describe('whether a request joins an evaluation job', () => {
  it.each([
    ['a queued restatement', 'join', job({})],
    ['a restatement still reading the archive', 'join', job({ state: 'running' })],
    ['a restatement that has read the archive', 'if-log-unchanged', job({ state: 'running', logRead: { through: '0000000000000001:0000000000000002' } })],
    ['a finished restatement', 'if-log-unchanged', job({ state: 'succeeded', logRead: { through: null } })],
    ['a running replay', 'join', job({ kind: 'replay', state: 'running', logRead: { through: null } })],
    ['a finished replay', 'join', job({ kind: 'replay', state: 'succeeded' })],
    ['a failed restatement', 'new', job({ state: 'failed' })],
    ['a job its process stopped renewing', 'new', job({ state: 'running', heartbeatAt: new Date(now.getTime() - STALE_AFTER_MS - 1) })],
  ] as const)('%s: %s', (_name, expected, candidate) => {
    expect(reuseOf(candidate, now)).toBe(expected);
  });
});

describe('whether the process holding an evaluation job is gone', () => {
  const stale = new Date(now.getTime() - STALE_AFTER_MS - 1);
  it.each([
    ['a queued job not renewed for longer than the staleness bound', true, job({ heartbeatAt: stale })],
    ['a running job not renewed for longer than the staleness bound', true, job({ state: 'running', heartbeatAt: stale })],
    ['a running job renewed just within the bound', false, job({ state: 'running', heartbeatAt: new Date(now.getTime() - STALE_AFTER_MS) })],
    ['a finished job, however old', false, job({ state: 'succeeded', heartbeatAt: stale })],
    ['a failed job, however old', false, job({ state: 'failed', heartbeatAt: stale })],
  ] as const)('%s: %s', (_name, expected, candidate) => {
    expect(isAbandoned(candidate, now)).toBe(expected);
  });
});

describe('the status of an evaluation job', () => {
  it('shows progress, and the result and where the evaluation is once an issue succeeded', () => {
    const finished = job({ kind: 'issue', state: 'succeeded', eventsRead: 1_200, startedAt: now, finishedAt: now });
    expect(jobView(finished, { evaluationId: 'evaluation-1' })).toEqual({
      jobId: 'job-1',
      kind: 'issue',
      evaluationId: 'evaluation-1',
      state: 'succeeded',
      progress: { eventsRead: 1_200, eventsTotal: null },
      requestedBy: 'state-audit-office',
      requestedAt: now.toISOString(),
      startedAt: now.toISOString(),
      finishedAt: now.toISOString(),
      statusUrl: '/evaluation-jobs/job-1',
      resultUrl: '/evaluations/evaluation-1',
      result: { evaluationId: 'evaluation-1' },
    });
  });

  it('shows the problem of a failed job, and no result', () => {
    const failure = { status: 404, title: 'Not Found', detail: 'No evaluation evaluation-1', rule: 'evaluation-must-exist' };
    const view = jobView(job({ state: 'failed', failure }), 'ignored');
    expect(view).toMatchObject({ state: 'failed', error: failure });
    expect(view).not.toHaveProperty('result');
  });
});
