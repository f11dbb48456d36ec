import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import { answered } from '../certify/answer';
import { followJob, JobProgress } from './job';
import type { EvaluationJobView, EvaluationSummaryView, ReplayOutcomeView, RestatementView } from './views';
import { figureLabel } from './figure-label';

/** Runs a job-backed check and keeps its latest state, its result and its failure. */
function useJob<T>(api: ApiClients) {
  const [job, setJob] = useState<EvaluationJobView | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const start = async (accept: () => Promise<EvaluationJobView>) => {
    setResult(null);
    setProblem(null);
    try {
      setResult((await followJob(api, await accept(), setJob)).result as T);
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const busy = job !== null && (job.state === 'queued' || job.state === 'running');
  return { job, result, problem, busy, start };
}

const shown = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** Replays the evaluation from exactly the events it recorded, and shows whether the report came out the same. */
export function ReplayCheck({ api, evaluation }: { api: ApiClients; evaluation: EvaluationSummaryView }) {
  const { t } = useTranslation('evaluations');
  const replay = useJob<ReplayOutcomeView>(api);
  const { evaluationId } = evaluation;
  const outcome = replay.result;
  return (
    <section aria-labelledby="replay-title" className="card evaluation-check">
      <h2 id="replay-title">{t('replay.title')}</h2>
      <p>{t('replay.explain')}</p>
      <button
        type="button"
        disabled={replay.busy}
        onClick={() => void replay.start(async () => answered<EvaluationJobView>(await api.reporting.POST('/evaluations/{evaluationId}/replay', { params: { path: { evaluationId } } })))}
      >
        {t('replay.run')}
      </button>
      {replay.job && <JobProgress job={replay.job} />}
      {replay.problem && <p role="alert">{replay.problem}</p>}
      {outcome && (
        <div data-replay-outcome={outcome.outcome}>
          <p className={outcome.outcome === 'identical' ? 'verdict' : 'verdict problem'}>
            <strong>{outcome.outcome === 'identical' ? t('replay.identical') : outcome.outcome === 'report-differs' ? t('replay.differs') : t('replay.diverged')}</strong>
            {' · '}
            {t('replay.eventsRead', { count: outcome.eventsRead })}
          </p>
          <dl>
            <dt>{t('replay.recorded')}</dt>
            <dd>
              <code>{outcome.outcome === 'report-differs' ? outcome.recordedSha256 : evaluation.reportSha256}</code>
            </dd>
            <dt>{t('replay.replayed')}</dt>
            <dd>
              <code>{outcome.outcome === 'identical' ? outcome.reportSha256 : outcome.outcome === 'report-differs' ? outcome.replayedSha256 : '—'}</code>
            </dd>
          </dl>
          {outcome.outcome === 'report-differs' && <p>{t('replay.firstDifference', { path: outcome.firstDifference.path })}</p>}
        </div>
      )}
    </section>
  );
}

/** The same as-of date over today's log: every figure that changed since issue, issued beside restated. */
export function RestatementCheck({ api, evaluationId }: { api: ApiClients; evaluationId: string }) {
  const { t, i18n } = useTranslation('evaluations');
  const restatement = useJob<RestatementView>(api);
  const restated = restatement.result;
  return (
    <section aria-labelledby="restatement-title" className="card evaluation-check">
      <h2 id="restatement-title">{t('restatement.title')}</h2>
      <p>{t('restatement.explain')}</p>
      <button
        type="button"
        disabled={restatement.busy}
        onClick={() =>
          void restatement.start(async () => answered<EvaluationJobView>(await api.reporting.GET('/evaluations/{evaluationId}/restatement', { params: { path: { evaluationId } } })))
        }
      >
        {t('restatement.run')}
      </button>
      {restatement.job && <JobProgress job={restatement.job} />}
      {restatement.problem && <p role="alert">{restatement.problem}</p>}
      {restated &&
        (restated.changes.length === 0 ? (
          <p data-restatement="unchanged">{t('restatement.none', { count: restated.eventsSinceIssue })}</p>
        ) : (
          <table data-restatement="changed">
            <caption>{t('restatement.count', { changes: restated.changes.length, count: restated.eventsSinceIssue })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('restatement.figure')}</th>
                <th scope="col">{t('restatement.change')}</th>
                <th scope="col">{t('restatement.issuedValue')}</th>
                <th scope="col">{t('restatement.restatedValue')}</th>
              </tr>
            </thead>
            <tbody>
              {restated.changes.map((change) => (
                <tr key={change.path}>
                  <th scope="row">
                    {figureLabel(change.path, i18n.language)}
                    <br />
                    <code>{change.path}</code>
                  </th>
                  <td>{t(`restatement.changes.${change.change}`)}</td>
                  <td>
                    <del>{shown(change.before)}</del>
                  </td>
                  <td>
                    <ins>{shown(change.after)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
