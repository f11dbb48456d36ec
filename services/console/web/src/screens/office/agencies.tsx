import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dayText } from '../../dates';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { PAGE_SIZE, Pager, refusalText, single, Table, useOfficeApi } from './office-shared';
import { AGENCY_KINDS, type AgencyDirectoryView, type AgencyKind, type RosterHistoryView } from './views';

/** Cơ quan, địa phương: every agency by code, searched by name on the server, and each one's roster history. */
export function AgenciesScreen() {
  const { t } = useTranslation('office');
  const { api, administers } = useOfficeApi();
  const [search, setSearch] = useSearchParams();
  const opened = search.get('agencyId');
  const [words, setWords] = useState('');
  const [kind, setKind] = useState<AgencyKind | ''>('');
  const [filter, setFilter] = useState<{ q: string; kind: AgencyKind | '' }>({ q: '', kind: '' });
  const [offset, setOffset] = useState(0);
  const [agencies, reload] = useLoaded(async () => {
    const query = { limit: PAGE_SIZE, offset, ...(filter.q ? { q: filter.q } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
    return single<AgencyDirectoryView>(await api.reporting.GET('/agencies', { params: { query } }));
  }, [api, filter, offset]);

  return (
    <section aria-labelledby="agencies-title">
      <h1 id="agencies-title">{t('agencies.title')}</h1>
      <form
        role="search"
        className="inline toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilter({ q: words.trim(), kind });
        }}
      >
        <label htmlFor="agencies-q">{t('agencies.search')}</label>
        <input id="agencies-q" type="search" value={words} onChange={(event) => setWords(event.target.value)} />
        <label htmlFor="agencies-kind">{t('agencies.kind')}</label>
        <select id="agencies-kind" value={kind} onChange={(event) => setKind(event.target.value as AgencyKind | '')}>
          <option value="">{t('terms.any')}</option>
          {AGENCY_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`agencies.kinds.${option}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('agencies.searchSubmit')}</button>
      </form>
      <LoadState loaded={agencies} retry={reload}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t('agencies.empty')}</p>
          ) : (
            <>
              <Table headers={[t('agencies.code'), t('agencies.name'), t('agencies.kind'), t('agencies.renamed')]}>
                {items.map((agency) => (
                  <tr key={agency.code} data-agency={agency.code} aria-current={agency.code === opened ? 'true' : undefined}>
                    <th scope="row">
                      <button type="button" className="link" aria-label={t('agencies.open', { code: agency.code })} onClick={() => setSearch({ agencyId: agency.code })}>
                        {agency.code}
                      </button>
                    </th>
                    <td>
                      {agency.nameVi}
                      <br />
                      <small lang="en">{agency.nameEn}</small>
                    </td>
                    <td>{t(`agencies.kinds.${agency.kind}`)}</td>
                    <td>{agency.renameCount}</td>
                  </tr>
                ))}
              </Table>
              <Pager offset={offset} total={total} onPage={setOffset} />
            </>
          )
        }
      </LoadState>
      {opened && <RosterHistory agencyId={opened} />}
      {administers && <RegisterAgency onRegistered={reload} />}
    </section>
  );
}

function RosterHistory({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const [rosters, reload] = useLoaded(
    async () => single<RosterHistoryView[]>(await api.enrolment.GET('/agencies/{agencyId}/rosters', { params: { path: { agencyId } } })),
    [api, agencyId],
  );
  return (
    <section aria-labelledby="agency-rosters-title">
      <h2 id="agency-rosters-title">{t('agencies.rosters', { code: agencyId })}</h2>
      <LoadState loaded={rosters} retry={reload}>
        {(history) =>
          history.length === 0 ? (
            <p>{t('agencies.noRosters')}</p>
          ) : (
            <Table headers={[t('agencies.asOf'), t('agencies.regular'), t('agencies.nonRegular'), t('agencies.total')]}>
              {history.map((roster) => (
                <tr key={roster.asOf} data-roster={roster.asOf}>
                  <th scope="row">{dayText(roster.asOf)}</th>
                  <td>{roster.regular}</td>
                  <td>{roster.nonRegular}</td>
                  <td>{roster.regular + roster.nonRegular}</td>
                </tr>
              ))}
            </Table>
          )
        }
      </LoadState>
    </section>
  );
}

function RegisterAgency({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const parent = field('parentAgencyCode');
    const body = { code: field('code').toUpperCase(), nameVi: field('nameVi'), nameEn: field('nameEn'), kind: field('kind') as AgencyKind, ...(parent ? { parentAgencyCode: parent } : {}) };
    const { error, response } = await api.enrolment.POST('/agencies', { body });
    setMessage(error !== undefined || !response.ok ? refusalText(error, response) : t('agencies.registered', { code: body.code }));
    if (response.ok) onRegistered();
  };
  return (
    <details>
      <summary>{t('agencies.register')}</summary>
      <form className="stacked" onSubmit={(event) => void submit(event)}>
        <label>
          {t('agencies.code')}
          <input name="code" required maxLength={32} />
        </label>
        <label>
          {t('agencies.nameVi')}
          <input name="nameVi" required maxLength={300} />
        </label>
        <label>
          {t('agencies.nameEn')}
          <input name="nameEn" required maxLength={300} />
        </label>
        <label>
          {t('agencies.kind')}
          <select name="kind">
            {AGENCY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`agencies.kinds.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('agencies.parent')}
          <input name="parentAgencyCode" maxLength={32} />
        </label>
        <button type="submit">{t('agencies.register')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
