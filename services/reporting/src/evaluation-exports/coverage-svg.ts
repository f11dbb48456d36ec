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
import { escapeHtml } from '@training-ledger/platform';
import { bandText, percentText, shareNumber, shareText } from './number-formats';
import { bandStatusLabels, targetGroupLabels } from './vocabulary';

const width = 960;
const labelWidth = 290;
const panelGap = 28;
const panelWidth = (width - labelWidth - panelGap) / 2;
/** Room right of the longest bar for its figure. */
const valueRoom = 58;
const plotWidth = panelWidth - valueRoom;
const headerHeight = 64;
const rowHeight = 20;
const sectionHeight = 26;
const barHeight = 11;
const legendHeight = 40;
const longestLabel = 44;

/** The chart as inline SVG: per target group a panel, the target band shaded, one bar per row coloured by its status. */
export function coverageSvg(chart: CoverageChart): string {
  const parts: string[] = [];
  const panelLeft = (index: number) => labelWidth + index * (panelWidth + panelGap);
  const at = (share: number) => (share / chart.axisMax) * plotWidth;

  let y = headerHeight;
  const body: string[] = [];
  for (const section of chart.sections) {
    body.push(
      `<text x="0" y="${y + 17}" class="section">${escapeHtml(section.title.vi)} <tspan class="en">/ ${escapeHtml(section.title.en)}</tspan></text>`,
    );
    y += sectionHeight;
    section.rows.forEach((row, index) => {
      body.push(rowSvg(row, y, index, panelLeft, at));
      y += rowHeight;
    });
  }
  const plotBottom = y;
  const height = plotBottom + legendHeight;

  targetGroupKeys.forEach((key, index) => {
    const left = panelLeft(index);
    const label = targetGroupLabels[key];
    parts.push(`<text x="${left}" y="16" class="panel">${escapeHtml(label.vi)} <tspan class="en">/ ${escapeHtml(label.en)}</tspan></text>`);
    const band = chart.bands?.[key];
    if (band) {
      const from = left + at(shareNumber(band.min));
      const to = left + at(shareNumber(band.max));
      parts.push(
        `<rect x="${fixed(from)}" y="${headerHeight - 8}" width="${fixed(Math.max(1, to - from))}" height="${plotBottom - headerHeight + 8}" fill="${bandFill}"/>`,
        `<line x1="${fixed(from)}" y1="${headerHeight - 8}" x2="${fixed(from)}" y2="${plotBottom}" stroke="${bandEdge}" stroke-dasharray="3 2"/>`,
        `<line x1="${fixed(to)}" y1="${headerHeight - 8}" x2="${fixed(to)}" y2="${plotBottom}" stroke="${bandEdge}" stroke-dasharray="3 2"/>`,
        `<text x="${fixed((from + to) / 2)}" y="32" class="band" text-anchor="middle">Mục tiêu / Target ${escapeHtml(bandText(band))}</text>`,
      );
    }
    for (const tick of axisTicks(chart.axisMax)) {
      const x = fixed(left + at(tick));
      parts.push(
        `<line x1="${x}" y1="${headerHeight - 8}" x2="${x}" y2="${plotBottom}" class="grid"/>`,
        `<text x="${x}" y="${headerHeight - 12}" class="tick" text-anchor="middle">${escapeHtml(percentText(String(tick), 0))}</text>`,
      );
    }
  });
  parts.push(...body, legendSvg(plotBottom + 24, chart.bands !== null));

  const description = 'Tỷ lệ cán bộ đã được bồi dưỡng so với khoảng mục tiêu, toàn quốc và theo cơ quan / Share of staff trained against the target band, nationally and per agency';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="coverage-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="coverage-chart-title">`,
    `<title id="coverage-chart-title">${escapeHtml(description)}</title>`,
    '<style>text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11px;fill:#1a1a1a}.en{fill:#5f6b73;font-weight:normal}.panel{font-weight:bold;font-size:12px}.section{font-weight:bold;font-size:12px;fill:#1c2e5c}.band{fill:#2f6b33;font-size:10.5px}.tick{fill:#5f6b73;font-size:10px}.grid{stroke:#d5dbe0;stroke-width:0.6}.total{font-weight:bold}.value,.missing{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.value{font-size:10.5px}.missing{fill:#757575;font-style:italic;font-size:10.5px}</style>',
    ...parts,
    '</svg>',
  ].join('\n');
}

function rowSvg(row: CoverageRow, top: number, index: number, panelLeft: (index: number) => number, at: (share: number) => number): string {
  const parts: string[] = [];
  if (index % 2 === 1) parts.push(`<rect x="0" y="${top}" width="${width}" height="${rowHeight}" fill="#000" fill-opacity="0.035"/>`);
  const shown = row.label.length > longestLabel ? `${row.label.slice(0, longestLabel - 1)}…` : row.label;
  parts.push(
    `<text x="${row.isTotal ? 0 : 10}" y="${top + 14}"${row.isTotal ? ' class="total"' : ''}><title>${escapeHtml(row.label)}</title>${escapeHtml(shown)}</text>`,
  );
  targetGroupKeys.forEach((key, panel) => parts.push(barSvg(row.bars[key], panelLeft(panel), top, at)));
  return parts.join('');
}

function barSvg(bar: CoverageBar, left: number, top: number, at: (share: number) => number): string {
  const status = bandStatusLabels[bar.status];
  if (bar.share === null) {
    return `<text x="${left + 4}" y="${top + 14}" class="missing">${escapeHtml(status.vi)}</text>`;
  }
  const length = at(shareNumber(bar.share));
  const barTop = top + (rowHeight - barHeight) / 2;
  return [
    `<rect x="${left}" y="${fixed(barTop)}" width="${fixed(length)}" height="${barHeight}" fill="${statusColours[bar.status]}">`,
    `<title>${escapeHtml(`${shareText(bar.share)} — ${status.vi} / ${status.en}`)}</title></rect>`,
    `<text x="${fixed(left + length + 4)}" y="${top + 14}" class="value">${escapeHtml(shareText(bar.share))}</text>`,
  ].join('');
}

function legendSvg(top: number, hasBands: boolean): string {
  const statuses = hasBands ? (['below', 'within', 'above'] as const) : (['no-phase'] as const);
  const parts: string[] = [];
  let x = 0;
  const entry = (swatch: string, text: string) => {
    parts.push(swatch.replace('{x}', String(x)), `<text x="${x + 24}" y="${top}">${escapeHtml(text)}</text>`);
    x += 24 + text.length * 6.2 + 22;
  };
  if (hasBands) {
    entry(`<rect x="{x}" y="${top - 9}" width="18" height="11" fill="${bandFill}" stroke="${bandEdge}" stroke-dasharray="3 2"/>`, 'Khoảng mục tiêu / Target band');
  }
  for (const status of statuses) {
    const label = bandStatusLabels[status];
    entry(`<rect x="{x}" y="${top - 9}" width="18" height="11" fill="${statusColours[status]}"/>`, `${label.vi} / ${label.en}`);
  }
  return parts.join('\n');
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}
