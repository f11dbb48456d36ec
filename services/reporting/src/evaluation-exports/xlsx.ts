import ExcelJS from 'exceljs';
import { evaluationKinds, type EvaluationKind } from '../evaluation-core';
import { issuedAtDate, type EvaluationExportMeta } from './export-meta';
import type { ReportCell, ReportColumn, ReportTable } from './report-tables';
import { reportTitle } from './vocabulary';
import { normaliseZipTimestamps } from './zip-timestamps';

export const aboutSheetName = 'Thông tin - About';

/** Excel refuses "/" in sheet names, so the two languages are joined by a dash. */
const sheetNames: Readonly<Record<string, string>> = {
  national: 'Toàn quốc - National',
  agencies: 'Cơ quan - Agencies',
  'by-rank': 'Chức vụ - By rank',
  'by-level': 'Cấp độ - By level',
  'by-training-group': 'Khối - By training group',
  'by-format': 'Hình thức - By format',
  courses: 'Lớp học - Courses',
  targets: 'Mục tiêu - Targets',
  'programme-reach': 'Khóa, học viên - Reach',
  'programme-learners': 'Học viên - Learners',
};

const maxSheetNameLength = 31;
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/**
 * The tables as a workbook: an "about" sheet with the issuance's metadata, then one sheet per table
 * under a Vietnamese and an English header row.
 *
 * The bytes are stable for the same tables and metadata: the document's dates come from `issuedAt`,
 * and the zip entries' timestamps, which ExcelJS stamps with the current time, are rewritten to it.
 */
export async function toXlsx(tables: readonly ReportTable[], meta: EvaluationExportMeta): Promise<Buffer> {
  const issuedAt = issuedAtDate(meta);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.issuedBy;
  workbook.lastModifiedBy = meta.issuedBy;
  workbook.created = issuedAt;
  workbook.modified = issuedAt;
  workbook.title = titleOf(meta.kind);
  workbook.subject = `Quyết định 892/QĐ-TTg — ${meta.evaluationId}`;
  workbook.description = `SHA-256: ${meta.reportSha256}`;

  addAboutSheet(workbook, meta);
  const used = new Set([aboutSheetName.toLowerCase()]);
  for (const table of tables) addTableSheet(workbook, uniqueSheetName(table.name, used), table);

  const written = await workbook.xlsx.writeBuffer();
  return normaliseZipTimestamps(Buffer.from(written as ArrayBuffer), issuedAt);
}

function addAboutSheet(workbook: ExcelJS.Workbook, meta: EvaluationExportMeta): void {
  const rows: readonly (readonly [string, string, string | number])[] = [
    ['Báo cáo', 'Report', titleOf(meta.kind)],
    ['Mã đánh giá', 'Evaluation ID', meta.evaluationId],
    ['Loại đánh giá', 'Kind', meta.kind],
    ['Số liệu tính đến ngày', 'As of', meta.asOf],
    ['Phiên bản quy tắc xác định đã được bồi dưỡng', 'Coverage rule version', meta.coverageRuleVersion],
    ['Phiên bản mục tiêu theo giai đoạn', 'Phase targets version', meta.phaseTargetsVersion],
    ['Phiên bản mã tính báo cáo', 'Report code version', meta.reportCodeVersion],
    ['Mã băm SHA-256 của báo cáo', 'Report SHA-256', meta.reportSha256],
    ['Mã băm SHA-256 của dữ liệu đầu vào', 'Input digest SHA-256', meta.inputDigestSha256],
    ['Thời điểm ban hành', 'Issued at', meta.issuedAt],
    ['Người ban hành', 'Issued by', meta.issuedBy],
  ];
  const sheet = workbook.addWorksheet(aboutSheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow(['Thông tin', 'Thông tin (tiếng Anh)', 'Giá trị']);
  sheet.addRow(['Item (Vietnamese)', 'Item', 'Value']);
  for (const row of rows) sheet.addRow([...row]);
  styleHeader(sheet, 3);
  sheet.columns.forEach((column, index) => (column.width = [44, 26, 70][index]));
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow(table.columns.map((column) => column.headingVi));
  sheet.addRow(table.columns.map((column) => column.headingEn));
  for (const row of table.rows) sheet.addRow(table.columns.map((column) => cellValue(column, row[column.key] ?? null)));
  styleHeader(sheet, table.columns.length);

  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = columnWidth(column, table.rows.map((row) => row[column.key] ?? null));
    if (column.format === 'share') sheetColumn.numFmt = '0.00%';
    if (column.format === 'decimal') sheetColumn.numFmt = '0.0';
  });
  const widths = table.columns.map((_, index) => sheet.getColumn(index + 1).width ?? 10);
  sheet.getRow(1).height = headerHeight(table.columns.map((column) => column.headingVi), widths);
  sheet.getRow(2).height = headerHeight(table.columns.map((column) => column.headingEn), widths);
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.columns.length } };
}

function styleHeader(sheet: ExcelJS.Worksheet, columns: number): void {
  for (const rowNumber of [1, 2]) {
    const row = sheet.getRow(rowNumber);
    for (let index = 1; index <= columns; index += 1) {
      const cell = row.getCell(index);
      cell.font = rowNumber === 1 ? { bold: true } : { bold: true, italic: true, color: { argb: 'FF455A64' } };
      cell.fill = headerFill;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = rowNumber === 2 ? { bottom: { style: 'thin', color: { argb: 'FF90A4AE' } } } : {};
    }
  }
}

/** Shares go in as numbers shown as percentages, so that they sort and chart; text and counts as they are. */
function cellValue(column: ReportColumn, cell: ReportCell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (column.format !== undefined && typeof cell === 'string') return Number(cell);
  return cell;
}

function columnWidth(column: ReportColumn, cells: readonly ReportCell[]): number {
  const longestValue = Math.max(0, ...cells.map((cell) => (cell === null ? 0 : column.format === 'share' ? 8 : String(cell).length)));
  const headingWord = Math.max(...`${column.headingVi} ${column.headingEn}`.split(' ').map((word) => word.length));
  return Math.min(48, Math.max(10, longestValue + 2, headingWord + 2, Math.ceil(column.headingVi.length / 3)));
}

function headerHeight(headings: readonly string[], widths: readonly number[]): number {
  const lines = Math.max(1, ...headings.map((heading, index) => Math.ceil((heading.length * 1.1) / Math.max(1, widths[index] - 1))));
  return 15 * lines + 3;
}

function uniqueSheetName(tableName: string, used: Set<string>): string {
  const base = (sheetNames[tableName] ?? tableName.replace(/[*?:\\/[\]]/g, '-')).slice(0, maxSheetNameLength) || 'Sheet';
  let name = base;
  for (let suffix = 2; used.has(name.toLowerCase()); suffix += 1) {
    name = `${base.slice(0, maxSheetNameLength - String(suffix).length - 1)} ${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

function titleOf(kind: string): string {
  return isEvaluationKind(kind) ? reportTitle(kind) : `Báo cáo / Report: ${kind}`;
}

function isEvaluationKind(kind: string): kind is EvaluationKind {
  return (evaluationKinds as readonly string[]).includes(kind);
}
