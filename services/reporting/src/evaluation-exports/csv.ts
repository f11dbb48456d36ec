import type { ReportCell, ReportTable } from './report-tables';

const byteOrderMark = '\uFEFF';

/**
 * One table as RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break.
 * The byte order mark is what makes Excel read the file as UTF-8 rather than the Windows code page,
 * which would garble every Vietnamese tone mark.
 */
export function toCsv(table: ReportTable): string {
  const header = table.columns.map((column) => field(`${column.headingVi} / ${column.headingEn}`));
  const records = table.rows.map((row) => table.columns.map((column) => field(cellText(row[column.key] ?? null))));
  return byteOrderMark + [header, ...records].map((record) => `${record.join(',')}\r\n`).join('');
}

function cellText(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  // Spreadsheets run text that starts like a formula; an agency name typed by an integration must stay text.
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
