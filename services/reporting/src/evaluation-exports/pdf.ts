import PDFDocument from 'pdfkit';
import { agencyGroups, type AgencyFigures, type BandStatus, type EvaluationReport, type GroupFigures } from '../evaluation-core';
import { agencyGroupOf } from '../evaluation-core';
import { agencyLabel, coverageChart, statusColours, targetGroupKeys } from './coverage-chart';
import { assertMetaDescribesReport, issuedAtDate, type EvaluationExportMeta } from './export-meta';
import { bandText, countText, printedCell, shareText, calendarDateText } from './number-formats';
import { colours, footerHeight, pageMargin, PdfCanvas, type PdfDocument } from './pdf-canvas';
import { drawCoverageChart } from './pdf-chart';
import { fontPath, reportFonts } from './pdf-fonts';
import { drawTable, type PdfCell, type PdfColumn, type PdfColumnGroup } from './pdf-table';
import { reportTables, type ReportCell, type ReportColumn, type ReportTable } from './report-tables';
import { reportSummary, type ReportSummary, type ScopeCoverage } from './report-summary';
import { headline } from './headline';
import { agencyGroupLabels, agencyKindLabels, bandStatusLabels, evaluationKindLabels, nationalLabel, programmeName, type BilingualLabel } from './vocabulary';

/** Printed on the page after the chart; the course totals are already among the key figures, the agencies get landscape pages. */
const deliveryTableNames = ['by-rank', 'by-level', 'by-training-group', 'by-format', 'programme-learners'];
/** Columns that hold codes for machines; print shows their labels instead. */
const codeColumns = new Set(['key', 'rank', 'scope', 'targetGroup']);

/**
 * The issued report on A4: title and seal, the national figures, the coverage chart, the figures
 * by rank, level, training group and format, then every agency on landscape pages.
 *
 * The same report and metadata give the same bytes: the PDF's dates are the issuance's, and PDFKit
 * derives the file ID and the font subset tags from the document info and font order, not from chance.
 */
export async function toPdf(report: EvaluationReport, meta: EvaluationExportMeta): Promise<Buffer> {
  assertMetaDescribesReport(report, meta);
  const issuedAt = issuedAtDate(meta);
  const kind = evaluationKindLabels[report.kind];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margin: 0,
    bufferPages: true,
    font: fontPath('sans'),
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `${kind.vi} / ${kind.en} — ${calendarDateText(report.asOf)}`,
      Author: 'Bộ Ngoại giao',
      Subject: 'Đề án theo Quyết định số 892/QĐ-TTg',
      Keywords: `SHA-256 ${meta.reportSha256}`,
      Creator: 'Training ledger — reporting',
      Producer: 'PDFKit',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const finished = collect(doc);
  for (const [name, data] of Object.entries(reportFonts())) doc.registerFont(name, data);

  const canvas = new PdfCanvas(doc);
  const summary = reportSummary(report, meta);
  const tables = reportTables(report);

  drawTitle(canvas, report);
  drawHeadline(canvas, headline(report));
  drawAbout(canvas, summary);
  canvas.heading({ vi: 'Tổng hợp toàn quốc', en: 'National summary' });
  drawKeyFigures(canvas, summary);
  drawCoverageSummary(canvas, summary.coverage);
  canvas.line(summary.rosterNote.vi, canvas.left, canvas.y + 4, { font: 'sans', size: 7.5 }, { width: canvas.width });
  canvas.line(summary.rosterNote.en, canvas.left, canvas.y + 14, { font: 'sansOblique', size: 7, colour: colours.muted }, { width: canvas.width });

  canvas.newPage('portrait');
  drawCoverageChart(canvas, coverageChart(report), { vi: 'Tỷ lệ đã được bồi dưỡng so với mục tiêu', en: 'Share trained against the target' });

  canvas.newPage('portrait');
  for (const table of tables.filter((each) => deliveryTableNames.includes(each.name))) drawReportTable(canvas, table);

  const reach = tables.find((each) => each.name === 'programme-reach');
  if (reach) {
    canvas.newPage('landscape');
    drawReportTable(canvas, reach);
  }

  canvas.newPage('landscape');
  drawAgencies(canvas, report);

  drawFooters(doc, report, meta);
  doc.end();
  return finished;
}

function collect(doc: PdfDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawTitle(canvas: PdfCanvas, report: EvaluationReport): void {
  const kind = evaluationKindLabels[report.kind];
  const { left, width } = canvas;
  canvas.line('BỘ NGOẠI GIAO', left, canvas.y, { font: 'sansBold', size: 9 });
  canvas.line('MINISTRY OF FOREIGN AFFAIRS', left, canvas.y + 11, { font: 'sans', size: 7, colour: colours.muted });
  canvas.y += 28;
  const programme = { font: 'sans', size: 8.5, colour: colours.muted } as const;
  canvas.y += canvas.paragraph(`${programmeName.vi} (Quyết định số 892/QĐ-TTg)`, left, canvas.y, width, programme) + 2;
  canvas.y += canvas.paragraph(`${programmeName.en} (Decision No. 892/QĐ-TTg)`, left, canvas.y, width, { ...programme, font: 'sansOblique', size: 7.5 }) + 8;
  canvas.line(kind.vi.toUpperCase(), left, canvas.y, { font: 'sansBold', size: 20, colour: colours.crimson });
  canvas.y += 26;
  canvas.line(kind.en, left, canvas.y, { font: 'sans', size: 12, colour: colours.navy });
  canvas.y += 18;
  canvas.line(`Số liệu tính đến ngày ${calendarDateText(report.asOf)} / Figures as of ${report.asOf}`, left, canvas.y, { font: 'sansBold', size: 10 });
  canvas.y += 16;
  canvas.fillRect(left, canvas.y, width, 1.5, colours.crimson);
  canvas.y += 10;
}

/** The review's opening paragraph, Vietnamese then English, under a crimson rule. */
function drawHeadline(canvas: PdfCanvas, text: BilingualLabel | null): void {
  if (text === null) return;
  const { left, width } = canvas;
  const top = canvas.y;
  canvas.y += canvas.paragraph(text.vi, left + 8, canvas.y, width - 8, { font: 'sans', size: 9.5 }) + 4;
  canvas.y += canvas.paragraph(text.en, left + 8, canvas.y, width - 8, { font: 'sansOblique', size: 8, colour: colours.muted });
  canvas.fillRect(left, top, 2, canvas.y - top, colours.crimson);
  canvas.y += 12;
}

function drawAbout(canvas: PdfCanvas, summary: ReportSummary): void {
  canvas.heading({ vi: 'Thông tin báo cáo', en: 'About this report' });
  const labelWidth = 190;
  const valueLeft = canvas.left + labelWidth;
  const valueWidth = canvas.width - labelWidth;
  for (const item of summary.about) {
    const valueStyle = item.isHash ? ({ font: 'mono', size: 7.5 } as const) : ({ font: 'sans', size: 8 } as const);
    const height = Math.max(18, canvas.heightOf(item.value, valueWidth, valueStyle) + 3);
    canvas.line(item.label.vi, canvas.left, canvas.y, { font: 'sansBold', size: 8 }, { width: labelWidth - 8 });
    canvas.line(item.label.en, canvas.left, canvas.y + 9.5, { font: 'sansOblique', size: 6.5, colour: colours.muted }, { width: labelWidth - 8 });
    canvas.paragraph(item.value, valueLeft, canvas.y, valueWidth, valueStyle);
    canvas.y += height;
  }
  canvas.y += 6;
}

function drawKeyFigures(canvas: PdfCanvas, summary: ReportSummary): void {
  const perRow = 4;
  const gap = 6;
  const boxWidth = (canvas.width - gap * (perRow - 1)) / perRow;
  const boxHeight = 48;
  const textWidth = boxWidth - 14;
  summary.keyFigures.forEach((figure, index) => {
    const x = canvas.left + (index % perRow) * (boxWidth + gap);
    const y = canvas.y + Math.floor(index / perRow) * (boxHeight + gap);
    canvas.doc.save().lineWidth(0.6).strokeColor(colours.rule).roundedRect(x, y, boxWidth, boxHeight, 3).stroke().restore();
    canvas.line(countText(figure.value), x + 7, y + 5, { font: 'sansBold', size: 13, colour: colours.navy }, { width: textWidth });
    const labelHeight = canvas.paragraph(figure.label.vi, x + 7, y + 21, textWidth, { font: 'sans', size: 7 });
    canvas.line(figure.label.en, x + 7, y + 21 + labelHeight, { font: 'sansOblique', size: 6.5, colour: colours.muted }, { width: textWidth });
  });
  canvas.y += Math.ceil(summary.keyFigures.length / perRow) * (boxHeight + gap) + 4;
}

interface CoverageLine {
  readonly scope: ScopeCoverage;
  readonly key: (typeof targetGroupKeys)[number];
}

function drawCoverageSummary(canvas: PdfCanvas, coverage: readonly ScopeCoverage[]): void {
  const lines: CoverageLine[] = coverage.flatMap((scope) => targetGroupKeys.map((key) => ({ scope, key })));
  const figures = (line: CoverageLine) => line.scope.byGroup[line.key];
  const columns: PdfColumn<CoverageLine>[] = [
    {
      heading: { vi: 'Phạm vi', en: 'Scope' },
      width: 1.9,
      wrap: true,
      cell: (line) => (line.key === 'regular' ? { text: line.scope.label.vi, bold: true } : ''),
    },
    { heading: { vi: 'Đối tượng', en: 'Target group' }, width: 1.8, cell: (line) => shortGroupLabels[line.key].vi },
    { heading: { vi: 'Biên chế', en: 'On roster' }, width: 0.9, align: 'right', cell: (line) => countText(figures(line).roster) },
    { heading: { vi: 'Đã được bồi dưỡng', en: 'Trained' }, width: 1.1, align: 'right', cell: (line) => countText(figures(line).trained) },
    { heading: { vi: 'Tỷ lệ', en: 'Share' }, width: 0.9, align: 'right', cell: (line) => ({ text: shareText(figures(line).share), bold: true }) },
    {
      heading: { vi: 'Mục tiêu', en: 'Target' },
      width: 0.9,
      align: 'right',
      cell: (line) => {
        const band = figures(line).band;
        return band ? bandText(band) : '—';
      },
    },
    { heading: { vi: 'Đánh giá', en: 'Against the target' }, width: 1.4, cell: (line) => statusCell(figures(line).status) },
  ];
  drawTable(canvas, { columns, rows: lines, fontSize: 8, shade: (line) => (coverage.indexOf(line.scope) % 2 === 1 ? colours.zebra : null) });
}

function statusCell(status: BandStatus): PdfCell {
  return { text: bandStatusLabels[status].vi, colour: statusColours[status], bold: status === 'below' || status === 'within' || status === 'above' };
}

function drawReportTable(canvas: PdfCanvas, table: ReportTable): void {
  const title = { vi: table.titleVi, en: table.titleEn };
  canvas.ensureSpace(90);
  canvas.heading(title);
  const columns: PdfColumn<ReportTable['rows'][number]>[] = table.columns
    .filter((column) => !codeColumns.has(column.key))
    .map((column) => {
      const isText = table.rows.some((row) => typeof row[column.key] === 'string') && column.format !== 'share';
      return {
        heading: { vi: column.headingVi, en: column.headingEn },
        width: isText ? 1.9 : 1.2,
        align: isText ? 'left' : 'right',
        wrap: isText,
        cell: (row) => cellText(column, row[column.key] ?? null),
      };
    });
  drawTable(canvas, { columns, rows: table.rows, fontSize: 7.5, onNewPage: () => canvas.heading(title, true) });
  canvas.y += 10;
}

function cellText(column: ReportColumn, cell: ReportCell): string {
  return printedCell(column.format, cell);
}

type AgencyLine =
  | { readonly total: false; readonly agency: AgencyFigures }
  | { readonly total: true; readonly label: BilingualLabel; readonly figures: GroupFigures; readonly national: boolean };

/** Agencies under their group, each group closed by its total, the national total last: the order of the chart. */
function agencyLines(report: EvaluationReport): AgencyLine[] {
  const lines: AgencyLine[] = [];
  for (const group of agencyGroups) {
    const agencies = report.agencies.filter((agency) => agencyGroupOf(agency.kind) === group);
    if (agencies.length === 0) continue;
    lines.push(...agencies.map((agency) => ({ total: false as const, agency })));
    lines.push({ total: true, label: { vi: `Cộng ${agencyGroupLabels[group].vi.toLowerCase()}`, en: agencyGroupLabels[group].en }, figures: report.agencyGroups[group], national: false });
  }
  lines.push({ total: true, label: nationalLabel, figures: report.national, national: true });
  return lines;
}

function drawAgencies(canvas: PdfCanvas, report: EvaluationReport): void {
  const title = { vi: 'Kết quả theo cơ quan', en: 'By agency' };
  canvas.heading(title);
  const figuresOf = (line: AgencyLine) => (line.total ? line.figures : line.agency);
  const count = (pick: (figures: GroupFigures | AgencyFigures) => number) => (line: AgencyLine) => ({
    text: countText(pick(figuresOf(line))),
    bold: line.total,
  });
  const perGroup = (width: number, cell: (line: AgencyLine, key: (typeof targetGroupKeys)[number]) => PdfCell): PdfColumn<AgencyLine>[] =>
    targetGroupKeys.map((key) => ({ heading: shortGroupLabels[key], width, align: 'right' as const, cell: (line) => cell(line, key) }));

  const columns: PdfColumn<AgencyLine>[] = [
    {
      heading: { vi: 'Cơ quan', en: 'Agency' },
      width: 120,
      wrap: true,
      cell: (line) => (line.total ? { text: line.label.vi, bold: true } : { text: agencyLabel(line.agency) }),
    },
    {
      heading: { vi: 'Loại', en: 'Kind' },
      width: 62,
      wrap: true,
      cell: (line) => (line.total ? '' : agencyKindLabels[line.agency.kind].vi),
    },
    ...perGroup(36, (line, key) => ({ text: countText(figuresOf(line).roster[key]), bold: line.total })),
    ...perGroup(36, (line, key) => ({ text: countText(figuresOf(line).trained[key]), bold: line.total })),
    ...perGroup(38, (line, key) => ({ text: shareText(figuresOf(line).share[key]), bold: true })),
    ...perGroup(68, (line, key) => statusCell(figuresOf(line).band[key])).map((column) => ({ ...column, align: 'left' as const })),
    { heading: { vi: 'Số người', en: 'People' }, width: 34, align: 'right', cell: count((figures) => figures.peopleCertified) },
    { heading: { vi: 'Số lượt học viên', en: 'Learner-times' }, width: 40, align: 'right', cell: count((figures) => figures.learnerTimesCertified) },
    { heading: { vi: 'Còn hiệu lực', en: 'In force' }, width: 36, align: 'right', cell: count((figures) => figures.certificatesInForce) },
    { heading: { vi: 'Đã thu hồi', en: 'Revoked' }, width: 36, align: 'right', cell: count((figures) => figures.certificatesRevoked) },
    { heading: { vi: 'Tổng số', en: 'All' }, width: 30, align: 'right', cell: count((figures) => figures.runsHosted) },
    { heading: { vi: 'Có giảng viên nước ngoài', en: 'Foreign lecturer' }, width: 48, align: 'right', cell: count((figures) => figures.runsHostedWithForeignLecturer) },
  ];
  const groups: PdfColumnGroup[] = [
    { label: null, span: 2 },
    { label: { vi: 'Biên chế', en: 'On roster' }, span: 2 },
    { label: { vi: 'Đã được bồi dưỡng', en: 'Trained' }, span: 2 },
    { label: { vi: 'Tỷ lệ', en: 'Share' }, span: 2 },
    { label: { vi: 'So với mục tiêu', en: 'Against the target' }, span: 2 },
    { label: { vi: 'Chứng nhận', en: 'Certified' }, span: 4 },
    { label: { vi: 'Lớp chủ trì', en: 'Runs hosted' }, span: 2 },
  ];
  const lines = agencyLines(report);
  const striped = new Set<AgencyLine>();
  let sinceTotal = 0;
  for (const line of lines) {
    sinceTotal = line.total ? 0 : sinceTotal + 1;
    if (sinceTotal % 2 === 0 && !line.total) striped.add(line);
  }
  drawTable(canvas, {
    columns,
    groups,
    rows: lines,
    fontSize: 7,
    shade: (line) => (line.total ? (line.national ? '#d6e0ee' : colours.headerFill) : striped.has(line) ? colours.zebra : null),
    onNewPage: () => canvas.heading(title, true),
  });
}

const shortGroupLabels: Readonly<Record<(typeof targetGroupKeys)[number], BilingualLabel>> = {
  regular: { vi: 'Thường xuyên', en: 'Regular' },
  nonRegular: { vi: 'Không thường xuyên', en: 'Non-regular' },
};

function drawFooters(doc: PdfDocument, report: EvaluationReport, meta: EvaluationExportMeta): void {
  const kind = evaluationKindLabels[report.kind];
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const canvas = new PdfCanvas(doc);
    const top = doc.page.height - pageMargin - footerHeight + 12;
    canvas.hairline(canvas.left, top, canvas.left + canvas.width, top, colours.rule, 0.5);
    const pageText = `Trang ${index + 1}/${range.count} · Page ${index + 1} of ${range.count}`;
    canvas.line(`${kind.vi} / ${kind.en} · ${calendarDateText(report.asOf)} · ${meta.evaluationId}`, canvas.left, top + 5, { font: 'sans', size: 6.5, colour: colours.muted }, { width: canvas.width - 120 });
    canvas.line(pageText, canvas.left, top + 5, { font: 'sans', size: 6.5, colour: colours.muted }, { width: canvas.width, align: 'right' });
    canvas.line(`SHA-256: ${meta.reportSha256}`, canvas.left, top + 14, { font: 'mono', size: 6.5, colour: colours.muted });
  }
}
