import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dayText } from '../../dates';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { PAGE_SIZE, Pager, paged, single, Table, useOfficeApi } from './office-shared';
import type { RunFeedbackView, RunSummaryView } from './views';

/** Phản hồi: the runs that have begun, and for the one chosen, who answered and the average of each rating. */
export function FeedbackScreen() {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const [search, setSearch] = useSearchParams();
  const runId = search.get('runId');
  const [status, setStatus] = useState<'completed' | 'started'>('completed');
  const [offset, setOffset] = useState(0);
  const [runs, reloadRuns] = useLoaded(
    async () => paged<RunSummaryView>(await api['course-delivery'].GET('/runs', { params: { query: { status, limit: PAGE_SIZE, offset } } })),
    [api, status, offset],
  );

  return (
    <section aria-labelledby="feedback-title">
      <h1 id="feedback-title">{t('feedback.title')}</h1>
      <p>{t('feedback.explain')}</p>
      <div className="inline toolbar">
        <label htmlFor="feedback-status">{t('runs.status')}</label>
        <select
          id="feedback-status"
          value={status}
          onChange={(event) => {
            setOffset(0);
            setStatus(event.target.value as 'completed' | 'started');
          }}
        >
          <option value="completed">{t('terms.runStatus.completed')}</option>
          <option value="started">{t('terms.runStatus.started')}</option>
        </select>
      </div>
      <LoadState loaded={runs} retry={reloadRuns}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t('feedback.noRuns')}</p>
          ) : (
            <>
              <Table headers={[t('feedback.run'), t('runs.course'), t('runs.dates'), t('runs.status')]}>
                {items.map((run) => (
                  <tr key={run.runId} aria-current={run.runId === runId ? 'true' : undefined}>
                    <th scope="row">
                      <button type="button" className="link" aria-label={t('feedback.open', { runId: run.runId })} onClick={() => setSearch({ runId: run.runId })}>
                        {run.runId}
                      </button>
                    </th>
                    <td>{run.courseCode}</td>
                    <td>
                      {dayText(run.startDate)} – {dayText(run.endDate)}
                    </td>
                    <td>{t(`terms.runStatus.${run.status}`)}</td>
                  </tr>
                ))}
              </Table>
              <Pager offset={offset} total={total} onPage={setOffset} />
            </>
          )
        }
      </LoadState>
      {runId ? <RunFeedback runId={runId} /> : <p>{t('feedback.choose')}</p>}
    </section>
  );
}

function RunFeedback({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation('office');
  const decimal = (value: string) => (i18n.language === 'vi' ? value.replace('.', ',') : value);
  const figures = (view: RunFeedbackView): [string, string, string][] => [
    ['feedback.responses', String(view.responses), 'responses'],
    ['feedback.fromTrainees', String(view.fromTrainees), 'from-trainees'],
    ['feedback.fromAgencies', String(view.fromAgencies), 'from-agencies'],
    ['feedback.agencies', String(view.agencies), 'agencies'],
    ...(view.averages
      ? ([
          ['feedback.averageContent', decimal(view.averages.content), 'content'],
          ['feedback.averageLecturers', decimal(view.averages.lecturers), 'lecturers'],
          ['feedback.averageOrganisation', decimal(view.averages.organisation), 'organisation'],
        ] as [string, string, string][])
      : []),
  ];
  const { api } = useOfficeApi();
  const [feedback, reload] = useLoaded(
    async () => single<RunFeedbackView>(await api['course-delivery'].GET('/runs/{runId}/feedback', { params: { path: { runId } } })),
    [api, runId],
  );
  return (
    <section aria-labelledby="run-feedback-title">
      <h2 id="run-feedback-title">
        {t('feedback.run')} {runId}
      </h2>
      <LoadState loaded={feedback} retry={reload}>
        {(view) => (
          <>
            <dl className="figures" data-feedback-summary>
              {figures(view).map(([label, value, name]) => (
                <div key={label}>
                  <dt>{t(label)}</dt>
                  <dd data-figure={name}>{value}</dd>
                </div>
              ))}
            </dl>
            {view.feedback.length === 0 ? (
              <p>{t('feedback.none')}</p>
            ) : (
              <Table headers={[t('feedback.from'), t('feedback.agency'), t('feedback.content'), t('feedback.lecturers'), t('feedback.organisation'), t('feedback.comment')]}>
                {view.feedback.map((entry) => (
                  <tr key={entry.feedbackId}>
                    <th scope="row">{t(`feedback.sender.${entry.from}`)}</th>
                    <td>{entry.agencyId}</td>
                    <td>{entry.ratings.content}</td>
                    <td>{entry.ratings.lecturers}</td>
                    <td>{entry.ratings.organisation}</td>
                    <td>{entry.comment ?? '—'}</td>
                  </tr>
                ))}
              </Table>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
