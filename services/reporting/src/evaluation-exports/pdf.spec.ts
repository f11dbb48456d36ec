import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationReport } from '../evaluation-core';
import { agencyRegistered, given, rosterDeclared } from '../evaluation-core/evaluation-log.fixture';
import { manyAgenciesReport, metaFor, nationalReport, smallReport } from './evaluation-exports.fixture';
import { toPdf } from './pdf';

interface RenderedPage {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly text: string;
  readonly png: string;
}

const RENDER_SCRIPT = join(__dirname, 'render-pages.mjs');
const A4 = { long: 841.89, short: 595.28 };

describe('toPdf', () => {
  let workDirectory: string;
  let report: EvaluationReport;
  let pdf: Buffer;
  let pages: RenderedPage[];

  function render(name: string, bytes: Buffer): RenderedPage[] {
    const pdfPath = join(workDirectory, `${name}.pdf`);
    writeFileSync(pdfPath, bytes);
    const output = execFileSync('node', [RENDER_SCRIPT, pdfPath, join(workDirectory, name), '--json', '--dpi=40'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return (JSON.parse(output) as { pages: RenderedPage[] }).pages;
  }

  const allText = (of: readonly RenderedPage[]) => of.map((page) => page.text).join('\n');

  beforeAll(async () => {
    workDirectory = mkdtempSync(join(tmpdir(), 'evaluation-pdf-'));
    report = nationalReport();
    pdf = await toPdf(report, metaFor(report));
    pages = render('national', pdf);
  }, 60_000);

  afterAll(() => {
    jest.useRealTimers();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it('is a PDF on A4: portrait for the summary and chart, landscape for the agencies', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages[0].widthPt).toBeCloseTo(A4.short, 1);
    expect(pages[0].heightPt).toBeCloseTo(A4.long, 1);
    const last = pages[pages.length - 1];
    expect(last.widthPt).toBeCloseTo(A4.long, 1);
    expect(last.heightPt).toBeCloseTo(A4.short, 1);
  });

  it('prints the title, the headline, the seal and the issuance on the first page, coverage by the second', () => {
    const text = allText(pages.slice(0, 2));
    const meta = metaFor(report);
    expect(pages[0].text).toContain('Đề án bồi dưỡng cán bộ, công chức, viên chức làm công tác đối ngoại, hội nhập quốc tế đủ năng lực làm việc');
    expect(pages[0].text).toContain('khóa cấp cao dành cho lãnh đạo cấp Vụ, cấp Sở');
    expect(pages[0].text).toContain('6.484 lượt học viên đã được cấp chứng nhận');
    expect(pages[0].text).toContain(meta.reportSha256);

    for (const expected of [
      'BÁO CÁO SƠ KẾT',
      'Mid-term review',
      'Số liệu tính đến ngày 31/12/2028',
      'Quyết định số 892/QĐ-TTg',
      meta.reportSha256,
      meta.inputDigestSha256,
      meta.evaluationId,
      '2029-01-15T09:30:00+07:00',
      'Tổng hợp toàn quốc',
      'Thường xuyên',
      'Không thường xuyên',
      '30,44%',
      'Đạt mục tiêu',
      'Dưới mục tiêu',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the Vietnamese headings and the agencies’ names with their diacritics', () => {
    const text = allText(pages);

    for (const expected of [
      'Tỷ lệ đã được bồi dưỡng so với mục tiêu',
      'Cán bộ không thường xuyên',
      'Mục tiêu / Target 30–40%',
      'Học viên theo chức vụ',
      'Vụ trưởng, Giám đốc Sở và tương đương',
      'Theo hình thức bồi dưỡng',
      'Thực tập ở nước ngoài',
      'Kết quả theo cơ quan',
      'Lớp chủ trì',
      'Bộ Ngoại giao',
      'Thành phố Hà Nội',
      'Thành phố Hồ Chí Minh',
      'Tỉnh Đắk Lắk',
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Cộng khối địa phương',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('names every agency in the chart and again in the agencies table', () => {
    const chartPage = pages.find((page) => page.text.includes('Tỷ lệ đã được bồi dưỡng so với mục tiêu'))!;
    const tablePages = allText(pages.filter((page) => page.text.includes('Kết quả theo cơ quan')));
    for (const agency of report.agencies) {
      const name = agency.nameVi ?? agency.agencyId;
      expect(chartPage.text).toContain(name);
      expect(tablePages).toContain(name);
    }
  });

  it('repeats the header on each page of the agencies table', () => {
    const tablePages = pages.filter((page) => page.text.includes('Kết quả theo cơ quan'));

    expect(tablePages.length).toBeGreaterThan(1);
    expect(tablePages[1].text).toContain('Kết quả theo cơ quan (tiếp)');
    for (const page of tablePages) expect(page.text).toContain('So với mục tiêu');
  });

  it('numbers every page and repeats the seal at its foot', () => {
    const { reportSha256 } = metaFor(report);
    pages.forEach((page, index) => {
      expect(page.text).toContain(`Trang ${index + 1}/${pages.length}`);
      expect(page.text).toContain(reportSha256);
    });
  });

  it('embeds DejaVu Sans instead of relying on the reader’s fonts', () => {
    const raw = pdf.toString('latin1');

    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).not.toContain('Helvetica');
  });

  it('dates the document by its issuance', () => {
    expect(pdf.toString('latin1')).toContain('(D:20290115023000Z)');
  });

  it('gives the same bytes for the same report, whenever it runs', async () => {
    jest.useFakeTimers({ now: new Date('2033-07-04T10:11:13Z'), advanceTimers: true });
    const again = await toPdf(nationalReport(), metaFor(report));
    jest.useRealTimers();

    expect(again.equals(pdf)).toBe(true);
  });

  it('carries a chart over several pages when the agencies do not fit on one, and prints composed Vietnamese', async () => {
    const many = manyAgenciesReport(90);
    const rendered = render('many', await toPdf(many, metaFor(many)));
    const chartPages = rendered.filter((page) => page.text.includes('Tỷ lệ đã được bồi dưỡng so với mục tiêu'));

    expect(chartPages.length).toBeGreaterThan(1);
    expect(chartPages[1].text).toContain('Tỷ lệ đã được bồi dưỡng so với mục tiêu (tiếp)');
    expect(chartPages[1].text).toContain('Khối địa phương / Localities (tiếp / continued)');
    for (const page of chartPages) expect(page.text).toContain('Khoảng mục tiêu / Target band');
    expect(allText(rendered)).toContain('Ủy ban nhân dân xã Đồng Văn');
    expect(allText(rendered)).toContain('Ủy ban nhân dân xã số 90');
  }, 60_000);

  it('prints a report before the programme’s first phase, with no band to chart against', async () => {
    const early = given(agencyRegistered('BNG', 'ministry', 'Bộ Ngoại giao'), rosterDeclared('BNG', '2025-06-30', 10, 10)).whenEvaluated({
      asOf: '2025-12-31',
    });
    const text = allText(render('early', await toPdf(early, metaFor(early))));

    expect(text).toContain('Chưa đến giai đoạn nào / Before the first phase');
    expect(text).toContain('Ngoài giai đoạn / Outside the programme phases');
    expect(text).not.toContain('Mục tiêu / Target');
  }, 60_000);

  it('renders each page to a PNG for review', () => {
    for (const page of pages) {
      expect([...readFileSync(page.png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });

  it('refuses metadata that does not describe the report', async () => {
    const small = smallReport();
    await expect(toPdf(small, metaFor(report))).rejects.toThrow(/reportSha256/);
  });
});
