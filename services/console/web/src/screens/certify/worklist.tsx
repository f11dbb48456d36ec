import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { answered } from './answer';
import './certify.css';
import './i18n';
import { NotOnWorklist } from './eligibility-preview';
import { useReloadUntil } from './reload-until';
import type { EligibilityEntryView, IssueResultView, RunSummaryView, WorklistEntryView } from './views';
import { dayText } from '../../dates';

/** Completed runs, newest first; the certifier picks one and issues its eligible trainees' certificates together. */
export function CertifyWorklistScreen() {
  const { t } = useTranslation('certify');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [runId, setRunId] = useState<string | null>(null);
  const [runs, reload] = useLoaded(async () => {
    const all = answered<RunSummaryView[]>(await api['course-delivery'].GET('/runs', { params: { query: { limit: 5000 } } }));
    return all.filter((run) => run.status === 'completed').reverse();
  }, [api]);

  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">{t('worklist.title')}</h1>
      <h2>{t('worklist.runs')}</h2>
      <LoadState loaded={runs} retry={reload}>
        {(completed) =>
          completed.length === 0 ? (
            <p>{t('worklist.noRuns')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('worklist.run')}</th>
                  <th scope="col">{t('worklist.course')}</th>
                  <th scope="col">{t('worklist.dates')}</th>
                  <th scope="col">{t('worklist.completedOn')}</th>
                  <th scope="col">{t('certificates.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {completed.map((run) => (
                  <tr key={run.runId} aria-current={run.runId === runId ? 'true' : undefined}>
                    <th scope="row">{run.runId}</th>
                    <td>{run.courseCode}</td>
                    <td>
                      {dayText(run.startDate)} – {dayText(run.endDate)}
                    </td>
                    <td>{run.completedOn ?? '—'}</td>
                    <td>
                      <button type="button" aria-label={`${t('worklist.open')}: ${run.runId}`} onClick={() => setRunId(run.runId)}>
                        {t('worklist.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {runId && <RunWorklist key={runId} runId={runId} />}
    </section>
  );
}

function RunWorklist({ runId }: { runId: string }) {
  const { t } = useTranslation('certify');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const mayIssue = session?.roles.includes('certifier') ?? false;
  const [worklist, reload] = useLoaded(async () => {
    const path = { params: { path: { runId } } };
    const [entries, preview] = await Promise.all([api.certification.GET('/runs/{runId}/worklist', path), api.certification.GET('/runs/{runId}/eligibility', path)]);
    return { entries: answered<WorklistEntryView[]>(entries), preview: answered<EligibilityEntryView[]>(preview) };
  }, [api, runId]);
  const reloadUntil = useReloadUntil(worklist, reload);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const [result, setResult] = useState<IssueResultView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (traineeId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(traineeId)) next.delete(traineeId);
      else next.add(traineeId);
      return next;
    });

  const issue = async () => {
    const holders = [...selected].map((traineeId) => ({ traineeId, holderName: (names[traineeId] ?? '').trim() }));
    if (holders.some((holder) => holder.holderName === '')) return setProblem(t('worklist.needName'));
    setProblem(null);
    setBusy(true);
    try {
      const answer = await api.certification.POST('/runs/{runId}/certificates', {
        params: { path: { runId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: { holders },
      });
      const issued = answered<IssueResultView>(answer);
      setResult(issued);
      setSelected(new Set());
      const certified = new Set(issued.items.filter((item) => item.result === 'accepted').map((item) => item.traineeId));
      reloadUntil(({ entries }) => entries.every((entry) => !certified.has(entry.traineeId)));
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="worklist-run">
      <LoadState loaded={worklist} retry={reload}>
        {({ entries, preview }) => (
          <>
            <h2 id="worklist-run">
              {runId}: {t('worklist.preview', { count: entries.length })}
            </h2>
            <p>{t('worklist.previewExplain')}</p>
            {entries.length === 0 ? (
              <p>{t('worklist.empty')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    {mayIssue && (
                      <th scope="col">
                        <label>
                          <input
                            type="checkbox"
                            checked={selected.size === entries.length}
                            onChange={(event) => setSelected(new Set(event.target.checked ? entries.map((entry) => entry.traineeId) : []))}
                          />{' '}
                          {t('worklist.selectAll')}
                        </label>
                      </th>
                    )}
                    <th scope="col">{t('worklist.trainee')}</th>
                    <th scope="col">{t('worklist.agency')}</th>
                    <th scope="col">{t('worklist.attendance')}</th>
                    <th scope="col">{t('worklist.assessment')}</th>
                    {mayIssue && <th scope="col">{t('worklist.holderName')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.traineeId} data-trainee={entry.traineeId}>
                      {mayIssue && (
                        <td>
                          <input type="checkbox" aria-label={`${t('worklist.select')} ${entry.traineeId}`} checked={selected.has(entry.traineeId)} onChange={() => toggle(entry.traineeId)} />
                        </td>
                      )}
                      <th scope="row">{entry.traineeId}</th>
                      <td>{entry.agencyId}</td>
                      <td>{(Number(entry.attendanceShare) * 100).toFixed(2)}%</td>
                      <td>{entry.assessmentPassed === null ? t('worklist.notRequired') : entry.assessmentPassed ? t('worklist.passed') : t('worklist.failed')}</td>
                      {mayIssue && (
                        <td>
                          <input
                            type="text"
                            aria-label={t('worklist.holderNameOf', { traineeId: entry.traineeId })}
                            value={names[entry.traineeId] ?? ''}
                            onChange={(event) => setNames((current) => ({ ...current, [entry.traineeId]: event.target.value }))}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {mayIssue && entries.length > 0 && (
              <button type="button" disabled={busy || selected.size === 0} onClick={() => void issue()}>
                {busy ? t('worklist.issuing') : t('worklist.issue', { count: selected.size })}
              </button>
            )}
            <NotOnWorklist entries={preview} />
          </>
        )}
      </LoadState>
      {problem && <p role="alert">{problem}</p>}
      {result && <IssueResults result={result} />}
    </section>
  );
}

function IssueResults({ result }: { result: IssueResultView }) {
  const { t } = useTranslation('certify');
  return (
    <section aria-labelledby="issue-results" role="status">
      <h2 id="issue-results">{t('worklist.results', { issued: result.accepted, refused: result.refused })}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('worklist.trainee')}</th>
            <th scope="col">{t('worklist.result')}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((item) => (
            <tr key={item.traineeId} data-result={item.result}>
              <th scope="row">{item.traineeId}</th>
              <td className={item.result === 'refused' ? 'problem' : undefined}>
                {item.result === 'accepted' && t('worklist.issued', { number: item.certificateNumber })}
                {item.result === 'refused' && t('worklist.refused', { rule: item.rule, reason: item.reason })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
