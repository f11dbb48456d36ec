import {
  axisTicks,
  bandEdge,
  bandFill,
  statusColours,
  targetGroupKeys,
  type CoverageBar,
  type CoverageChart,
  type CoverageRow,
} from './coverage-chart';
import { bandText, percentText, shareNumber, shareText } from './number-formats';
import { colours, headingHeight, pageMargin, type PdfCanvas, type TextStyle } from './pdf-canvas';
import { bandStatusLabels, targetGroupLabels, type BilingualLabel } from './vocabulary';

const labelWidth = 172;
const panelGap = 16;
const valueRoom = 40;
const headerHeight = 44;
const rowHeight = 14;
const sectionHeight = 17;
const barHeight = 8;
const legendHeight = 12;
const legendGap = 8;
const fontSize = 7.5;

type ChartItem =
  | { readonly type: 'section'; readonly title: BilingualLabel; readonly continued: boolean }
  | { readonly type: 'row'; readonly row: CoverageRow; readonly index: number };

/**
 * The coverage chart drawn with vector graphics, over as many pages as the agencies need. Every
 * page repeats the panel headings, the axis, the target band and the legend, and a section cut by a
 * page break is named again, marked as continued.
 */
export function drawCoverageChart(canvas: PdfCanvas, chart: CoverageChart, title: BilingualLabel): void {
  canvas.heading(title);
  const furniture = headerHeight + legendGap + legendHeight;
  const firstRoom = canvas.bottom - canvas.y - furniture;
  const fullRoom = canvas.bottom - pageMargin - headingHeight - furniture;
  paginate(chart, firstRoom, fullRoom).forEach((items, pageIndex) => {
    if (pageIndex > 0) {
      canvas.newPage();
      canvas.heading(title, true);
    }
    const height = items.reduce((sum, item) => sum + itemHeight(item), 0);
    drawFrame(canvas, chart, height);
    canvas.y += headerHeight;
    for (const item of items) {
      if (item.type === 'section') drawSection(canvas, item.title, item.continued);
      else drawRow(canvas, chart, item.row, item.index);
      canvas.y += itemHeight(item);
    }
    canvas.y += legendGap;
    drawLegend(canvas, chart.bands !== null);
    canvas.y += legendHeight;
  });
}

function paginate(chart: CoverageChart, firstRoom: number, fullRoom: number): ChartItem[][] {
  const items: ChartItem[] = chart.sections.flatMap((section) => [
    { type: 'section' as const, title: section.title, continued: false },
    ...section.rows.map((row, index) => ({ type: 'row' as const, row, index })),
  ]);
  const pages: ChartItem[][] = [[]];
  let room = firstRoom;
  let section: BilingualLabel | null = null;
  for (const item of items) {
    if (item.type === 'section') section = item.title;
    // A section heading never ends a page: it needs its first row beneath it.
    const needed = itemHeight(item) + (item.type === 'section' ? rowHeight : 0);
    if (needed > room && pages[pages.length - 1].length > 0) {
      const carried: ChartItem[] = item.type === 'row' && section ? [{ type: 'section', title: section, continued: true }] : [];
      pages.push(carried);
      room = fullRoom - carried.length * sectionHeight;
    }
    pages[pages.length - 1].push(item);
    room -= itemHeight(item);
  }
  return pages;
}

function itemHeight(item: ChartItem): number {
  return item.type === 'section' ? sectionHeight : rowHeight;
}

interface Geometry {
  readonly panelLeft: (panel: number) => number;
  readonly at: (share: number) => number;
}

function geometry(canvas: PdfCanvas, chart: CoverageChart): Geometry {
  const panelWidth = (canvas.width - labelWidth - panelGap) / 2;
  const plotWidth = panelWidth - valueRoom;
  return {
    panelLeft: (panel) => canvas.left + labelWidth + panel * (panelWidth + panelGap),
    at: (share) => (share / chart.axisMax) * plotWidth,
  };
}

function drawFrame(canvas: PdfCanvas, chart: CoverageChart, bodyHeight: number): void {
  const { panelLeft, at } = geometry(canvas, chart);
  const top = canvas.y;
  const plotTop = top + headerHeight - 4;
  const plotBottom = top + headerHeight + bodyHeight;
  targetGroupKeys.forEach((key, panel) => {
    const left = panelLeft(panel);
    const label = targetGroupLabels[key];
    canvas.line(label.vi, left, top, { font: 'sansBold', size: 8 });
    canvas.line(label.en, left, top + 10, { font: 'sansOblique', size: 7, colour: colours.muted });
    const band = chart.bands?.[key];
    if (band) {
      const from = left + at(shareNumber(band.min));
      const to = left + at(shareNumber(band.max));
      canvas.fillRect(from, plotTop, Math.max(0.8, to - from), plotBottom - plotTop, bandFill);
      canvas.hairline(from, plotTop, from, plotBottom, bandEdge, 0.6, 2);
      canvas.hairline(to, plotTop, to, plotBottom, bandEdge, 0.6, 2);
      canvas.line(`Mục tiêu / Target ${bandText(band)}`, from - 40, top + 21, { font: 'sans', size: 6.5, colour: '#2f6b33' }, { width: to - from + 80, align: 'center' });
    }
    for (const tick of axisTicks(chart.axisMax)) {
      const x = left + at(tick);
      canvas.hairline(x, plotTop, x, plotBottom, '#d5dbe0', 0.4);
      canvas.line(percentText(String(tick), 0), x - 15, top + 31, { font: 'sans', size: 6, colour: colours.muted }, { width: 30, align: 'center' });
    }
  });
}

function drawSection(canvas: PdfCanvas, title: BilingualLabel, continued: boolean): void {
  const suffix = continued ? ' (tiếp / continued)' : '';
  canvas.line(`${title.vi} / ${title.en}${suffix}`, canvas.left, canvas.y + 5, { font: 'sansBold', size: 8, colour: colours.navy }, { width: labelWidth + 200 });
}

function drawRow(canvas: PdfCanvas, chart: CoverageChart, row: CoverageRow, index: number): void {
  const { panelLeft, at } = geometry(canvas, chart);
  if (index % 2 === 1) canvas.fillRect(canvas.left, canvas.y, canvas.width, rowHeight, '#000000', 0.035);
  const indent = row.isTotal ? 0 : 8;
  canvas.line(row.label, canvas.left + indent, canvas.y + 3.5, { font: row.isTotal ? 'sansBold' : 'sans', size: fontSize }, { width: labelWidth - indent - 6 });
  targetGroupKeys.forEach((key, panel) => drawBar(canvas, row.bars[key], panelLeft(panel), at));
}

function drawBar(canvas: PdfCanvas, bar: CoverageBar, left: number, at: (share: number) => number): void {
  if (bar.share === null) {
    backedLine(canvas, bandStatusLabels[bar.status].vi, left + 3, { font: 'sansOblique', size: 6.5, colour: '#757575' });
    return;
  }
  const length = at(shareNumber(bar.share));
  canvas.fillRect(left, canvas.y + (rowHeight - barHeight) / 2, length, barHeight, statusColours[bar.status]);
  backedLine(canvas, shareText(bar.share), left + length + 3, { font: 'sans', size: 6.5 });
}

/** Text on a pale backing, so that the band's edges and the grid do not run through it. */
function backedLine(canvas: PdfCanvas, text: string, x: number, style: TextStyle): void {
  canvas.fillRect(x - 1, canvas.y + 3, canvas.widthOf(text, style) + 2, 8, '#ffffff', 0.85);
  canvas.line(text, x, canvas.y + 3.5, style);
}

function drawLegend(canvas: PdfCanvas, hasBands: boolean): void {
  let x = canvas.left;
  const y = canvas.y;
  const entry = (draw: (x: number) => void, text: string) => {
    draw(x);
    canvas.line(text, x + 16, y + 1, { font: 'sans', size: 7 });
    x += 16 + canvas.widthOf(text, { font: 'sans', size: 7 }) + 14;
  };
  if (hasBands) {
    entry((at) => {
      canvas.fillRect(at, y, 12, 9, bandFill);
      canvas.hairline(at, y, at, y + 9, bandEdge, 0.6, 2);
      canvas.hairline(at + 12, y, at + 12, y + 9, bandEdge, 0.6, 2);
    }, 'Khoảng mục tiêu / Target band');
  }
  for (const status of hasBands ? (['below', 'within', 'above'] as const) : (['no-phase'] as const)) {
    const label = bandStatusLabels[status];
    entry((at) => canvas.fillRect(at, y, 12, 9, statusColours[status]), `${label.vi} / ${label.en}`);
  }
}
