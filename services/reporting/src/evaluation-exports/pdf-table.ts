import { colours, type PdfCanvas, type TextStyle } from './pdf-canvas';
import type { BilingualLabel } from './vocabulary';

export interface PdfCell {
  readonly text: string;
  readonly colour?: string;
  readonly bold?: boolean;
}

export interface PdfColumn<Row> {
  readonly heading: BilingualLabel;
  /** Relative: the widths are scaled to fill the page. */
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
  /** Wrapped onto several lines instead of cut with an ellipsis. */
  readonly wrap?: boolean;
  readonly cell: (row: Row) => PdfCell | string;
}

/** A heading over `span` adjacent columns; an empty label leaves them ungrouped. */
export interface PdfColumnGroup {
  readonly label: BilingualLabel | null;
  readonly span: number;
}

export interface PdfTable<Row> {
  readonly columns: readonly PdfColumn<Row>[];
  readonly groups?: readonly PdfColumnGroup[];
  readonly rows: readonly Row[];
  readonly fontSize?: number;
  /** A row's background; by default every other row is shaded. */
  readonly shade?: (row: Row, index: number) => string | null;
  /** Draws what goes above the repeated header on each further page, e.g. the title marked as continued. */
  readonly onNewPage?: () => void;
}

const padding = 3;

/** Draws a table from the cursor down, starting new pages as needed, each with the header again. */
export function drawTable<Row>(canvas: PdfCanvas, table: PdfTable<Row>): void {
  const size = table.fontSize ?? 7.5;
  const body: TextStyle = { font: 'sans', size };
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / total) * canvas.width);
  const lefts = widths.map((_, index) => canvas.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
  const lineHeight = canvas.heightOf('Ấg', 1000, body);

  const header = headerLayout(canvas, table, widths, size);
  const cells = table.rows.map((row) => table.columns.map((column) => cellOf(column, row)));
  const styleOf = (cell: PdfCell): TextStyle => ({ font: cell.bold ? 'sansBold' : 'sans', size, colour: cell.colour });
  const rowHeights = cells.map(
    (row) =>
      Math.max(
        lineHeight,
        ...table.columns.map((column, index) =>
          column.wrap ? canvas.heightOf(row[index].text, widths[index] - 2 * padding, styleOf(row[index])) : lineHeight,
        ),
      ) +
      2 * padding,
  );

  const drawHeader = () => {
    drawHeaderRows(canvas, table, header, widths, lefts, size);
    canvas.y += header.height;
  };
  canvas.ensureSpace(header.height + (rowHeights[0] ?? 0));
  drawHeader();

  cells.forEach((row, rowIndex) => {
    const height = rowHeights[rowIndex];
    if (canvas.y + height > canvas.bottom) {
      canvas.newPage();
      table.onNewPage?.();
      drawHeader();
    }
    const shade = table.shade?.(table.rows[rowIndex], rowIndex) ?? (rowIndex % 2 === 1 ? colours.zebra : null);
    if (shade) canvas.fillRect(canvas.left, canvas.y, canvas.width, height, shade);
    table.columns.forEach((column, index) => {
      const cell = row[index];
      const x = lefts[index] + padding;
      const width = widths[index] - 2 * padding;
      if (column.wrap) canvas.paragraph(cell.text, x, canvas.y + padding, width, styleOf(cell), column.align);
      else canvas.line(cell.text, x, canvas.y + padding, styleOf(cell), { width, align: column.align });
    });
    canvas.y += height;
    canvas.hairline(canvas.left, canvas.y, canvas.left + canvas.width, canvas.y);
  });
}

interface HeaderLayout {
  readonly groupHeight: number;
  readonly columnHeight: number;
  readonly height: number;
}

function headerLayout<Row>(canvas: PdfCanvas, table: PdfTable<Row>, widths: readonly number[], size: number): HeaderLayout {
  const labelHeight = (label: BilingualLabel, width: number) =>
    canvas.heightOf(label.vi, width, { font: 'sansBold', size }) + canvas.heightOf(label.en, width, { font: 'sansOblique', size: size - 0.5 });
  const columnHeight =
    Math.max(...table.columns.map((column, index) => labelHeight(column.heading, widths[index] - 2 * padding))) + 2 * padding;
  let groupHeight = 0;
  let first = 0;
  for (const group of table.groups ?? []) {
    const width = widths.slice(first, first + group.span).reduce((sum, each) => sum + each, 0);
    if (group.label) groupHeight = Math.max(groupHeight, labelHeight(group.label, width - 2 * padding) + 2 * padding);
    first += group.span;
  }
  return { groupHeight, columnHeight, height: groupHeight + columnHeight };
}

function drawHeaderRows<Row>(
  canvas: PdfCanvas,
  table: PdfTable<Row>,
  layout: HeaderLayout,
  widths: readonly number[],
  lefts: readonly number[],
  size: number,
): void {
  const top = canvas.y;
  canvas.fillRect(canvas.left, top, canvas.width, layout.height, colours.headerFill);
  const label = (text: BilingualLabel, x: number, y: number, width: number, align: 'left' | 'right' | 'center') => {
    const viHeight = canvas.paragraph(text.vi, x, y, width, { font: 'sansBold', size }, align);
    canvas.paragraph(text.en, x, y + viHeight, width, { font: 'sansOblique', size: size - 0.5, colour: colours.muted }, align);
  };

  let first = 0;
  for (const group of table.groups ?? []) {
    const width = widths.slice(first, first + group.span).reduce((sum, each) => sum + each, 0);
    if (group.label) {
      label(group.label, lefts[first] + padding, top + padding, width - 2 * padding, 'center');
      canvas.hairline(lefts[first] + 2, top + layout.groupHeight, lefts[first] + width - 2, top + layout.groupHeight, colours.muted);
    }
    first += group.span;
  }
  const grouped = columnsUnderAGroup(table);
  table.columns.forEach((column, index) => {
    const y = grouped[index] ? top + layout.groupHeight + padding : top + padding;
    label(column.heading, lefts[index] + padding, y, widths[index] - 2 * padding, column.align ?? 'left');
  });
  canvas.hairline(canvas.left, top + layout.height, canvas.left + canvas.width, top + layout.height, colours.muted, 0.8);
}

function columnsUnderAGroup<Row>(table: PdfTable<Row>): boolean[] {
  const grouped = table.columns.map(() => false);
  let first = 0;
  for (const group of table.groups ?? []) {
    for (let index = first; index < first + group.span; index += 1) grouped[index] = group.label !== null;
    first += group.span;
  }
  return grouped;
}

function cellOf<Row>(column: PdfColumn<Row>, row: Row): PdfCell {
  const cell = column.cell(row);
  return typeof cell === 'string' ? { text: cell } : cell;
}
