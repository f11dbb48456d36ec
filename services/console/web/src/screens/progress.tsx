import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../api/clients';
import type { ProgressFiguresView, ProgressView } from '../api/views';
import { useSession } from '../session';
import { useLoaded } from '../use-loaded';
import { LoadState } from './load-state';
import { dayText } from '../dates';

export function ProgressScreen() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [progress, reload] = useLoaded(async () => {
    const { data, error, response } = await api.reporting.GET('/progress');
    if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
    return data as unknown as ProgressView;
  }, [api]);

  return (
    <section aria-labelledby="progress-title">
      <h1 id="progress-title">{t('progress.title')}</h1>
      <LoadState loaded={progress} retry={reload}>
        {(view) => (
          <>
            <p>
              {t('progress.asOf', { date: dayText(view.asOf) })}
              {view.phase && ` · ${t('progress.phase')}: ${i18n.language === 'vi' ? view.phase.nameVi : view.phase.nameEn}`}
              {` · ${t('progress.runsCompleted')}: ${view.runsCompleted}`}
            </p>
            <h2>{t('progress.national')}</h2>
            <FiguresTable figures={view.national} />
            <h2>{t('progress.agencies')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('progress.agency')}</th>
                  <th scope="col">{t('progress.roster')}</th>
                  <th scope="col">{t('progress.trained')}</th>
                  <th scope="col">{t('progress.learnerTimes')}</th>
                </tr>
              </thead>
              <tbody>
                {view.agencies.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('progress.noAgencies')}</td>
                  </tr>
                )}
                {view.agencies.map((agency) => (
                  <tr key={agency.agencyId}>
                    <th scope="row">{agency.nameVi ?? agency.agencyId}</th>
                    <td>{agency.roster.regular + agency.roster.nonRegular}</td>
                    <td>{agency.trained.regular + agency.trained.nonRegular}</td>
                    <td>{agency.learnerTimes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </LoadState>
    </section>
  );
}

function FiguresTable({ figures }: { figures: ProgressFiguresView }) {
  const { t } = useTranslation();
  const groups = ['regular', 'nonRegular'] as const;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('progress.group')}</th>
          <th scope="col">{t('progress.roster')}</th>
          <th scope="col">{t('progress.trained')}</th>
          <th scope="col">{t('progress.share')}</th>
          <th scope="col">{t('progress.band')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group}>
            <th scope="row">{t(`progress.${group}`)}</th>
            <td>{figures.roster[group]}</td>
            <td>{figures.trained[group]}</td>
            <td>{figures.share[group] ?? '—'}</td>
            <td>{t(`progress.bands.${figures.band[group]}`, { defaultValue: figures.band[group] })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
