import './i18n';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import type { RunSummaryView } from './views';
import { dayText } from '../../dates';

const RUNS_PAGE = 200;

/**
 * The runs whose attendance the signed-in user keeps: an institution sees the runs it delivers
 * (course-delivery GET /runs?providerInstitutionId), the programme office every run.
 */
export function AttendanceRunsScreen() {
  const { t } = useTranslation('attendance');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const institutionId = session?.roles.includes('programme-admin') ? null : (session?.institutionId ?? null);
  const officeOrInstitution = institutionId !== null || session?.roles.includes('programme-admin');
  const [runs, reload] = useLoaded(async () => {
    if (!officeOrInstitution) return [];
    const query = { limit: RUNS_PAGE, ...(institutionId ? { providerInstitutionId: institutionId } : {}) };
    const { data, error, response } = await api['course-delivery'].GET('/runs', { params: { query } });
    if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
    return data as unknown as RunSummaryView[];
  }, [api, institutionId]);

  return (
    <section aria-labelledby="attendance-runs-title">
      <h1 id="attendance-runs-title">{t('runs.title')}</h1>
      <p>{institutionId ? t('runs.ofInstitution', { institutionId }) : officeOrInstitution ? t('runs.allRuns') : t('runs.noInstitution')}</p>
      <LoadState loaded={runs} retry={reload}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('runs.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('runs.run')}</th>
                  <th scope="col">{t('runs.course')}</th>
                  <th scope="col">{t('runs.dates')}</th>
                  <th scope="col">{t('runs.venue')}</th>
                  <th scope="col">{t('runs.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((run) => (
                  <tr key={run.runId}>
                    <th scope="row">
                      <Link to={`/attendance/${encodeURIComponent(run.runId)}`} aria-label={t('runs.open', { runId: run.runId })}>
                        {run.runId}
                      </Link>
                    </th>
                    <td>{run.courseCode}</td>
                    <td>
                      {dayText(run.startDate)} – {dayText(run.endDate)}
                    </td>
                    <td>{run.venue ?? t('runs.online')}</td>
                    <td>{t(`runStatus.${run.status}`, { defaultValue: run.status })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}
