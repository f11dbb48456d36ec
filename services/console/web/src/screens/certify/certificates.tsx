import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, type ApiClients } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { answered, totalCount } from './answer';
import { downloadWithToken } from './download';
import { useReloadUntil } from './reload-until';
import './certify.css';
import './i18n';
import { type CertificateView, revocationCategories, type RevocationCategoryView } from './views';
import { dayText } from '../../dates';

const PAGE_SIZE = 20;
type Done = (text: string, failed?: boolean, shows?: (items: readonly CertificateView[]) => boolean) => void;
type StatusFilter = 'all' | 'valid' | 'revoked';

/** Certificates page by page: download, revoke with the reason and its kind, reissue a revoked one. */
export function CertificatesScreen() {
  const { t } = useTranslation('certify');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [page, setPage] = useState(0);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [certificates, reload] = useLoaded(async () => {
    const query = { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...(status === 'all' ? {} : { status }) };
    const answer = await api.certification.GET('/certificates', { params: { query } });
    const items = answered<CertificateView[]>(answer);
    return { items, total: totalCount(answer.response, items.length) };
  }, [api, page, status]);
  const reloadUntil = useReloadUntil(certificates, reload);
  const done = (text: string, failed = false, shows?: (items: readonly CertificateView[]) => boolean) => {
    setNotice({ text, failed });
    if (shows) reloadUntil(({ items }) => shows(items));
    else reload();
  };

  return (
    <section aria-labelledby="certificates-title">
      <h1 id="certificates-title">{t('certificates.title')}</h1>
      <label>
        {t('certificates.filter')}{' '}
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as StatusFilter);
            setPage(0);
          }}
        >
          {(['all', 'valid', 'revoked'] as const).map((option) => (
            <option key={option} value={option}>
              {t(`certificates.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {notice && <p role={notice.failed ? 'alert' : 'status'}>{notice.text}</p>}
      <LoadState loaded={certificates} retry={reload}>
        {({ items, total }) => (
          <>
            {items.length === 0 ? (
              <p>{t('certificates.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('certificates.number')}</th>
                    <th scope="col">{t('certificates.holder')}</th>
                    <th scope="col">{t('certificates.run')}</th>
                    <th scope="col">{t('certificates.issuedOn')}</th>
                    <th scope="col">{t('certificates.status')}</th>
                    <th scope="col">{t('certificates.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((certificate) => (
                    <CertificateRow key={certificate._id} api={api} certificate={certificate} onDone={done} />
                  ))}
                </tbody>
              </table>
            )}
            <Pager page={page} total={total} onPage={setPage} />
          </>
        )}
      </LoadState>
    </section>
  );
}

function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }) {
  const { t } = useTranslation('certify');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <nav aria-label={t('certificates.page', { page: page + 1, pages, total })} className="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('certificates.previous')}
      </button>{' '}
      <span>{t('certificates.page', { page: page + 1, pages, total })}</span>{' '}
      <button type="button" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('certificates.next')}
      </button>
    </nav>
  );
}

function holderText(certificate: CertificateView, t: (key: string) => string): string {
  if (certificate.holderNameErased) return t('certificates.erased');
  if (certificate.holderDetails === 'withheld') return t('certificates.withheld');
  return certificate.holderName ?? '—';
}

function CertificateRow({ api, certificate, onDone }: { api: ApiClients; certificate: CertificateView; onDone: Done }) {
  const { t } = useTranslation('certify');
  const { session } = useSession();
  const token = session?.token ?? '';
  const isCertifier = session?.roles.includes('certifier') ?? false;
  const [revoking, setRevoking] = useState(false);
  const id = certificate._id;
  const fileStem = `chung-nhan-${certificate.certificateNumber.replace('/', '-')}`;
  const attempt = async (work: () => Promise<string | null>) => {
    try {
      const text = await work();
      if (text !== null) onDone(text);
    } catch (failure) {
      onDone(t('certificates.failedAction', { reason: failure instanceof Error ? failure.message : String(failure) }), true);
    }
  };
  const reissue = () =>
    attempt(async () => {
      const issued = answered<{ certificateNumber: string }>(await api.certification.POST('/certificates/{certificateId}/reissue', { params: { path: { certificateId: id } }, body: {} }));
      onDone(t('certificates.reissued', { number: issued.certificateNumber }), false, (items) => items.some((item) => item._id === id && Boolean(item.replacedByCertificateId)));
      return null;
    });

  return (
    <tr data-certificate={certificate.certificateNumber} data-status={certificate.status}>
      <th scope="row">{certificate.certificateNumber}</th>
      <td>{holderText(certificate, t)}</td>
      <td>{certificate.runId}</td>
      <td className="date">{dayText(certificate.issuedOn)}</td>
      <td>
        {t(`certificates.${certificate.status}`)}
        {certificate.revokedOn && (
          <>
            <br />
            {t('certificates.revokedOn', { date: certificate.revokedOn })}
            {certificate.revocationCategory && ` · ${t(`certificates.categories.${certificate.revocationCategory}`)}`}
            {certificate.revocationReason && ` · ${certificate.revocationReason}`}
          </>
        )}
        {certificate.replacedByCertificateId && (
          <>
            <br />
            {t('certificates.replacedBy')}
          </>
        )}
        {certificate.replacesCertificateId && (
          <>
            <br />
            {t('certificates.replaces')}
          </>
        )}
      </td>
      <td>
        <div className="certificate-actions">
        <button type="button" aria-label={`${t('certificates.pdf')} ${certificate.certificateNumber}`} onClick={() => void attempt(async () => (await downloadWithToken(token, `/api/certification/certificates/${id}/certificate.pdf`, `${fileStem}.pdf`), null))}>
          {t('certificates.pdf')}
        </button>
        {certificate.status === 'valid' && (
          <button type="button" aria-label={`${t('certificates.credential')} ${certificate.certificateNumber}`} onClick={() => void attempt(async () => (await downloadWithToken(token, `/api/certification/certificates/${id}/credential`, `${fileStem}.jwt`), null))}>
            {t('certificates.credential')}
          </button>
        )}
        {isCertifier && certificate.status === 'valid' && !revoking && (
          <button type="button" aria-label={`${t('certificates.revoke')} ${certificate.certificateNumber}`} onClick={() => setRevoking(true)}>
            {t('certificates.revoke')}
          </button>
        )}
        {isCertifier && certificate.status === 'revoked' && !certificate.replacedByCertificateId && (
          <button type="button" aria-label={`${t('certificates.reissue')} ${certificate.certificateNumber}`} onClick={() => void reissue()}>
            {t('certificates.reissue')}
          </button>
        )}
        </div>
        {revoking && <RevokeForm api={api} certificate={certificate} onCancel={() => setRevoking(false)} onDone={onDone} />}
      </td>
    </tr>
  );
}

function RevokeForm({ api, certificate, onCancel, onDone }: { api: ApiClients; certificate: CertificateView; onCancel: () => void; onDone: Done }) {
  const { t } = useTranslation('certify');
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<RevocationCategoryView>('other');
  const submit = async () => {
    try {
      answered(await api.certification.POST('/certificates/{certificateId}/revoke', { params: { path: { certificateId: certificate._id } }, body: { reason: reason.trim(), category } }));
      onDone(t('certificates.revokedDone', { number: certificate.certificateNumber }), false, (items) => items.some((item) => item._id === certificate._id && item.status === 'revoked'));
    } catch (failure) {
      onDone(t('certificates.failedAction', { reason: failure instanceof Error ? failure.message : String(failure) }), true);
    }
  };
  return (
    <form
      aria-label={t('certificates.revokeTitle', { number: certificate.certificateNumber })}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('certificates.reason')}
        <textarea required value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <label>
        {t('certificates.category')}
        <select value={category} onChange={(event) => setCategory(event.target.value as RevocationCategoryView)}>
          {revocationCategories.map((option) => (
            <option key={option} value={option}>
              {t(`certificates.categories.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('certificates.confirmRevoke')}</button>
      <button type="button" onClick={onCancel}>
        {t('certificates.cancel')}
      </button>
    </form>
  );
}
