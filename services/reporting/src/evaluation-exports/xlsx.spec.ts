import ExcelJS from 'exceljs';
import type { EvaluationReport } from '../evaluation-core';
import { metaFor, smallReport } from './evaluation-exports.fixture';
import type { EvaluationExportMeta } from './export-meta';
import { reportTables, type ReportTable } from './report-tables';
import { aboutSheetName, toXlsx } from './xlsx';

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('toXlsx', () => {
  let report: EvaluationReport;
  let meta: EvaluationExportMeta;
  let tables: ReportTable[];
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    report = smallReport();
    meta = metaFor(report);
    tables = reportTables(report);
    bytes = await toXlsx(tables, meta);
    workbook = await readBack(bytes);
  });

  afterEach(() => jest.useRealTimers());

  it('holds an about sheet, then one sheet per table, with names Excel accepts', () => {
    const names = workbook.worksheets.map((sheet) => sheet.name);

    expect(names).toEqual([
      aboutSheetName,
      'Toàn quốc - National',
      'Cơ quan - Agencies',
      'Chức vụ - By rank',
      'Cấp độ - By level',
      'Khối - By training group',
      'Hình thức - By format',
      'Lớp học - Courses',
      'Mục tiêu - Targets',
      'Khóa, học viên - Reach',
      'Học viên - Learners',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[*?:\\/[\]]/);
    }
  });

  it('records the issuance in the about sheet', () => {
    const about = workbook.getWorksheet(aboutSheetName)!;
    const values = new Map<string, unknown>();
    about.eachRow((row) => values.set(String(row.getCell(2).value), row.getCell(3).value));

    expect(values.get('Evaluation ID')).toBe(meta.evaluationId);
    expect(values.get('Kind')).toBe('mid-term');
    expect(values.get('As of')).toBe('2028-12-31');
    expect(values.get('Coverage rule version')).toBe(1);
    expect(values.get('Phase targets version')).toBe(1);
    expect(values.get('Report code version')).toBe(report.reportCodeVersion);
    expect(values.get('Report SHA-256')).toBe(meta.reportSha256);
    expect(values.get('Input digest SHA-256')).toBe(meta.inputDigestSha256);
    expect(values.get('Issued at')).toBe(meta.issuedAt);
    expect(values.get('Issued by')).toBe('mofa-programme-office');
    expect(values.get('Report')).toBe('Báo cáo sơ kết / Mid-term review');
  });

  it('heads each sheet with a Vietnamese and an English row, bold and frozen', () => {
    const agencies = workbook.getWorksheet('Cơ quan - Agencies')!;
    const vietnamese = agencies.getRow(1).values as unknown[];
    const english = agencies.getRow(2).values as unknown[];
    const column = vietnamese.indexOf('Số cán bộ thường xuyên (biên chế)');

    expect(column).toBeGreaterThan(0);
    expect(english[column]).toBe('Regular staff on roster');
    expect(agencies.getRow(1).getCell(column).font?.bold).toBe(true);
    expect(agencies.getRow(2).getCell(column).font?.bold).toBe(true);
    expect(agencies.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(agencies.getColumn(column).width).toBeGreaterThanOrEqual(10);
  });

  it('writes counts as numbers and shares as numbers shown as percentages', () => {
    const agencies = workbook.getWorksheet('Cơ quan - Agencies')!;
    const headings = agencies.getRow(1).values as unknown[];
    const nameColumn = headings.indexOf('Tên cơ quan');
    const rosterColumn = headings.indexOf('Số cán bộ thường xuyên (biên chế)');
    const shareColumn = headings.indexOf('Tỷ lệ cán bộ thường xuyên đã được bồi dưỡng');
    let hanoi: ExcelJS.Row | undefined;
    agencies.eachRow((row) => {
      if (row.getCell(nameColumn).value === 'Thành phố Hà Nội') hanoi = row;
    });

    expect(hanoi!.getCell(rosterColumn).value).toBe(400);
    expect(hanoi!.getCell(shareColumn).value).toBe(0.2475);
    expect(hanoi!.getCell(shareColumn).numFmt).toBe('0.00%');
    expect(agencies.rowCount).toBe(2 + report.agencies.length);
  });

  it('dates the workbook by its issuance', () => {
    expect(workbook.created.toISOString()).toBe('2029-01-15T02:30:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2029-01-15T02:30:00.000Z');
    expect(workbook.creator).toBe('mofa-programme-office');
  });

  it('stamps every zip entry with the issuance, in Viet Nam time', () => {
    const time = bytes.readUInt16LE(10);
    const date = bytes.readUInt16LE(12);

    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect([(date >> 9) + 1980, (date >> 5) & 0xf, date & 0x1f, time >> 11, (time >> 5) & 0x3f]).toEqual([2029, 1, 15, 9, 30]);
  });

  it('gives the same bytes for the same tables, whenever it runs', async () => {
    jest.useFakeTimers({ now: new Date('2031-03-01T01:02:03Z'), advanceTimers: true });
    const later = await toXlsx(tables, meta);
    jest.useFakeTimers({ now: new Date('2033-07-04T10:11:13Z'), advanceTimers: true });
    const muchLater = await toXlsx(tables, meta);

    expect(later.equals(bytes)).toBe(true);
    expect(muchLater.equals(bytes)).toBe(true);
  });

  it('shortens and separates sheet names that would be too long or clash', async () => {
    const long = { ...tables[6], name: 'a-table-with-a-name-far-longer-than-excel-allows' };
    const clashing = { ...tables[6], name: 'a-table-with-a-name-far-longer-than-excel-allows-too' };
    const names = (await readBack(await toXlsx([long, clashing], meta))).worksheets.map((sheet) => sheet.name);

    expect(names).toEqual([aboutSheetName, 'a-table-with-a-name-far-longer-', 'a-table-with-a-name-far-longe 2']);
  });
});
