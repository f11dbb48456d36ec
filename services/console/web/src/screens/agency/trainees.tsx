import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { TraineeProfile } from './trainee-profile';
import { RANKS, TARGET_GROUPS, type TraineeDirectoryView } from './views';
import './i18n';
import './agency.css';

const PAGE_SIZE = 20;

/** Học viên: the agency's trainees, searched by name on the server, registered one by one here. */
export function TraineesScreen() {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const agencyId = session?.agencyId ?? '';
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const [directory, reload] = useLoaded(async () => {
    const { data, error, response } = await api.enrolment.GET('/agencies/{agencyId}/trainees', {
      params: { path: { agencyId }, query: { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...(search ? { q: search } : {}) } },
    });
    if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
    return { view: data as unknown as TraineeDirectoryView, total: Number(response.headers.get('x-total-count') ?? 0) };
  }, [api, agencyId, search, page]);

  return (
    <section aria-labelledby="trainees-title">
      <h1 id="trainees-title">{t('trainees.title')}</h1>
      <form
        role="search"
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(0);
          setSearch(query.trim());
        }}
      >
        <label>
          {t('trainees.search')}
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-describedby="trainees-search-hint" />
        </label>
        <button type="submit">{t('trainees.searchSubmit')}</button>
        <small id="trainees-search-hint">{t('trainees.searchHint')}</small>
      </form>
      <LoadState loaded={directory} retry={reload}>
        {({ view, total }) => {
          const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
          return (
            <>
              <p role="status">{t('trainees.count', { count: total })}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('trainees.id')}</th>
                    <th scope="col">{t('trainees.targetGroup')}</th>
                    <th scope="col">{t('trainees.rank')}</th>
                    <th scope="col">{t('trainees.leadership')}</th>
                    <th scope="col">{t('trainees.sector')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.trainees.length === 0 && (
                    <tr>
                      <td colSpan={5}>{t('trainees.none')}</td>
                    </tr>
                  )}
                  {view.trainees.map((trainee) => (
                    <tr key={trainee.traineeId} data-trainee={trainee.traineeId}>
                      <th scope="row">
                        <button type="button" className="link" aria-label={t('trainees.open', { id: trainee.traineeId })} onClick={() => setOpened(trainee.traineeId)}>
                          {trainee.traineeId}
                        </button>
                        {trainee.erased && ` (${t('trainees.erased')})`}
                      </th>
                      <td>{t(`targetGroups.${trainee.targetGroup}`)}</td>
                      <td>{t(`ranks.${trainee.rank}`)}</td>
                      <td>{trainee.leadership ? t('yes') : t('no')}</td>
                      <td>{trainee.sector ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav className="form-row" aria-label={t('trainees.page', { page: page + 1, pages })}>
                <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                  {t('trainees.previous')}
                </button>
                <span>{t('trainees.page', { page: page + 1, pages })}</span>
                <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                  {t('trainees.next')}
                </button>
              </nav>
            </>
          );
        }}
      </LoadState>
      {opened && <TraineeProfile traineeId={opened} onClose={() => setOpened(null)} onChanged={reload} />}
      <RegisterTrainee agencyId={agencyId} onRegistered={reload} />
    </section>
  );
}

function RegisterTrainee({ agencyId, onRegistered }: { agencyId: string; onRegistered: () => void }) {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const body = {
      fullName: field('fullName'),
      dateOfBirth: field('dateOfBirth'),
      staffNumber: field('staffNumber'),
      targetGroup: field('targetGroup') as 'regular',
      rank: field('rank') as 'specialist',
      leadership: form.get('leadership') === 'on',
      sector: field('sector') || null,
    };
    const { error, response } = await api.enrolment.POST('/agencies/{agencyId}/trainees', { params: { path: { agencyId } }, body });
    setMessage(error !== undefined || !response.ok ? t('failed', { reason: problemText(error, response) }) : t('saved'));
    if (response.ok) onRegistered();
  };
  return (
    <details>
      <summary>{t('trainees.register')}</summary>
      <form className="stacked" onSubmit={(event) => void submit(event)}>
        <label>
          {t('trainees.fullName')}
          <input name="fullName" required maxLength={200} />
        </label>
        <label>
          {t('trainees.dateOfBirth')}
          <input name="dateOfBirth" type="date" required />
        </label>
        <label>
          {t('trainees.staffNumber')}
          <input name="staffNumber" required maxLength={64} />
        </label>
        <label>
          {t('trainees.targetGroup')}
          <select name="targetGroup">
            {TARGET_GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`targetGroups.${group}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('trainees.rank')}
          <select name="rank" defaultValue="specialist">
            {RANKS.map((rank) => (
              <option key={rank} value={rank}>
                {t(`ranks.${rank}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input name="leadership" type="checkbox" /> {t('trainees.leadership')}
        </label>
        <label>
          {t('trainees.sector')}
          <input name="sector" maxLength={200} />
        </label>
        <button type="submit">{t('trainees.submit')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
