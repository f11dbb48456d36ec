import { useTranslation } from 'react-i18next';
import type { RecordOutcome, RowOrigin } from './import-kinds';
import type { RowCheckView } from './views';

/** How the import report names a row's check: a refused row that is not a valid body is shown as invalid, with its fields. */
export type RowVerdict = 'would-record' | 'already-recorded' | 'invalid' | 'refused';

export function rowVerdict(check: RowCheckView): RowVerdict {
  switch (check.result) {
    case 'accepted':
      return 'would-record';
    case 'already-recorded':
      return 'already-recorded';
    case 'refused':
      return check.errors ? 'invalid' : 'refused';
  }
}

export interface CheckedRow {
  /** The row's number in the sheet, named in every message about it. */
  readonly row: number;
  readonly origin: RowOrigin;
  readonly body: Record<string, unknown>;
  readonly check: RowCheckView | null;
}

function messages(row: CheckedRow, t: (key: string, options?: Record<string, unknown>) => string): string[] {
  const check = row.check;
  if (!check) return [];
  if (check.result !== 'refused') return [];
  const problems = check.errors ?? [{ field: check.field ?? '', reason: check.reason }];
  return problems.map((problem) =>
    problem.field ? t('import.rowMessage', { row: row.row, field: problem.field, reason: problem.reason }) : t('import.rowMessageNoField', { row: row.row, reason: problem.reason }),
  );
}

/** The services' verdict on every row before anything is recorded, and after recording what was recorded. */
export function ImportReport({
  file,
  rows,
  unknownColumns,
  outcomes,
  onRecord,
}: {
  file: string;
  rows: readonly CheckedRow[];
  unknownColumns: readonly string[];
  outcomes: ReadonlyMap<number, RecordOutcome | string> | null;
  onRecord: (() => void) | null;
}) {
  const { t } = useTranslation('agency');
  const count = (verdict: RowVerdict) => rows.filter((row) => row.check && rowVerdict(row.check) === verdict).length;
  const recordable = count('would-record');
  const recorded = outcomes ? [...outcomes.values()].filter((outcome) => outcome === 'recorded').length : 0;
  const already = outcomes ? [...outcomes.values()].filter((outcome) => outcome === 'already-recorded').length : 0;
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('import.report', { file })}</h2>
      <p>{t('import.summary', { wouldRecord: recordable, already: count('already-recorded'), invalid: count('invalid'), refused: count('refused') })}</p>
      {unknownColumns.length > 0 && <p role="alert">{t('import.unknownColumns', { columns: unknownColumns.join(', ') })}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.outcome')}</th>
            <th scope="col">{t('import.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const after = outcomes?.get(row.row);
            return (
              <tr key={row.row} data-row={row.row} data-outcome={row.check ? rowVerdict(row.check) : 'unchecked'}>
                <th scope="row">{row.row}</th>
                <td>{row.check ? t(`import.outcomes.${rowVerdict(row.check)}`) : '—'}</td>
                <td>
                  {messages(row, t).map((message) => (
                    <div key={message}>{message}</div>
                  ))}
                  {after !== undefined && after !== 'recorded' && after !== 'already-recorded' && <div>{t('import.rowMessageNoField', { row: row.row, reason: after })}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {onRecord &&
        (recordable > 0 ? (
          <button type="button" onClick={onRecord}>
            {t('import.record', { count: recordable })}
          </button>
        ) : (
          <p>{t('import.nothingToRecord')}</p>
        ))}
      {outcomes && (
        <p role="status">{t('import.recorded', { recorded, already, failed: outcomes.size - recorded - already })}</p>
      )}
    </section>
  );
}
