import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { gridToTable, tableToMarks, type ImportedMark, type MalformedRow } from './csv';
import { cellKey, marksToPost, type MarkToPost } from './marks';
import { markVerdict } from './run-api';
import type { AttendanceStatus, BulkAttendanceResultView, MarkItemResultView, SessionView } from './views';

interface SpreadsheetProps {
  readonly runId: string;
  readonly sessions: readonly SessionView[];
  readonly traineeIds: readonly string[];
  readonly recorded: ReadonlyMap<string, AttendanceStatus>;
  readonly mayImport: boolean;
  readonly post: (marks: readonly MarkToPost[]) => Promise<BulkAttendanceResultView>;
}

interface ImportOutcome {
  readonly malformed: readonly MalformedRow[];
  readonly unchanged: number;
  readonly sent: readonly (ImportedMark & { readonly result: MarkItemResultView | undefined })[];
  readonly failure?: string;
}

/** The grid as a plain CSV table, and marks read back from one in the same shape (papaparse, loaded when used). */
export function SpreadsheetPanel({ runId, sessions, traineeIds, recorded, mayImport, post }: SpreadsheetProps) {
  const { t } = useTranslation('attendance');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const sessionIds = sessions.map((session) => session.sessionId);

  const exportCsv = async () => {
    const { unparse } = await import('papaparse');
    const csv = unparse(gridToTable(sessionIds, traineeIds, (sessionId, traineeId) => recorded.get(cellKey(sessionId, traineeId))));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `diem-danh-${runId}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importCsv = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const { parse } = await import('papaparse');
      const text = (await file.text()).replace(/^\uFEFF/, '');
      const { data } = parse<string[]>(text, { skipEmptyLines: false });
      const { marks, malformed } = tableToMarks(data, { sessionIds, traineeIds });
      // A cell that already holds the same status is left alone; a different one goes, and the service says it needs a correction.
      const changed = marks.filter((mark) => recorded.get(cellKey(mark.sessionId, mark.traineeId)) !== mark.status);
      const toPost = marksToPost(changed, sessions, new Date());
      const summary = toPost.length > 0 ? await post(toPost) : null;
      const byIndex = new Map(summary?.items.map((item) => [item.index, item]));
      setOutcome({ malformed, unchanged: marks.length - changed.length, sent: changed.map((mark, index) => ({ ...mark, result: byIndex.get(index) })) });
    } catch (failure) {
      setOutcome({ malformed: [], unchanged: 0, sent: [], failure: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="attendance-panel" aria-labelledby="spreadsheet-title">
      <h2 id="spreadsheet-title">{t('csv.title')}</h2>
      <p>{t('csv.explain')}</p>
      <div className="attendance-bar">
        <button type="button" onClick={() => void exportCsv()}>
          {t('csv.export')}
        </button>
        {mayImport && (
          <>
            <label htmlFor="attendance-csv">{t('csv.import')}</label>
            <input id="attendance-csv" type="file" accept=".csv,text/csv" onChange={(event) => void importCsv(event)} disabled={busy} />
          </>
        )}
        {busy && <span role="status">{t('csv.reading')}</span>}
      </div>
      {outcome && <ImportReport outcome={outcome} />}
    </section>
  );
}

function ImportReport({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation('attendance');
  return (
    <div data-testid="import-report">
      {outcome.failure && <p role="alert">{outcome.failure}</p>}
      {outcome.malformed.length > 0 && (
        <>
          <h3>{t('csv.malformedTitle')}</h3>
          <ul aria-label={t('csv.malformedTitle')}>
            {outcome.malformed.map((row) => (
              <li key={row.line} className="problem">
                {t('csv.line', { line: row.line })}: {t(`csv.reasons.${row.reason}`, { detail: row.detail })}
              </li>
            ))}
          </ul>
        </>
      )}
      {outcome.unchanged > 0 && <p>{t('csv.unchanged', { count: outcome.unchanged })}</p>}
      {outcome.sent.length === 0 && !outcome.failure ? (
        <p>{t('csv.nothing')}</p>
      ) : (
        <>
          <h3>{t('csv.resultsTitle')}</h3>
          <ul aria-label={t('csv.resultsTitle')}>
            {outcome.sent.map((mark) => (
              <li key={`${mark.line}/${mark.sessionId}`} data-result={mark.result ? markVerdict(mark.result) : undefined}>
                {t('csv.mark', { ...mark, status: t(`status.${mark.status}`) })}: {mark.result ? t(`result.${markVerdict(mark.result)}`) : '—'}
                {mark.result?.result === 'refused' && ` — ${t(`rules.${mark.result.rule}`, { defaultValue: mark.result.reason })}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
