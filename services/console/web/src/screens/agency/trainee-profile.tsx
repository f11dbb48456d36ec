import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import type { TraineeView } from './views';
import { dayText } from '../../dates';
import './i18n';

/** One trainee: profile and personal data, with the transfer and the erasure the agency may ask for. */
export function TraineeProfile({ traineeId, onClose, onChanged }: { traineeId: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [message, setMessage] = useState<string | null>(null);
  const [trainee, reload] = useLoaded(async () => {
    const { data, error, response } = await api.enrolment.GET('/trainees/{traineeId}', { params: { path: { traineeId } } });
    if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
    return data as unknown as TraineeView;
  }, [api, traineeId]);

  const done = (error: unknown, response: Response) => {
    setMessage(error !== undefined || !response.ok ? t('failed', { reason: problemText(error, response) }) : t('saved'));
    if (response.ok) {
      reload();
      onChanged();
    }
  };
  const transfer = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { toAgencyId: String(form.get('toAgencyId') ?? '').trim().toUpperCase(), effectiveFrom: String(form.get('effectiveFrom') ?? '') };
    const { error, response } = await api.enrolment.POST('/trainees/{traineeId}/transfer', { params: { path: { traineeId } }, body });
    done(error, response);
  };
  const erase = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const { error, response } = await api.enrolment.POST('/trainees/{traineeId}/erasure', { params: { path: { traineeId } }, body: { reason } });
    done(error, response);
  };

  return (
    <section aria-labelledby="trainee-profile-title" className="panel">
      <h2 id="trainee-profile-title">{t('trainees.profile', { id: traineeId })}</h2>
      <button type="button" onClick={onClose}>
        {t('trainees.close')}
      </button>
      <LoadState loaded={trainee} retry={reload}>
        {(view) => (
          <>
            <dl>
              <dt>{t('trainees.fullName')}</dt>
              <dd>{view.personalData?.fullName ?? '—'}</dd>
              <dt>{t('trainees.dateOfBirth')}</dt>
              <dd>{dayText(view.personalData?.dateOfBirth)}</dd>
              <dt>{t('trainees.staffNumber')}</dt>
              <dd>{view.personalData?.staffNumber ?? '—'}</dd>
              <dt>{t('trainees.targetGroup')}</dt>
              <dd>{t(`targetGroups.${view.targetGroup}`)}</dd>
              <dt>{t('trainees.rank')}</dt>
              <dd>{t(`ranks.${view.rank}`)}</dd>
              <dt>{t('trainees.leadership')}</dt>
              <dd>{view.leadership ? t('yes') : t('no')}</dd>
              <dt>{t('trainees.sector')}</dt>
              <dd>{view.sector ?? '—'}</dd>
            </dl>
            {view.erased && <p>{t('trainees.personalDataErased')}</p>}
            <form className="stacked" aria-label={t('trainees.transfer')} onSubmit={(event) => void transfer(event)}>
              <h3>{t('trainees.transfer')}</h3>
              <label>
                {t('trainees.toAgency')}
                <input name="toAgencyId" required pattern="[A-Za-z0-9\-]{2,32}" />
              </label>
              <label>
                {t('trainees.effectiveFrom')}
                <input name="effectiveFrom" type="date" required />
              </label>
              <button type="submit">{t('trainees.transferSubmit')}</button>
            </form>
            {!view.erased && (
              <form className="stacked" aria-label={t('trainees.erase')} onSubmit={(event) => void erase(event)}>
                <h3>{t('trainees.erase')}</h3>
                <p>{t('trainees.eraseWarning')}</p>
                <label>
                  {t('trainees.eraseReason')}
                  <textarea name="reason" required maxLength={1000} />
                </label>
                <button type="submit" className="danger">
                  {t('trainees.eraseSubmit')}
                </button>
              </form>
            )}
            {message && <p role="status">{message}</p>}
          </>
        )}
      </LoadState>
    </section>
  );
}
