import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { dayText, single, Table, useOfficeApi } from './office-shared';
import { type RunActionOutcome, RunActions } from './run-actions';
import type { RunDetailView } from './views';

const timeOf = (instant: string) => instant.slice(11, 16);

/** One run (lớp): its facts, timetable, lecturers with the foreign flag, agency quotas, and the office's actions. */
export function RunDetailScreen() {
  const { t } = useTranslation('office');
  const { runId = '' } = useParams();
  const { api, administers } = useOfficeApi();
  const [run, reload] = useLoaded(
    async () => single<RunDetailView>(await api['course-delivery'].GET('/runs/{runId}', { params: { path: { runId } } })),
    [api, runId],
  );
  const [outcome, setOutcome] = useState<RunActionOutcome | null>(null);
  const acted = (next: RunActionOutcome) => {
    setOutcome(next);
    if (next.kind === 'done') reload();
  };

  return (
    <section aria-labelledby="run-title">
      <p>
        <Link to="/runs">{t('run.back')}</Link>
      </p>
      <LoadState loaded={run} retry={reload}>
        {(entry) => (
          <>
            <h1 id="run-title">
              {t('runs.run')} {entry.runId}
            </h1>
            <dl className="facts">
              <dt>{t('runs.course')}</dt>
              <dd>
                <Link to={`/catalogue/${encodeURIComponent(entry.courseId)}`}>{entry.courseCode}</Link>
              </dd>
              <dt>{t('runs.status')}</dt>
              <dd data-status={entry.status}>
                {t(`terms.runStatus.${entry.status}`)}
                {entry.cancellationReason && ` — ${t('run.cancelReason', { reason: entry.cancellationReason })}`}
              </dd>
              <dt>{t('runs.dates')}</dt>
              <dd>
                {dayText(entry.startDate)} – {dayText(entry.endDate)}
              </dd>
              <dt>{t('runs.deadline')}</dt>
              <dd>{dayText(entry.nominationDeadline)}</dd>
              <dt>{t('runs.capacity')}</dt>
              <dd>{entry.capacity}</dd>
              <dt>{t('runs.venue')}</dt>
              <dd>{entry.venue ?? t('runs.online')}</dd>
            </dl>
            {administers && (
              <p>
                <Link to={`/nominations?runId=${encodeURIComponent(entry.runId)}`}>{t('run.nominations')}</Link>
              </p>
            )}

            <h2>{t('run.timetable')}</h2>
            {entry.sessions.length === 0 ? (
              <p>{t('run.noSessions')}</p>
            ) : (
              <Table headers={[t('run.session'), t('run.day'), t('run.time'), t('runs.status')]}>
                {entry.sessions.map((session) => (
                  <tr key={session.sessionId}>
                    <th scope="row">{session.sessionId}</th>
                    <td>{dayText(session.date)}</td>
                    <td>
                      {timeOf(session.startsAt)}–{timeOf(session.endsAt)}
                    </td>
                    <td className={session.cancelled ? 'problem' : undefined}>
                      {session.cancelled ? t('run.sessionCancelled', { reason: session.cancellationReason ?? '' }) : '—'}
                    </td>
                  </tr>
                ))}
              </Table>
            )}

            <h2>{t('run.lecturers')}</h2>
            {entry.lecturers.length === 0 ? (
              <p>{t('run.noLecturers')}</p>
            ) : (
              <Table headers={[t('run.lecturer'), t('run.affiliation'), t('run.foreign')]}>
                {entry.lecturers.map((lecturer) => (
                  <tr key={lecturer.lecturerId}>
                    <th scope="row">{lecturer.name}</th>
                    <td>{lecturer.affiliation ?? '—'}</td>
                    <td>{lecturer.origin === 'foreign' ? <strong className="flag">{t('terms.yes')}</strong> : t('terms.no')}</td>
                  </tr>
                ))}
              </Table>
            )}

            <h2>{t('run.quotas')}</h2>
            {entry.agencyQuotas.length === 0 ? (
              <p>{t('run.noQuotas')}</p>
            ) : (
              <Table headers={[t('run.agency'), t('run.seats')]}>
                {entry.agencyQuotas.map((quota) => (
                  <tr key={quota.agencyId}>
                    <th scope="row">{quota.agencyId}</th>
                    <td>{quota.seats}</td>
                  </tr>
                ))}
              </Table>
            )}
            {administers && <RunActions run={entry} outcome={outcome} onOutcome={acted} />}
          </>
        )}
      </LoadState>
    </section>
  );
}
