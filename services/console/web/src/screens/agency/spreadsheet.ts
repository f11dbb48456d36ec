/**
 * Reading and writing the import spreadsheets in the browser. papaparse and exceljs are loaded only
 * when a file is read or a template made, so that neither weighs on the console's first load.
 */

export interface Column {
  /** The request field the column fills, also the English half of its header. */
  readonly key: string;
  readonly headerVi: string;
}

/** A data row with its number in the sheet (the header is row 1), as every message names it. */
export interface SheetRow {
  readonly row: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface Sheet {
  readonly rows: readonly SheetRow[];
  readonly unknownColumns: readonly string[];
}

export const headerOf = (column: Column): string => `${column.headerVi} (${column.key})`;

/** A header names its column by the key in brackets, the bare key, or the Vietnamese text alone. */
function columnOf(header: string, columns: readonly Column[]): Column | undefined {
  const text = header.trim();
  const key = /\(([^()]+)\)\s*$/.exec(text)?.[1]?.trim() ?? text;
  return columns.find((column) => column.key === key || column.headerVi.toLowerCase() === text.toLowerCase());
}

function rowsOf(table: readonly (readonly unknown[])[], columns: readonly Column[], firstRowNumber = 1): Sheet {
  const [header = [], ...data] = table;
  const mapped = header.map((cell) => columnOf(String(cell ?? ''), columns));
  const unknownColumns = header.filter((cell, index) => String(cell ?? '').trim() !== '' && !mapped[index]).map(String);
  const rows: SheetRow[] = [];
  data.forEach((cells, position) => {
    if (cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === '')) return;
    const values: Record<string, unknown> = {};
    mapped.forEach((column, index) => {
      if (column) values[column.key] = cells[index] ?? null;
    });
    rows.push({ row: firstRowNumber + 1 + position, values });
  });
  return { rows, unknownColumns };
}

/** An exceljs cell value as the text or number it shows: dates as YYYY-MM-DD, formulas by their result. */
function cellValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object') {
    const cell = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellValue(cell.result);
    if ('text' in cell) return cell.text;
  }
  return value;
}

type ExcelJsModule = typeof import('exceljs');

async function excel(): Promise<ExcelJsModule> {
  const module = (await import('exceljs')) as ExcelJsModule & { default?: ExcelJsModule };
  return module.default ?? module;
}

export async function readSheet(file: File, columns: readonly Column[]): Promise<Sheet> {
  if (/\.xlsx$/i.test(file.name)) {
    const ExcelJS = await excel();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const worksheet = workbook.worksheets[0];
    if (!worksheet) return { rows: [], unknownColumns: [] };
    const table: unknown[][] = [];
    for (let number = 1; number <= worksheet.rowCount; number += 1) {
      const row = worksheet.getRow(number);
      const cells: unknown[] = [];
      for (let column = 1; column <= worksheet.columnCount; column += 1) cells.push(cellValue(row.getCell(column).value));
      table.push(cells);
    }
    return rowsOf(table, columns);
  }
  const Papa = (await import('papaparse')).default;
  const text = (await file.text()).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  return rowsOf(parsed.data, columns);
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export async function downloadCsvTemplate(name: string, columns: readonly Column[]): Promise<void> {
  const Papa = (await import('papaparse')).default;
  // The byte order mark makes Excel read the Vietnamese headers as UTF-8.
  const csv = `\uFEFF${Papa.unparse([columns.map(headerOf)])}\r\n`;
  download(`${name}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}

export async function downloadXlsxTemplate(name: string, columns: readonly Column[]): Promise<void> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(name);
  worksheet.addRow(columns.map(headerOf)).font = { bold: true };
  worksheet.columns.forEach((column) => {
    column.width = 28;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  download(`${name}.xlsx`, new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}

/** The file's SHA-256 in hex: with a row's number, it names the row across uploads of the same file. */
export async function fileHash(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
