import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiClients } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { answered } from '../certify/answer';
import './evaluations.css';
import './i18n';
import { followJob, JobProgress } from './job';
import { PolicyHistory } from './policy-history';
import { type EvaluationJobView, evaluationKinds, type EvaluationKindView, type EvaluationSummaryView } from './views';
import { dayText, instantText } from '../../dates';

/** The evaluations issued, the evaluator's form to issue one and follow its job, and the policies they used. */
export function EvaluationsScreen() {
  const { t } = useTranslation('evaluations');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [evaluations, reload] = useLoaded(async () => answered<EvaluationSummaryView[]>(await api.reporting.GET('/evaluations', { params: { query: { limit: 500 } } })), [api]);

  return (
    <section aria-labelledby="evaluations-title">
      <h1 id="evaluations-title">{t('list.title')}</h1>
      {session?.roles.includes('evaluator') && <IssueEvaluation onIssued={reload} />}
      <h2>{t('list.issued')}</h2>
      <LoadState loaded={evaluations} retry={reload}>
        {(issued) =>
          issued.length === 0 ? (
            <p>{t('list.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('list.kind')}</th>
                  <th scope="col">{t('list.asOf')}</th>
                  <th scope="col">{t('list.issuedAt')}</th>
                  <th scope="col">{t('list.versions')}</th>
                  <th scope="col">{t('report.reportHash')}</th>
                </tr>
              </thead>
              <tbody>
                {[...issued].reverse().map((evaluation) => (
                  <tr key={evaluation.evaluationId} data-evaluation={evaluation.evaluationId}>
                    <th scope="row">
                      <Link to={`/evaluations/${evaluation.evaluationId}`}>
                        {t(`kinds.${evaluation.kind}`)} · {dayText(evaluation.asOf)}
                      </Link>
                    </th>
                    <td>{dayText(evaluation.asOf)}</td>
                    <td>{instantText(evaluation.issuedAt)}</td>
                    <td>
                      {evaluation.coverageRuleVersion} / {evaluation.phaseTargetsVersion}
                    </td>
                    <td>
                      <code>{evaluation.reportSha256.slice(0, 16)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      <PolicyHistory api={api} />
    </section>
  );
}

function IssueEvaluation({ onIssued }: { onIssued: () => void }) {
  const { t } = useTranslation('evaluations');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [kind, setKind] = useState<EvaluationKindView>('mid-term');
  const [asOf, setAsOf] = useState('');
  const [job, setJob] = useState<EvaluationJobView | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean; evaluationId?: string } | null>(null);

  const issue = async () => {
    setOutcome(null);
    try {
      const accepted = answered<EvaluationJobView>(await api.reporting.POST('/evaluations', { body: { kind, asOf } }));
      const finished = await followJob(api, accepted, setJob);
      setOutcome({ text: t('list.done', { kind: t(`kinds.${kind}`), asOf: dayText(asOf) }), failed: false, evaluationId: finished.evaluationId });
      onIssued();
    } catch (failure) {
      setOutcome({ text: t('list.failed', { reason: failure instanceof Error ? failure.message : String(failure) }), failed: true });
    }
  };
  const busy = job !== null && (job.state === 'queued' || job.state === 'running');

  return (
    <form
      className="card evaluation-check"
      aria-labelledby="issue-evaluation"
      onSubmit={(event) => {
        event.preventDefault();
        void issue();
      }}
    >
      <h2 id="issue-evaluation">{t('list.issueTitle')}</h2>
      <label>
        {t('list.kind')}
        <select value={kind} onChange={(event) => setKind(event.target.value as EvaluationKindView)}>
          {evaluationKinds.map((option) => (
            <option key={option} value={option}>
              {t(`kinds.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('list.asOf')}
        <input type="date" required value={asOf} onChange={(event) => setAsOf(event.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? t('list.issuing') : t('list.issue')}
      </button>
      {job && <JobProgress job={job} />}
      {outcome && (
        <p role={outcome.failed ? 'alert' : 'status'}>
          {outcome.text} {outcome.evaluationId && <Link to={`/evaluations/${outcome.evaluationId}`}>{t('list.open')}</Link>}
        </p>
      )}
    </form>
  );
}
