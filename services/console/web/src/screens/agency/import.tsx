import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients } from '../../api/clients';
import { useSession } from '../../session';
import { IMPORT_KINDS, type ImportKind, type ImportKindId, type RecordOutcome } from './import-kinds';
import { ImportReport, type CheckedRow } from './import-report';
import { downloadCsvTemplate, downloadXlsxTemplate, fileHash, readSheet } from './spreadsheet';
import './i18n';
import './agency.css';

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'checked'; readonly file: string; readonly rows: readonly CheckedRow[]; readonly unknownColumns: readonly string[] }
  | { readonly kind: 'recorded'; readonly file: string; readonly rows: readonly CheckedRow[]; readonly unknownColumns: readonly string[]; readonly outcomes: ReadonlyMap<number, RecordOutcome | string> };

/** Nhập từ bảng tính: template, upload, the services' check of every row, then the recording of the valid ones. */
export function ImportScreen() {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const agencyId = session?.agencyId ?? '';
  const [kindId, setKindId] = useState<ImportKindId>('trainees');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const kind = IMPORT_KINDS.find((candidate) => candidate.id === kindId) ?? (IMPORT_KINDS[0] as ImportKind);
  const templateName = `mau-${kind.id}`;

  const check = async (file: File) => {
    setStage({ kind: 'busy', message: t('import.checking') });
    try {
      const [sheet, hash] = await Promise.all([readSheet(file, kind.columns), fileHash(file)]);
      if (sheet.rows.length === 0) return setStage({ kind: 'failed', message: t('import.empty') });
      const bodies = await Promise.all(sheet.rows.map((row) => kind.body(row.values, { fileHash: hash, row: row.row })));
      const checks = await kind.check(api, agencyId, bodies);
      const rows = sheet.rows.map((row, index): CheckedRow => ({ row: row.row, origin: { fileHash: hash, row: row.row }, body: bodies[index] ?? {}, check: checks.items[index] ?? null }));
      setStage({ kind: 'checked', file: file.name, rows, unknownColumns: sheet.unknownColumns });
    } catch (error) {
      setStage({ kind: 'failed', message: t('import.unreadable', { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const record = async (checked: Extract<Stage, { kind: 'checked' }>) => {
    setStage({ kind: 'busy', message: t('import.recording') });
    const outcomes = new Map<number, RecordOutcome | string>();
    for (const row of checked.rows) {
      if (row.check?.result !== 'accepted' && row.check?.result !== 'already-recorded') continue;
      try {
        outcomes.set(row.row, await kind.record(api, agencyId, row.body, row.origin));
      } catch (error) {
        outcomes.set(row.row, error instanceof Error ? error.message : String(error));
      }
    }
    setStage({ ...checked, kind: 'recorded', outcomes });
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p>{t('import.explain')}</p>
      <div className="form-row">
        <label>
          {t('import.kind')}
          <select value={kindId} onChange={(event) => { setKindId(event.target.value as ImportKindId); setStage({ kind: 'idle' }); }}>
            {IMPORT_KINDS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {t(`import.kinds.${candidate.id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h2>{t('import.template')}</h2>
      <div className="form-row">
        <button type="button" onClick={() => void downloadCsvTemplate(templateName, kind.columns)}>
          {t('import.templateCsv')}
        </button>
        <button type="button" onClick={() => void downloadXlsxTemplate(templateName, kind.columns)}>
          {t('import.templateXlsx')}
        </button>
      </div>
      <div className="form-row">
        <label>
          {t('import.file')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void check(file);
            }}
          />
        </label>
      </div>
      {stage.kind === 'busy' && <p role="status">{stage.message}</p>}
      {stage.kind === 'failed' && <p role="alert">{stage.message}</p>}
      {(stage.kind === 'checked' || stage.kind === 'recorded') && (
        <ImportReport
          file={stage.file}
          rows={stage.rows}
          unknownColumns={stage.unknownColumns}
          outcomes={stage.kind === 'recorded' ? stage.outcomes : null}
          onRecord={stage.kind === 'checked' ? () => void record(stage) : null}
        />
      )}
    </section>
  );
}
