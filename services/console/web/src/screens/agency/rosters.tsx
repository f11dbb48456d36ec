import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { untilShown } from './settled';
import type { RosterView } from './views';
import './i18n';
import './agency.css';
import { dayText, vietnameseToday } from '../../dates';


/** Danh sách cán bộ thuộc diện bồi dưỡng: the declaration in force, every declaration, and a new one. */
export function RostersScreen() {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const agencyId = session?.agencyId ?? '';
  const [message, setMessage] = useState<string | null>(null);
  const [rosters, reload] = useLoaded(async () => {
    const path = { agencyId };
    const [history, inForce] = await Promise.all([
      api.enrolment.GET('/agencies/{agencyId}/rosters', { params: { path } }),
      api.enrolment.GET('/agencies/{agencyId}/rosters/in-force', { params: { path, query: { asOf: vietnameseToday() } } }),
    ]);
    if (history.error !== undefined || !history.response.ok) throw new Error(problemText(history.error, history.response));
    return { history: history.data as unknown as RosterView[], inForce: inForce.response.ok ? (inForce.data as unknown as RosterView) : null };
  }, [api, agencyId]);

  const declare = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { asOf: String(form.get('asOf') ?? ''), regular: Number(form.get('regular')), nonRegular: Number(form.get('nonRegular')) };
    const { data, error, response } = await api.enrolment.POST('/agencies/{agencyId}/rosters', { params: { path: { agencyId } }, body });
    if (error !== undefined || !response.ok) return setMessage(t('failed', { reason: problemText(error, response) }));
    setMessage((data as unknown as { recorded: string[] }).recorded.length > 0 ? t('saved') : t('nothingNew'));
    await untilShown(
      async () => (await api.enrolment.GET('/agencies/{agencyId}/rosters', { params: { path: { agencyId } } })).data as unknown as RosterView[] | undefined,
      (history) => history.some((roster) => roster.asOf === body.asOf),
    );
    reload();
  };

  return (
    <section aria-labelledby="rosters-title">
      <h1 id="rosters-title">{t('rosters.title')}</h1>
      <LoadState loaded={rosters} retry={reload}>
        {({ history, inForce }) => (
          <>
            <h2>{t('rosters.inForce', { date: dayText(vietnameseToday()) })}</h2>
            {inForce ? (
              <p data-testid="roster-in-force">
                {dayText(inForce.asOf)}: {t('rosters.regular')} {inForce.regular} · {t('rosters.nonRegular')} {inForce.nonRegular} · {t('rosters.total')}{' '}
                {inForce.regular + inForce.nonRegular}
              </p>
            ) : (
              <p>{t('rosters.noneInForce')}</p>
            )}
            <h2>{t('rosters.history')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('rosters.asOf')}</th>
                  <th scope="col">{t('rosters.regular')}</th>
                  <th scope="col">{t('rosters.nonRegular')}</th>
                  <th scope="col">{t('rosters.total')}</th>
                </tr>
              </thead>
              <tbody>
                {history.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('rosters.none')}</td>
                  </tr>
                )}
                {history.map((roster) => (
                  <tr key={roster.asOf}>
                    <th scope="row">{dayText(roster.asOf)}</th>
                    <td>{roster.regular}</td>
                    <td>{roster.nonRegular}</td>
                    <td>{roster.regular + roster.nonRegular}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </LoadState>
      <h2>{t('rosters.declare')}</h2>
      <form className="stacked" onSubmit={(event) => void declare(event)}>
        <label>
          {t('rosters.asOf')}
          <input name="asOf" type="date" required defaultValue={vietnameseToday()} />
        </label>
        <label>
          {t('rosters.regular')}
          <input name="regular" type="number" min={0} step={1} required />
        </label>
        <label>
          {t('rosters.nonRegular')}
          <input name="nonRegular" type="number" min={0} step={1} required />
        </label>
        <button type="submit">{t('rosters.submit')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </section>
  );
}
