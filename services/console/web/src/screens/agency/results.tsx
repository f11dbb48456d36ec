import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { dayText } from '../../dates';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { answered } from '../certify/answer';
import { LoadState } from '../load-state';
import { percentText, shareReasons, type AttendanceShareView, type OwnCertificateView } from './results-views';
import type { NominationView } from './views';
import './results-i18n';
import './agency.css';

const PAGE_SIZE = 20;
type Api = ReturnType<typeof apiClients>;

/** Kết quả bồi dưỡng: what the agency's people earned and attended, and the agency's feedback on each run. */
export function ResultsScreen() {
  const { t } = useTranslation('agency-results');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  return (
    <section aria-labelledby="results-title">
      <h1 id="results-title">{t('title')}</h1>
      <Certificates api={api} />
      <AttendanceByRun api={api} agencyId={session?.agencyId ?? ''} />
    </section>
  );
}

function Certificates({ api }: { api: Api }) {
  const { t } = useTranslation('agency-results');
  const [status, setStatus] = useState<'' | 'valid' | 'revoked'>('');
  const [page, setPage] = useState(0);
  const [certificates, reload] = useLoaded(async () => {
    const answer = await api.certification.GET('/certificates', { params: { query: { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...(status ? { status } : {}) } } });
    return { items: answered<OwnCertificateView[]>(answer), total: Number(answer.response.headers.get('x-total-count') ?? 0) };
  }, [api, status, page]);
  return (
    <section aria-labelledby="results-certificates">
      <h2 id="results-certificates">{t('certificates.title')}</h2>
      <label>
        {t('certificates.status')}{' '}
        <select
          value={status}
          onChange={(event) => {
            setPage(0);
            setStatus(event.target.value as typeof status);
          }}
        >
          <option value="">{t('certificates.any')}</option>
          <option value="valid">{t('certificates.valid')}</option>
          <option value="revoked">{t('certificates.revoked', { date: '…' })}</option>
        </select>
      </label>
      <LoadState loaded={certificates} retry={reload}>
        {({ items, total }) => (
          <>
            <p role="status">{t('certificates.count', { count: total })}</p>
            {items.length === 0 ? (
              <p>{t('certificates.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    {(['number', 'trainee', 'course', 'run', 'issuedOn', 'status'] as const).map((column) => (
                      <th key={column} scope="col">
                        {t(`certificates.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((certificate) => (
                    <tr key={certificate._id} data-certificate={certificate.certificateNumber}>
                      <th scope="row">{certificate.certificateNumber}</th>
                      <td>{certificate.traineeId}</td>
                      <td>{certificate.courseCode}</td>
                      <td>{certificate.runId}</td>
                      <td>{dayText(certificate.issuedOn)}</td>
                      <td>{certificate.status === 'valid' ? t('certificates.valid') : t('certificates.revoked', { date: dayText(certificate.revokedOn) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {total > PAGE_SIZE && (
              <p>
                <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                  ‹
                </button>{' '}
                {page + 1}/{Math.ceil(total / PAGE_SIZE)}{' '}
                <button type="button" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
                  ›
                </button>
              </p>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}

function AttendanceByRun({ api, agencyId }: { api: Api; agencyId: string }) {
  const { t } = useTranslation('agency-results');
  const [runId, setRunId] = useState<string | null>(null);
  const [approved, reload] = useLoaded(async () => {
    const nominations = answered<NominationView[]>(
      await api.enrolment.GET('/agencies/{agencyId}/nominations', { params: { path: { agencyId }, query: { limit: 500 } } }),
    );
    const byRun = new Map<string, string[]>();
    for (const nomination of nominations.filter((entry) => entry.status === 'approved')) {
      byRun.set(nomination.runId, [...(byRun.get(nomination.runId) ?? []), nomination.traineeId]);
    }
    return [...byRun.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [api, agencyId]);
  return (
    <section aria-labelledby="results-attendance">
      <h2 id="results-attendance">{t('attendance.title')}</h2>
      <p>{t('attendance.explain')}</p>
      <LoadState loaded={approved} retry={reload}>
        {(runs) =>
          runs.length === 0 ? (
            <p>{t('attendance.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.run')}</th>
                  <th scope="col">{t('attendance.trainees')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map(([run, trainees]) => (
                  <tr key={run} aria-current={run === runId ? 'true' : undefined}>
                    <th scope="row">
                      <button type="button" className="link" aria-label={t('attendance.open', { runId: run })} onClick={() => setRunId(run)}>
                        {run}
                      </button>
                    </th>
                    <td>{trainees.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {runId && approved.state === 'loaded' && (
        <>
          <RunShares api={api} runId={runId} traineeIds={approved.value.find(([run]) => run === runId)?.[1] ?? []} />
          <AgencyFeedback api={api} runId={runId} />
        </>
      )}
    </section>
  );
}

function RunShares({ api, runId, traineeIds }: { api: Api; runId: string; traineeIds: readonly string[] }) {
  const { t, i18n } = useTranslation('agency-results');
  const [shares, reload] = useLoaded(
    () =>
      Promise.all(
        traineeIds.map(async (traineeId) =>
          answered<AttendanceShareView>(
            await api['course-delivery'].GET('/runs/{runId}/trainees/{traineeId}/attendance-share', { params: { path: { runId, traineeId } } }),
          ),
        ),
      ),
    [api, runId, traineeIds],
  );
  return (
    <LoadState loaded={shares} retry={reload}>
      {(rows) => (
        <table data-run-shares={runId}>
          <caption>{runId}</caption>
          <thead>
            <tr>
              {(['trainee', 'attended', 'share', 'completed', 'why'] as const).map((column) => (
                <th key={column} scope="col">
                  {t(`attendance.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.traineeId} data-trainee={row.traineeId}>
                <th scope="row">{row.traineeId}</th>
                <td>
                  {row.sessionsAttended} / {row.sessionsHeld}
                </td>
                <td>{percentText(row.share)}</td>
                <td>{row.completed ? t('attendance.yes') : t('attendance.no')}</td>
                <td>{shareReasons(row, i18n.language).join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadState>
  );
}

function AgencyFeedback({ api, runId }: { api: Api; runId: string }) {
  const { t } = useTranslation('agency-results');
  const [message, setMessage] = useState<string | null>(null);
  const [given, reload] = useLoaded(
    async () => answered<{ responses: number }>(await api['course-delivery'].GET('/runs/{runId}/feedback', { params: { path: { runId } } })),
    [api, runId],
  );
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const rating = (name: string) => Number(form.get(name));
    const comment = String(form.get('comment') ?? '').trim();
    const { error, response } = await api['course-delivery'].POST('/runs/{runId}/feedback', {
      params: { path: { runId } },
      body: { feedbackId: crypto.randomUUID(), from: 'agency', ratings: { content: rating('content'), lecturers: rating('lecturers'), organisation: rating('organisation') }, ...(comment ? { comment } : {}) },
    });
    setMessage(error !== undefined || !response.ok ? t('feedback.failed', { reason: problemText(error, response) }) : t('feedback.sent'));
    if (response.ok) reload();
  };
  return (
    <form className="stacked" aria-labelledby="results-feedback" onSubmit={(event) => void submit(event)}>
      <h3 id="results-feedback">{t('feedback.title', { runId })}</h3>
      {given.state === 'loaded' && <p>{t('feedback.given', { count: given.value.responses })}</p>}
      {(['content', 'lecturers', 'organisation'] as const).map((rating) => (
        <label key={rating}>
          {t(`feedback.${rating}`)}
          <select name={rating} defaultValue="4">
            {[1, 2, 3, 4, 5].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        {t('feedback.comment')}
        <textarea name="comment" maxLength={4000} rows={3} />
      </label>
      <button type="submit">{t('feedback.submit')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
