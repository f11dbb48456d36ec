import type { EvaluationReport } from '../evaluation-core';
import { coverageChart, targetGroupKeys } from './coverage-chart';
import { coverageSvg } from './coverage-svg';
import { escapeHtml } from '@training-ledger/platform';
import { assertMetaDescribesReport, type EvaluationExportMeta } from './export-meta';
import { bandText, countText, printedCell, shareText, calendarDateText } from './number-formats';
import { reportTables, type ReportCell, type ReportColumn, type ReportTable } from './report-tables';
import { reportSummary } from './report-summary';
import { headline } from './headline';
import { bandStatusLabels, type BilingualLabel, evaluationKindLabels, programmeName, targetGroupLabels } from './vocabulary';

const styles = `
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 1100px; padding: 16px; }
header { border-bottom: 2px solid #9e1b20; padding-bottom: 8px; margin-bottom: 14px; }
.programme { margin: 0; color: #4a4a4a; font-size: 9.5pt; }
h1 { margin: 6px 0 2px; color: #9e1b20; font-size: 20pt; }
h1 .en, h2 .en, th .en, dt .en { color: #5f6b73; font-weight: normal; }
h2 { font-size: 13pt; color: #1c2e5c; margin: 22px 0 8px; break-after: avoid; }
.as-of { margin: 0; font-size: 11pt; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; font-size: 9.5pt; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; white-space: pre-line; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; word-break: break-all; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin-bottom: 10px; }
.figure { border: 1px solid #d5dbe0; border-radius: 4px; padding: 6px 8px; break-inside: avoid; }
.figure .number { font-size: 15pt; font-weight: bold; color: #1c2e5c; }
.figure .label { font-size: 8.5pt; }
.figure .label .en { color: #5f6b73; }
.note { font-size: 9pt; margin: 4px 0 0; }
.headline { border-left: 3px solid #9e1b20; padding: 2px 0 2px 10px; margin-bottom: 12px; }
.headline p { margin: 0 0 4px; font-size: 10.5pt; line-height: 1.45; }
.headline p.en { color: #5f6b73; font-size: 9.5pt; }
.note .en { color: #5f6b73; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 8.5pt; margin-bottom: 6px; }
th, td { border: 1px solid #cfd6dc; padding: 3px 5px; vertical-align: top; }
th { background: #e8eef7; text-align: left; font-weight: bold; }
th .en { display: block; font-style: italic; font-size: 7.5pt; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.status-below { color: #c62828; font-weight: bold; }
.status-within { color: #2e7d32; font-weight: bold; }
.status-above { color: #1565c0; font-weight: bold; }
.status-no-roster, .status-no-phase { color: #757575; font-style: italic; }
.chart svg { max-width: 100%; height: auto; }
section.wide { page: wide; }
footer { margin-top: 24px; border-top: 1px solid #cfd6dc; padding-top: 6px; font-size: 8.5pt; color: #4a4a4a; }
@media print { body { max-width: none; padding: 0; } .table-wrap { overflow: visible; } h2 { break-before: auto; } }
`;

/**
 * The issued report as one printable page: no scripts, no fonts or images fetched from anywhere, so
 * that it opens and prints the same offline, years later. Every piece of text from the report is escaped.
 */
export function toHtml(report: EvaluationReport, meta: EvaluationExportMeta): string {
  assertMetaDescribesReport(report, meta);
  const kind = evaluationKindLabels[report.kind];
  const summary = reportSummary(report, meta);
  const tables = reportTables(report);
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="report-sha256" content="${escapeHtml(meta.reportSha256)}">`,
    `<title>${escapeHtml(`${kind.vi} / ${kind.en} — ${calendarDateText(report.asOf)}`)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<p class="programme">${escapeHtml(programmeName.vi)} (Quyết định số 892/QĐ-TTg) / ${escapeHtml(programmeName.en)} (Decision No. 892/QĐ-TTg)</p>`,
    `<h1>${escapeHtml(kind.vi)} <span class="en">/ ${escapeHtml(kind.en)}</span></h1>`,
    `<p class="as-of">Số liệu tính đến ngày ${escapeHtml(calendarDateText(report.asOf))} / Figures as of ${escapeHtml(report.asOf)}</p>`,
    '</header>',
    headlineSection(headline(report)),
    metaSection(summary.about),
    '<section>',
    heading('Tổng hợp toàn quốc', 'National summary'),
    '<div class="figures">',
    ...summary.keyFigures.map(
      (figure) =>
        `<div class="figure"><div class="number">${escapeHtml(countText(figure.value))}</div><div class="label">${escapeHtml(figure.label.vi)}<br><span class="en">${escapeHtml(figure.label.en)}</span></div></div>`,
    ),
    '</div>',
    coverageSummaryTable(summary.coverage),
    `<p class="note">${escapeHtml(summary.rosterNote.vi)}<br><span class="en">${escapeHtml(summary.rosterNote.en)}</span></p>`,
    '</section>',
    '<section class="chart">',
    heading('Tỷ lệ đã được bồi dưỡng so với mục tiêu', 'Share trained against the target'),
    coverageSvg(coverageChart(report)),
    '</section>',
    ...tables.map((table) => tableSection(table)),
    `<footer>${escapeHtml(`${kind.vi} / ${kind.en}`)} · ${escapeHtml(meta.evaluationId)} · SHA-256 <span class="hash">${escapeHtml(meta.reportSha256)}</span></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function headlineSection(text: BilingualLabel | null): string {
  if (text === null) return '';
  return `<section class="headline"><p lang="vi">${escapeHtml(text.vi)}</p><p lang="en" class="en">${escapeHtml(text.en)}</p></section>`;
}

function heading(vi: string, en: string): string {
  return `<h2>${escapeHtml(vi)} <span class="en">/ ${escapeHtml(en)}</span></h2>`;
}

function metaSection(about: ReturnType<typeof reportSummary>['about']): string {
  return [
    '<section class="about">',
    heading('Thông tin báo cáo', 'About this report'),
    '<dl class="meta">',
    ...about.map(
      (item) =>
        `<dt>${escapeHtml(item.label.vi)} <span class="en">/ ${escapeHtml(item.label.en)}</span></dt><dd${item.isHash ? ' class="hash"' : ''}>${escapeHtml(item.value)}</dd>`,
    ),
    '</dl>',
    '</section>',
  ].join('\n');
}

function coverageSummaryTable(coverage: ReturnType<typeof reportSummary>['coverage']): string {
  const header = [
    ['Phạm vi', 'Scope'],
    ['Đối tượng', 'Target group'],
    ['Biên chế', 'On roster'],
    ['Đã được bồi dưỡng', 'Trained'],
    ['Tỷ lệ', 'Share'],
    ['Mục tiêu', 'Target'],
    ['Đánh giá', 'Against the target'],
  ];
  const rows = coverage.flatMap((scope) =>
    targetGroupKeys.map((key, index) => {
      const figures = scope.byGroup[key];
      const status = bandStatusLabels[figures.status];
      return [
        '<tr>',
        index === 0 ? `<td rowspan="2"><strong>${escapeHtml(scope.label.vi)}</strong><br><span class="en">${escapeHtml(scope.label.en)}</span></td>` : '',
        `<td>${escapeHtml(targetGroupLabels[key].vi)}</td>`,
        `<td class="number">${escapeHtml(countText(figures.roster))}</td>`,
        `<td class="number">${escapeHtml(countText(figures.trained))}</td>`,
        `<td class="number">${escapeHtml(shareText(figures.share))}</td>`,
        `<td class="number">${escapeHtml(figures.band ? bandText(figures.band) : '—')}</td>`,
        `<td class="status-${figures.status}">${escapeHtml(status.vi)}<br><span class="en">${escapeHtml(status.en)}</span></td>`,
        '</tr>',
      ].join('');
    }),
  );
  return [
    '<div class="table-wrap"><table class="coverage">',
    `<thead><tr>${header.map(([vi, en]) => `<th>${escapeHtml(vi)}<span class="en">${escapeHtml(en)}</span></th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

function tableSection(table: ReportTable): string {
  const wide = table.columns.length > 12;
  return [
    `<section class="table${wide ? ' wide' : ''}" id="table-${escapeHtml(table.name)}">`,
    heading(table.titleVi, table.titleEn),
    '<div class="table-wrap"><table>',
    `<thead><tr>${table.columns.map((column) => `<th>${escapeHtml(column.headingVi)}<span class="en">${escapeHtml(column.headingEn)}</span></th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...table.rows.map((row) => `<tr>${table.columns.map((column) => cellHtml(column, row[column.key] ?? null)).join('')}</tr>`),
    '</tbody>',
    '</table></div>',
    '</section>',
  ].join('\n');
}

function cellHtml(column: ReportColumn, cell: ReportCell): string {
  const numeric = cell === null || typeof cell === 'number' || column.format !== undefined;
  return `<td${numeric ? ' class="number"' : ''}>${escapeHtml(printedCell(column.format, cell))}</td>`;
}
