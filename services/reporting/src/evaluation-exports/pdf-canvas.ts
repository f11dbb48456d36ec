import PDFDocument from 'pdfkit';
import type { ReportFont } from './pdf-fonts';

export type PdfDocument = InstanceType<typeof PDFDocument>;
export type Orientation = 'portrait' | 'landscape';

export const colours = {
  ink: '#1a1a1a',
  muted: '#5f6b73',
  crimson: '#9e1b20',
  navy: '#1c2e5c',
  rule: '#cfd6dc',
  headerFill: '#e8eef7',
  zebra: '#f5f7f9',
} as const;

export const pageMargin = 40;
/** Kept clear at the foot of every page for the page number and the seal. */
export const footerHeight = 34;

export const headingHeight = 26;

export interface TextStyle {
  readonly font: ReportFont;
  readonly size: number;
  readonly colour?: string;
}

/**
 * A cursor over a PDFKit document that places everything itself: the document has no margins, so
 * PDFKit never breaks a page on its own, and every page break happens here, where headers can be
 * repeated.
 */
export class PdfCanvas {
  y = pageMargin;
  private orientation: Orientation = 'portrait';

  constructor(readonly doc: PdfDocument) {}

  get left(): number {
    return pageMargin;
  }

  get width(): number {
    return this.doc.page.width - 2 * pageMargin;
  }

  get bottom(): number {
    return this.doc.page.height - pageMargin - footerHeight;
  }

  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.doc.addPage({ size: 'A4', layout: orientation, margin: 0 });
    this.y = pageMargin;
  }

  /** Starts a new page unless `height` still fits on this one; true when it started one. */
  ensureSpace(height: number, orientation: Orientation = this.orientation): boolean {
    if (this.y + height <= this.bottom && orientation === this.orientation) return false;
    this.newPage(orientation);
    return true;
  }

  /** A section heading on one line, Vietnamese then English; always `headingHeight` tall. */
  heading(label: { readonly vi: string; readonly en: string }, continued = false): void {
    const vi = `${label.vi}${continued ? ' (tiếp)' : ''}`;
    const en = ` / ${label.en}${continued ? ' (cont.)' : ''}`;
    const viWidth = this.widthOf(vi, headingStyle);
    this.line(vi, this.left, this.y + 4, headingStyle);
    this.line(en, this.left + viWidth, this.y + 5, { font: 'sans', size: 10, colour: colours.muted }, { width: Math.max(10, this.width - viWidth) });
    this.hairline(this.left, this.y + headingHeight - 6, this.left + this.width, this.y + headingHeight - 6, colours.navy, 0.6);
    this.y += headingHeight;
  }

  /** One line, never wrapped: cut with an ellipsis when wider than `width`. */
  line(content: string, x: number, y: number, style: TextStyle, options: { width?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    const text = options.width === undefined ? printable(content) : this.fit(printable(content), style, options.width);
    this.apply(style);
    this.doc.text(text, x, y, { lineBreak: false, width: options.width, align: options.align ?? 'left' });
  }

  /** Wrapped text within `width`; returns its height. */
  paragraph(content: string, x: number, y: number, width: number, style: TextStyle, align: 'left' | 'right' | 'center' = 'left'): number {
    const text = printable(content);
    this.apply(style);
    this.doc.text(text, x, y, { width, align, lineGap: 1 });
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  heightOf(content: string, width: number, style: TextStyle): number {
    this.apply(style);
    return this.doc.heightOfString(printable(content), { width, lineGap: 1 });
  }

  widthOf(content: string, style: TextStyle): number {
    this.apply(style);
    return this.doc.widthOfString(printable(content));
  }

  fit(content: string, style: TextStyle, width: number): string {
    if (this.widthOf(content, style) <= width) return content;
    let length = content.length;
    while (length > 1 && this.widthOf(`${content.slice(0, length)}…`, style) > width) length -= 1;
    return `${content.slice(0, length).trimEnd()}…`;
  }

  fillRect(x: number, y: number, width: number, height: number, colour: string, opacity = 1): void {
    this.doc.save().fillOpacity(opacity).fillColor(colour).rect(x, y, width, height).fill().restore();
  }

  hairline(x1: number, y1: number, x2: number, y2: number, colour: string = colours.rule, width = 0.5, dash?: number): void {
    this.doc.save().lineWidth(width).strokeColor(colour);
    if (dash !== undefined) this.doc.dash(dash, { space: dash * 0.7 });
    this.doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
    this.doc.restore();
  }

  private apply(style: TextStyle): void {
    this.doc.font(style.font).fontSize(style.size).fillColor(style.colour ?? colours.ink);
  }
}

const headingStyle: TextStyle = { font: 'sansBold', size: 11.5, colour: colours.navy };

/** Composed forms only: a name typed with combining tone marks prints and extracts like any other. */
function printable(content: string): string {
  return content.normalize('NFC');
}
