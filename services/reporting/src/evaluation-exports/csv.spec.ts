import { toCsv } from './csv';
import { smallReport } from './evaluation-exports.fixture';
import { reportTables, type ReportTable } from './report-tables';

const awkward: ReportTable = {
  name: 'awkward',
  titleVi: 'Thử',
  titleEn: 'Test',
  columns: [
    { key: 'name', headingVi: 'Tên, đầy đủ', headingEn: 'Full name' },
    { key: 'note', headingVi: 'Ghi chú', headingEn: 'Note' },
    { key: 'count', headingVi: 'Số lượng', headingEn: 'Count' },
  ],
  rows: [
    { name: 'Bộ Văn hóa, Thể thao và Du lịch', note: 'gọi là "Bộ VHTTDL"', count: 7030 },
    { name: 'Tỉnh Lào Cai', note: 'dòng một\r\ndòng hai', count: 0 },
    { name: '=HYPERLINK("http://example.test")', note: null, count: null },
  ],
};

/** Reads RFC 4180 text back into records, as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      [record, field] = [[], ''];
      index += 1;
    } else field += character;
  }
  return records;
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends every record with CRLF', () => {
    const csv = toCsv(awkward);
    const bytes = Buffer.from(csv, 'utf8');

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/[^\r]\n|\r(?!\n)/);
  });

  it('heads each column "Vietnamese / English", quoting where the heading needs it', () => {
    expect(toCsv(awkward).slice(1).split('\r\n')[0]).toBe('"Tên, đầy đủ / Full name",Ghi chú / Note,Số lượng / Count');
  });

  it('quotes fields holding commas, quotes or line breaks, doubles quotes, and leaves the rest bare', () => {
    const lines = toCsv(awkward).slice(1);

    expect(lines).toContain('"Bộ Văn hóa, Thể thao và Du lịch","gọi là ""Bộ VHTTDL""",7030\r\n');
    expect(lines).toContain('Tỉnh Lào Cai,"dòng một\r\ndòng hai",0\r\n');
    expect(parseCsv(lines)).toEqual([
      ['Tên, đầy đủ / Full name', 'Ghi chú / Note', 'Số lượng / Count'],
      ['Bộ Văn hóa, Thể thao và Du lịch', 'gọi là "Bộ VHTTDL"', '7030'],
      ['Tỉnh Lào Cai', 'dòng một\r\ndòng hai', '0'],
      ["'=HYPERLINK(\"http://example.test\")", '', ''],
    ]);
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(toCsv(awkward)).toContain(`"'=HYPERLINK(""http://example.test"")",,\r\n`);
  });

  it('writes the agencies of a report with their exact shares', () => {
    const agencies = reportTables(smallReport()).find((table) => table.name === 'agencies')!;
    const records = parseCsv(toCsv(agencies).slice(1));
    const header = records[0];
    const hanoi = records.find((record) => record[header.indexOf('Tên cơ quan / Agency name (Vietnamese)')] === 'Thành phố Hà Nội')!;

    expect(header).toContain('Số cán bộ thường xuyên (biên chế) / Regular staff on roster');
    expect(hanoi[header.indexOf('Số cán bộ thường xuyên (biên chế) / Regular staff on roster')]).toBe('400');
    expect(hanoi[header.indexOf('Tỷ lệ cán bộ thường xuyên đã được bồi dưỡng / Share of regular staff trained')]).toBe('0.2475');
    expect(hanoi[header.indexOf('So với mục tiêu (thường xuyên) / Against the target (regular)')]).toBe('Dưới mục tiêu');
    expect(records).toHaveLength(1 + agencies.rows.length);
  });
});
