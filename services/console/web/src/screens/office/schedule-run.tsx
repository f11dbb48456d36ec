import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field, numberOrText, quotasFrom, useSubmission } from './form-fields';
import { untilReadable, useOfficeApi } from './office-shared';

const WAITLIST_POLICIES = ['flag-for-review', 'auto-approve'] as const;

/** Lên lịch lớp: course-delivery POST /runs, under the completion rule in force now; its field errors beside the fields. */
export function ScheduleRunScreen() {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { errors, refusal, busy, submit: send } = useSubmission();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const runId = field('runId');
    const body = {
      ...(runId ? { runId } : {}),
      courseId: field('courseId'),
      providerInstitutionId: field('providerInstitutionId'),
      hostAgencyId: field('hostAgencyId') || null,
      venue: field('venue') || null,
      startDate: field('startDate'),
      endDate: field('endDate'),
      nominationDeadline: field('nominationDeadline'),
      capacity: numberOrText(field('capacity')),
      agencyQuotas: quotasFrom(field('agencyQuotas')),
      waitlistPolicy: field('waitlistPolicy'),
    };
    await send(
      () => api['course-delivery'].POST('/runs', { body: body as never }),
      async (data) => {
        const scheduled = (data as { runId: string }).runId;
        await untilReadable(() => api['course-delivery'].GET('/runs/{runId}', { params: { path: { runId: scheduled } } }));
        void navigate(`/runs/${encodeURIComponent(scheduled)}`);
      },
    );
  };
  const input = (name: string, label: string, extra: Record<string, string> = {}) => (
    <Field form="run" name={name} label={label} errors={errors}>
      {(props) => <input name={name} {...extra} {...props} />}
    </Field>
  );

  return (
    <section aria-labelledby="schedule-title">
      <p>
        <Link to="/runs">{t('run.back')}</Link>
      </p>
      <h1 id="schedule-title">{t('schedule.title')}</h1>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        {refusal && <p role="alert">{t('form.refused', { reason: refusal })}</p>}
        <div className="columns">
          {input('courseId', t('runs.course'), { defaultValue: search.get('courseId') ?? '' })}
          {input('runId', t('schedule.runId'))}
          {input('providerInstitutionId', t('schedule.provider'), { defaultValue: 'HVNG' })}
          {input('hostAgencyId', t('schedule.host'))}
          {input('venue', t('runs.venue'))}
          {input('startDate', t('run.startDate'), { type: 'date' })}
          {input('endDate', t('run.endDate'), { type: 'date' })}
          {input('nominationDeadline', t('runs.deadline'), { type: 'date' })}
          {input('capacity', t('runs.capacity'), { inputMode: 'numeric' })}
          <Field form="run" name="agencyQuotas" label={t('run.quotasField')} errors={errors}>
            {(props) => <textarea name="agencyQuotas" rows={3} {...props} />}
          </Field>
          <Field form="run" name="waitlistPolicy" label={t('schedule.waitlistPolicy')} errors={errors}>
            {(props) => (
              <select name="waitlistPolicy" {...props}>
                {WAITLIST_POLICIES.map((policy) => (
                  <option key={policy} value={policy}>
                    {t(`schedule.policies.${policy}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {t('schedule.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
