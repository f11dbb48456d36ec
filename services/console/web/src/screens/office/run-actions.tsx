import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { quotasFrom } from './form-fields';
import { refusalText, useOfficeApi } from './office-shared';
import type { RunDetailView } from './views';

export type RunActionOutcome = { readonly kind: 'done'; readonly status: RunDetailView['status'] } | { readonly kind: 'refused'; readonly reason: string };

const quotasText = (run: RunDetailView) => run.agencyQuotas.map((quota) => `${quota.agencyId}=${quota.seats}`).join('\n');

/** What the last action came to; kept by the run's screen so that it stays while the run reloads. */
function RunActionMessage({ outcome }: { outcome: RunActionOutcome | null }) {
  const { t } = useTranslation('office');
  return (
    <div aria-live="polite">
      {outcome?.kind === 'done' && <p className="done">{t('run.done', { status: t(`terms.runStatus.${outcome.status}`) })}</p>}
      {outcome?.kind === 'refused' && <p role="alert">{t('run.refused', { reason: outcome.reason })}</p>}
    </div>
  );
}

/**
 * Khai giảng, bế giảng, hủy lớp, đổi lịch: each calls course-delivery's own route; what the service
 * refuses (a start before the start date, a completion before the last session) is shown in its words.
 */
export function RunActions({ run, outcome, onOutcome }: { run: RunDetailView; outcome: RunActionOutcome | null; onOutcome: (outcome: RunActionOutcome) => void }) {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const [busy, setBusy] = useState(false);
  const path = { params: { path: { runId: run.runId } } };

  const act = async (call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>) => {
    setBusy(true);
    try {
      const { data, error, response } = await call();
      if (response.ok) onOutcome({ kind: 'done', status: (data as { status: RunDetailView['status'] }).status });
      else onOutcome({ kind: 'refused', reason: refusalText(error, response) });
    } catch (failure) {
      onOutcome({ kind: 'refused', reason: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  };
  const cancel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    void act(() => api['course-delivery'].POST('/runs/{runId}/cancel', { ...path, body: { reason } }));
  };
  const reschedule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    const body = {
      startDate: field('startDate'),
      endDate: field('endDate'),
      nominationDeadline: field('nominationDeadline'),
      capacity: Number(field('capacity')),
      agencyQuotas: quotasFrom(field('agencyQuotas')),
    };
    void act(() => api['course-delivery'].POST('/runs/{runId}/reschedule', { ...path, body: body as never }));
  };

  return (
    <section aria-labelledby="run-actions-title" className="card">
      <h2 id="run-actions-title">{t('run.actions')}</h2>
      <RunActionMessage outcome={outcome} />
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void act(() => api['course-delivery'].POST('/runs/{runId}/start', path))}>
          {t('run.start')}
        </button>
        <button type="button" disabled={busy} onClick={() => void act(() => api['course-delivery'].POST('/runs/{runId}/complete', path))}>
          {t('run.complete')}
        </button>
      </div>
      <form className="inline" onSubmit={cancel}>
        <label htmlFor="run-cancel-reason">{t('run.reason')}</label>
        <input id="run-cancel-reason" name="reason" size={40} />
        <button type="submit" disabled={busy}>
          {t('run.cancel')}
        </button>
      </form>
      <form onSubmit={reschedule} className="columns" key={`${run.startDate}-${run.capacity}-${quotasText(run)}`}>
        <h3>{t('run.reschedule')}</h3>
        <label>
          {t('run.startDate')}
          <input type="date" name="startDate" defaultValue={run.startDate} />
        </label>
        <label>
          {t('run.endDate')}
          <input type="date" name="endDate" defaultValue={run.endDate} />
        </label>
        <label>
          {t('runs.deadline')}
          <input type="date" name="nominationDeadline" defaultValue={run.nominationDeadline} />
        </label>
        <label>
          {t('runs.capacity')}
          <input name="capacity" inputMode="numeric" defaultValue={String(run.capacity)} />
        </label>
        <label>
          {t('run.quotasField')}
          <textarea name="agencyQuotas" rows={3} defaultValue={quotasText(run)} />
        </label>
        <div>
          <button type="submit" disabled={busy}>
            {t('run.reschedule')}
          </button>
        </div>
      </form>
    </section>
  );
}
