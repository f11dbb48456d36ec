import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { dayText, PAGE_SIZE, Pager, paged, Table, useOfficeApi } from './office-shared';
import { RUN_STATUSES, type RunStatus, type RunSummaryView } from './views';

/** Lớp bồi dưỡng: the runs by start date, paged, filtered by status and course on the server. */
export function RunsScreen() {
  const { t } = useTranslation('office');
  const { api, administers } = useOfficeApi();
  const [search] = useSearchParams();
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [courseId, setCourseId] = useState(search.get('courseId') ?? '');
  const [filter, setFilter] = useState({ status, courseId });
  const [offset, setOffset] = useState(0);
  const [runs, reload] = useLoaded(
    async () =>
      paged<RunSummaryView>(
        await api['course-delivery'].GET('/runs', {
          params: { query: { status: filter.status || undefined, courseId: filter.courseId || undefined, limit: PAGE_SIZE, offset } },
        }),
      ),
    [api, filter, offset],
  );

  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">{t('runs.title')}</h1>
      <form
        className="inline toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilter({ status, courseId: courseId.trim() });
        }}
      >
        <label htmlFor="runs-status">{t('runs.status')}</label>
        <select id="runs-status" value={status} onChange={(event) => setStatus(event.target.value as RunStatus | '')}>
          <option value="">{t('terms.any')}</option>
          {RUN_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`terms.runStatus.${option}`)}
            </option>
          ))}
        </select>
        <label htmlFor="runs-course">{t('runs.course')}</label>
        <input id="runs-course" value={courseId} onChange={(event) => setCourseId(event.target.value)} />
        <button type="submit">{t('runs.filter')}</button>
        {administers && (
          <Link className="action" to={`/runs/new${filter.courseId ? `?courseId=${encodeURIComponent(filter.courseId)}` : ''}`}>
            {t('schedule.open')}
          </Link>
        )}
      </form>
      <LoadState loaded={runs} retry={reload}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t('runs.empty')}</p>
          ) : (
            <>
              <Table headers={[t('runs.run'), t('runs.course'), t('runs.dates'), t('runs.deadline'), t('runs.capacity'), t('runs.venue'), t('runs.status')]}>
                {items.map((run) => (
                  <tr key={run.runId} data-run={run.runId}>
                    <th scope="row">
                      <Link to={`/runs/${encodeURIComponent(run.runId)}`}>{run.runId}</Link>
                    </th>
                    <td>{run.courseCode}</td>
                    <td>
                      {dayText(run.startDate)} – {dayText(run.endDate)}
                    </td>
                    <td>{dayText(run.nominationDeadline)}</td>
                    <td>{run.capacity}</td>
                    <td>{run.venue ?? t('runs.online')}</td>
                    <td>{t(`terms.runStatus.${run.status}`)}</td>
                  </tr>
                ))}
              </Table>
              <Pager offset={offset} total={total} onPage={setOffset} />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
