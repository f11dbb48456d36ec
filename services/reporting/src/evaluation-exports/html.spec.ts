import { reviewCutoffs } from '../evaluation-core';
import { agencyRegistered, certifiedStaff, given, rosterDeclared } from '../evaluation-core/evaluation-log.fixture';
import { metaFor, nationalReport, smallReport } from './evaluation-exports.fixture';
import { toHtml } from './html';

describe('toHtml', () => {
  const report = smallReport();
  const meta = metaFor(report);
  const html = toHtml(report, meta);

  it('is one Vietnamese page titled by the kind of review', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Báo cáo sơ kết / Mid-term review — 31/12/2028</title>');
    expect(html).toContain('<h1>Báo cáo sơ kết <span class="en">/ Mid-term review</span></h1>');

    const final = given(agencyRegistered('BNG', 'ministry')).whenEvaluated({ asOf: reviewCutoffs.final, kind: 'final' });
    expect(toHtml(final, metaFor(final))).toContain('<title>Báo cáo tổng kết / Final review — 31/12/2031</title>');
  });

  it('needs nothing from outside the file: no scripts, links, images or fonts to fetch', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|@import|url\(/i);
    expect(html).toContain('<style>');
  });

  it('prints the seal and the issuance', () => {
    expect(html).toContain(meta.reportSha256);
    expect(html).toContain(meta.inputDigestSha256);
    expect(html).toContain(meta.evaluationId);
    expect(html).toContain('2029-01-15T09:30:00+07:00');
    expect(html).toContain('mofa-programme-office');
    expect(html).toContain('evaluation/2.0.0');
    expect(html).toContain('<section class="headline"><p lang="vi">Thực hiện Đề án bồi dưỡng cán bộ, công chức, viên chức làm công tác đối ngoại, hội nhập quốc tế đủ năng lực');
    expect(html).not.toContain('Đề án đào tạo, bồi dưỡng');
  });

  it('charts each share against the target band as inline SVG, bars coloured by status', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + '</svg>'.length);

    expect(svg).toContain('role="img"');
    expect(svg.match(/Mục tiêu \/ Target 30–40%/g)).toHaveLength(2);
    expect(svg).toContain('<title>35,00% — Đạt mục tiêu / Within target</title>');
    expect(svg).toContain('<title>24,75% — Dưới mục tiêu / Below target</title>');
    expect(svg).toContain('<title>45,00% — Vượt mục tiêu / Above target</title>');
    expect(svg).toMatch(/fill="#2e7d32"><title>35,00%/);
    expect(svg).toMatch(/fill="#c62828"><title>24,75%/);
    expect(svg).toMatch(/fill="#1565c0"><title>45,00%/);
    expect(svg).toContain('Chưa có biên chế');
    for (const name of ['Toàn quốc', 'Bộ Ngoại giao', 'Bộ Tài chính', 'Thành phố Hà Nội']) expect(svg).toContain(`${name}</text>`);
  });

  it('gives the national summary and every table with Vietnamese and English headings', () => {
    expect(html).toContain('Tổng hợp toàn quốc <span class="en">/ National summary</span>');
    expect(html).toContain('<th>Số cán bộ thường xuyên (biên chế)<span class="en">Regular staff on roster</span></th>');
    for (const table of ['national', 'agencies', 'by-rank', 'by-level', 'by-training-group', 'by-format', 'courses', 'targets']) {
      expect(html).toContain(`id="table-${table}"`);
    }
    expect(html).toContain('<td>Vụ trưởng, Giám đốc Sở và tương đương</td>');
    expect(html).toContain('<td class="number">24,75%</td>');
  });

  it('escapes every text that comes from the record', () => {
    const hostile = given(
      agencyRegistered('X&Y', 'province', '<script>alert("x")</script> & <b>Tỉnh</b>', "O'Brien <i>"),
      rosterDeclared('X&Y', '2028-06-30', 10, 10),
      certifiedStaff('X&Y', 'regular', 3),
    ).whenEvaluated({ asOf: reviewCutoffs['mid-term'], kind: 'mid-term' });
    const page = toHtml(hostile, metaFor(hostile, { evaluationId: '"><script>1</script>', issuedBy: 'a&b' }));

    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>Tỉnh');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Tỉnh&lt;/b&gt;');
    expect(page).toContain('O&#39;Brien &lt;i&gt;');
    expect(page).toContain('X&amp;Y');
    expect(page).toContain('&quot;&gt;&lt;script&gt;1&lt;/script&gt;');
    expect(page).toContain('a&amp;b');
  });

  it('refuses metadata that does not describe the report', () => {
    const other = nationalReport();
    expect(() => toHtml(report, metaFor(other))).toThrow(/reportSha256/);
    expect(() => toHtml(report, { ...meta, kind: 'final' })).toThrow(/kind is final but the report's is mid-term/);
    expect(() => toHtml(report, { ...meta, issuedAt: 'yesterday' })).toThrow(/issuedAt/);
  });

  it('is the same text for the same report', () => {
    expect(toHtml(smallReport(), meta)).toBe(html);
  });
});
