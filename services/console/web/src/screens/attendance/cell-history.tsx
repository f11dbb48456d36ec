import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { loadHistory, postCorrection, untilFresh } from './run-api';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './views';
import { instantText } from '../../dates';

interface CellHistoryProps {
  readonly api: ApiClients;
  readonly runId: string;
  readonly cell: { readonly sessionId: string; readonly traineeId: string };
  readonly current: AttendanceStatus | undefined;
  readonly mayCorrect: boolean;
  readonly onCorrected: (status: AttendanceStatus) => Promise<void>;
  readonly onClose: () => void;
}

/** A cell's mark and every correction of it, with who and when; and, for who may, a correction with its reason. */
export function CellHistory({ api, runId, cell, current, mayCorrect, onCorrected, onClose }: CellHistoryProps) {
  const { t } = useTranslation('attendance');
  // Read again whenever the status in force changes, until the history has caught up with it.
  const [history, reload] = useLoaded(
    () => untilFresh(() => loadHistory(api, runId, cell.sessionId, cell.traineeId), ({ steps }) => current === undefined || steps.at(-1)?.status === current),
    [api, runId, cell.sessionId, cell.traineeId, current],
  );
  const [newStatus, setNewStatus] = useState<AttendanceStatus>(current === 'absent' ? 'excused' : 'absent');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a cell perhaps far above: the panel takes the focus, so keyboard and screen reader follow.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    try {
      const { recorded } = await postCorrection(api, runId, { ...cell, newStatus, reason });
      setAnswer({ ok: true, text: recorded.length > 0 ? t('history.done') : t('history.unchanged') });
      setReason('');
      await onCorrected(newStatus);
    } catch (failure) {
      setAnswer({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <section className="attendance-panel" aria-labelledby="cell-history-title">
      <h2 id="cell-history-title" ref={heading} tabIndex={-1}>{t('history.title', cell)}</h2>
      <LoadState loaded={history} retry={reload}>
        {({ steps }) => (
          <ol aria-label={t('history.title', cell)}>
            {steps.map((step) => (
              <li key={`${step.recordedAt}/${step.kind}/${step.status}`}>
                {step.kind === 'recorded'
                  ? t('history.recorded', { status: t(`status.${step.status}`) })
                  : t('history.corrected', { previous: t(`status.${step.previousStatus ?? step.status}`), status: t(`status.${step.status}`) })}{' '}
                — {t('history.by', { by: step.by, at: instantText(step.recordedAt) })}
                {step.reason && <> — {t('history.reason', { reason: step.reason })}</>}
              </li>
            ))}
          </ol>
        )}
      </LoadState>
      {mayCorrect && current && (
        <form onSubmit={(event) => void submit(event)}>
          <h3>{t('history.correct')}</h3>
          <label htmlFor="correction-status">{t('history.newStatus')}</label>
          <select id="correction-status" value={newStatus} onChange={(event) => setNewStatus(event.target.value as AttendanceStatus)}>
            {ATTENDANCE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
          <label htmlFor="correction-reason">{t('history.reasonLabel')}</label>
          <textarea id="correction-reason" value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={1000} rows={2} />
          <button type="submit">{t('history.submit')}</button>
          {answer && <p role={answer.ok ? 'status' : 'alert'}>{answer.text}</p>}
        </form>
      )}
      <button type="button" onClick={onClose}>
        {t('history.close')}
      </button>
    </section>
  );
}
