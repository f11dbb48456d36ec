import { join } from 'node:path';
import { CourseFormat, courseFormatLabels, CourseLevel, courseLevelLabels, TrainingGroup, trainingGroupLabels } from '@training-ledger/contracts';
import PDFDocument from 'pdfkit';
import { toBuffer as qrCodePng } from 'qrcode';
import { z } from 'zod';
import { certificateFonts, fontDirectory, type CertificateFont } from './certificate-fonts';
import { englishLongDate, parseCalendarDate, vietnameseLongDate, vietnameseShortDate } from './vietnamese-dates';

const calendarDate = z.string().refine((date) => {
  try {
    parseCalendarDate(date);
    return true;
  } catch {
    return false;
  }
}, 'must be a calendar date YYYY-MM-DD that exists');

const printedText = z
  .string()
  .trim()
  .min(1)
  .transform((text) => text.normalize('NFC'));

const CertificateDocumentSchema = z
  .object({
    certificateNumber: z.string().regex(/^\d{4}\/\d{6}$/, 'must look like 2027/000123'),
    verificationCode: printedText,
    holderName: printedText,
    courseCode: printedText,
    courseTitleVi: printedText,
    courseTitleEn: printedText,
    level: CourseLevel,
    trainingGroup: TrainingGroup,
    format: CourseFormat,
    runStartDate: calendarDate,
    runEndDate: calendarDate,
    issuedOn: calendarDate,
    revoked: z.object({ revokedOn: calendarDate }).nullish(),
  })
  .refine((certificate) => certificate.runStartDate <= certificate.runEndDate, {
    message: 'the run must not end before it starts',
    path: ['runEndDate'],
  });

/** What the printed certificate shows; the shape of a registered certificate and its revocation, if any. */
export type CertificateDocument = z.input<typeof CertificateDocumentSchema>;

export interface CertificateSignatory {
  /** E.g. "KT. BỘ TRƯỞNG" and "THỨ TRƯỞNG", one line each. */
  readonly titleLinesVi: readonly string[];
  readonly titleEn: string;
  readonly name: string;
}

export interface CertificatePdfOptions {
  /** Where the QR code leads, e.g. `${publicBaseUrl}/verify/<verificationCode>`. */
  readonly verificationUrl: string;
  /** Printed above the signature space; the certificate reads as issued by the Ministry when absent. */
  readonly signatory?: CertificateSignatory;
}

type Certificate = z.output<typeof CertificateDocumentSchema>;
type Document = InstanceType<typeof PDFDocument>;

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_LEFT = 56;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * CONTENT_LEFT;

const COLOURS = {
  ink: '#1a1a1a',
  muted: '#4a4a4a',
  crimson: '#9e1b20',
  navy: '#1c2e5c',
  gold: '#b08a3e',
  revoked: '#d0021b',
} as const;

const QR_SIZE = 96;
const PARAGRAPH_LINE_GAP = 1.5;

/**
 * The printable certificate: one A4 page, Vietnamese first with English beneath, with a QR code that
 * leads to the public verification page. A revoked certificate still renders, marked as revoked.
 *
 * The same input always gives the same bytes: the PDF's dates come from the certificate, and PDFKit
 * derives the file ID and font subset tags from the document info and font order, not from chance.
 */
export async function renderCertificatePdf(certificate: CertificateDocument, options: CertificatePdfOptions): Promise<Buffer> {
  const parsed = CertificateDocumentSchema.safeParse(certificate);
  if (!parsed.success) throw new Error(`Certificate cannot be printed: ${z.prettifyError(parsed.error)}`);
  const verificationUrl = z.url({ protocol: /^https?$/ }).parse(options.verificationUrl);
  const qrCode = await qrCodePng(verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  return renderDocument(parsed.data, { ...options, verificationUrl }, qrCode);
}

function renderDocument(certificate: Certificate, options: CertificatePdfOptions, qrCode: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margin: 0,
    font: join(fontDirectory(), 'DejaVuSerif.ttf'),
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `Chứng nhận bồi dưỡng số ${certificate.certificateNumber}`,
      Author: 'Bộ Ngoại giao',
      Subject: `${certificate.holderName} — ${certificate.courseTitleVi}`,
      Creator: 'Training ledger — certification',
      Producer: 'PDFKit',
      CreationDate: startOfVietnameseDay(certificate.issuedOn),
      ...(certificate.revoked ? { ModDate: startOfVietnameseDay(certificate.revoked.revokedOn) } : {}),
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const [name, data] of Object.entries(certificateFonts())) doc.registerFont(name, data);

  drawFrame(doc);
  drawHeading(doc, certificate);
  drawTitle(doc);
  let y = drawHolderAndCourse(doc, certificate, 226);
  y = drawParticulars(doc, certificate, y + 18);
  drawDecisionReference(doc, y + 16);
  drawVerification(doc, certificate, options.verificationUrl, qrCode);
  drawPlaceAndSignatory(doc, certificate, options.signatory);
  if (certificate.revoked) drawRevocation(doc, certificate.revoked.revokedOn);

  doc.end();
  return finished;
}

function drawFrame(doc: Document): void {
  doc.save();
  doc.lineWidth(3).strokeColor(COLOURS.crimson).rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36).stroke();
  doc.lineWidth(0.8).strokeColor(COLOURS.gold).rect(25, 25, PAGE_WIDTH - 50, PAGE_HEIGHT - 50).stroke();
  for (const [x, y] of [
    [25, 25],
    [PAGE_WIDTH - 25, 25],
    [25, PAGE_HEIGHT - 25],
    [PAGE_WIDTH - 25, PAGE_HEIGHT - 25],
  ] as const) {
    doc.fillColor(COLOURS.gold).polygon([x, y - 6], [x + 6, y], [x, y + 6], [x - 6, y]).fill();
  }
  doc.restore();
}

function drawHeading(doc: Document, certificate: Certificate): void {
  const leftWidth = 200;
  const rightLeft = CONTENT_LEFT + 205;
  const rightWidth = CONTENT_WIDTH - 205;
  const top = 48;

  line(doc, 'BỘ NGOẠI GIAO', CONTENT_LEFT, top, leftWidth, 'serifBold', 11.5, COLOURS.ink);
  line(doc, 'MINISTRY OF FOREIGN AFFAIRS', CONTENT_LEFT, top + 15, leftWidth, 'serif', 7.5, COLOURS.muted);
  rule(doc, CONTENT_LEFT + leftWidth / 2 - 28, top + 29, 56);
  line(doc, `Số / No.: ${certificate.certificateNumber}`, CONTENT_LEFT, top + 37, leftWidth, 'serif', 9.5, COLOURS.ink);

  line(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightLeft, top, rightWidth, 'serifBold', 10, COLOURS.ink);
  line(doc, 'Độc lập - Tự do - Hạnh phúc', rightLeft, top + 14, rightWidth, 'serifBold', 10.5, COLOURS.ink);
  doc.font('serifBold').fontSize(10.5);
  const mottoWidth = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  rule(doc, rightLeft + (rightWidth - mottoWidth) / 2, top + 28, mottoWidth);
  line(doc, 'SOCIALIST REPUBLIC OF VIET NAM', rightLeft, top + 34, rightWidth, 'serif', 7.5, COLOURS.muted);
  line(doc, 'Independence - Freedom - Happiness', rightLeft, top + 44, rightWidth, 'serifItalic', 7.5, COLOURS.muted);
}

function drawTitle(doc: Document): void {
  line(doc, 'CHỨNG NHẬN BỒI DƯỠNG', CONTENT_LEFT, 128, CONTENT_WIDTH, 'serifBold', 27, COLOURS.crimson);
  line(doc, 'CERTIFICATE OF TRAINING', CONTENT_LEFT, 166, CONTENT_WIDTH, 'serif', 13, COLOURS.navy, { characterSpacing: 1.2 });
  ornament(doc, 194);
}

function drawHolderAndCourse(doc: Document, certificate: Certificate, top: number): number {
  let y = top;
  line(doc, 'Bộ Ngoại giao chứng nhận', CONTENT_LEFT, y, CONTENT_WIDTH, 'serif', 12, COLOURS.ink);
  line(doc, 'The Ministry of Foreign Affairs certifies that', CONTENT_LEFT, y + 16, CONTENT_WIDTH, 'serifItalic', 9.5, COLOURS.muted);

  y += 40;
  const nameSize = fittingSize(doc, certificate.holderName, 'serifBold', 24, CONTENT_WIDTH - 40, 12);
  line(doc, certificate.holderName, CONTENT_LEFT, y, CONTENT_WIDTH, 'serifBold', nameSize, COLOURS.navy);

  y += nameSize + 16;
  line(doc, 'đã hoàn thành khóa bồi dưỡng', CONTENT_LEFT, y, CONTENT_WIDTH, 'serif', 12, COLOURS.ink);
  line(doc, 'has completed the training course', CONTENT_LEFT, y + 16, CONTENT_WIDTH, 'serifItalic', 9.5, COLOURS.muted);

  y += 38;
  const titleWidth = CONTENT_WIDTH - 40;
  const titleViSize = sizeWithinLines(doc, certificate.courseTitleVi, 'serifBold', { largest: 15, smallest: 10, width: titleWidth, lines: 2 });
  y = paragraph(doc, certificate.courseTitleVi, CONTENT_LEFT + 20, y, titleWidth, 'serifBold', titleViSize, COLOURS.crimson);
  const titleEnSize = sizeWithinLines(doc, certificate.courseTitleEn, 'serifItalic', { largest: 11, smallest: 8, width: titleWidth, lines: 2 });
  return paragraph(doc, certificate.courseTitleEn, CONTENT_LEFT + 20, y + 3, titleWidth, 'serifItalic', titleEnSize, COLOURS.muted);
}

function drawParticulars(doc: Document, certificate: Certificate, top: number): number {
  const level = courseLevelLabels[certificate.level];
  const group = trainingGroupLabels[certificate.trainingGroup];
  const format = courseFormatLabels[certificate.format];
  const rows: readonly (readonly [string, string, string, string])[] = [
    ['Mã khóa học', 'Course code', certificate.courseCode, ''],
    ['Cấp độ', 'Level', level.vi, level.en],
    ['Khối bồi dưỡng', 'Training group', group.vi, group.en],
    ['Hình thức', 'Format', format.vi, format.en],
    [
      'Thời gian',
      'Dates',
      `Từ ${vietnameseShortDate(certificate.runStartDate)} đến ${vietnameseShortDate(certificate.runEndDate)}`,
      `${englishLongDate(certificate.runStartDate)} – ${englishLongDate(certificate.runEndDate)}`,
    ],
  ];
  const tableLeft = CONTENT_LEFT + 40;
  const tableWidth = CONTENT_WIDTH - 80;
  const valueLeft = tableLeft + 150;
  const rowHeight = 27;

  doc.save().lineWidth(0.5).strokeColor(COLOURS.gold);
  doc.moveTo(tableLeft, top).lineTo(tableLeft + tableWidth, top).stroke();
  rows.forEach(([labelVi, labelEn, valueVi, valueEn], index) => {
    const y = top + index * rowHeight + 5;
    text(doc, labelVi, tableLeft + 6, y, 'serifBold', 9.5, COLOURS.ink);
    text(doc, labelEn, tableLeft + 6, y + 12, 'serifItalic', 7.5, COLOURS.muted);
    text(doc, valueVi, valueLeft, y, 'serif', 10, COLOURS.ink);
    if (valueEn) text(doc, valueEn, valueLeft, y + 12, 'serifItalic', 7.5, COLOURS.muted);
    const bottom = top + (index + 1) * rowHeight;
    doc.moveTo(tableLeft, bottom).lineTo(tableLeft + tableWidth, bottom).stroke();
  });
  doc.restore();
  return top + rows.length * rowHeight;
}

function drawDecisionReference(doc: Document, top: number): void {
  const lines = [
    'Khóa bồi dưỡng thuộc Đề án ban hành kèm theo',
    'Quyết định số 892/QĐ-TTg ngày 20 tháng 5 năm 2026 của Thủ tướng Chính phủ.',
  ];
  lines.forEach((content, index) => line(doc, content, CONTENT_LEFT, top + index * 13, CONTENT_WIDTH, 'serifItalic', 9, COLOURS.ink));
  line(
    doc,
    'Under the programme approved by the Prime Minister’s Decision No. 892/QĐ-TTg of 20 May 2026.',
    CONTENT_LEFT,
    top + lines.length * 13 + 3,
    CONTENT_WIDTH,
    'serifItalic',
    7.5,
    COLOURS.muted,
  );
}

function drawVerification(doc: Document, certificate: Certificate, verificationUrl: string, qrCode: Buffer): void {
  const left = CONTENT_LEFT + 6;
  const top = 640;
  const columnWidth = QR_SIZE + 60;
  const columnLeft = left - 30;
  doc.image(qrCode, left, top, { width: QR_SIZE, height: QR_SIZE });
  line(doc, 'Mã tra cứu / Verification code', columnLeft, top + QR_SIZE + 4, columnWidth, 'serif', 7, COLOURS.muted);
  line(doc, certificate.verificationCode, columnLeft, top + QR_SIZE + 14, columnWidth, 'monoBold', 11, COLOURS.ink);
  const urlWidth = 210;
  const urlSize = fittingSize(doc, verificationUrl, 'serif', 6.5, urlWidth, 4);
  text(doc, verificationUrl, CONTENT_LEFT - 18, top + QR_SIZE + 30, 'serif', urlSize, COLOURS.muted);
}

function drawPlaceAndSignatory(doc: Document, certificate: Certificate, signatory: CertificateSignatory | undefined): void {
  const left = CONTENT_LEFT + 215;
  const width = CONTENT_WIDTH - 215;
  const top = 636;
  line(doc, `Hà Nội, ${vietnameseLongDate(certificate.issuedOn)}`, left, top, width, 'serifItalic', 11, COLOURS.ink);
  line(doc, `Hanoi, ${englishLongDate(certificate.issuedOn)}`, left, top + 15, width, 'serifItalic', 8, COLOURS.muted);

  let y = top + 36;
  if (signatory) {
    for (const titleLine of signatory.titleLinesVi) {
      line(doc, titleLine.normalize('NFC'), left, y, width, 'serifBold', 11, COLOURS.ink);
      y += 15;
    }
    line(doc, signatory.titleEn.normalize('NFC'), left, y, width, 'serifItalic', 8, COLOURS.muted);
    line(doc, signatory.name.normalize('NFC'), left, top + 124, width, 'serifBold', 12, COLOURS.ink);
  } else {
    line(doc, 'BỘ NGOẠI GIAO', left, y, width, 'serifBold', 11.5, COLOURS.ink);
    line(doc, 'MINISTRY OF FOREIGN AFFAIRS', left, y + 15, width, 'serif', 7.5, COLOURS.muted);
    line(doc, 'Chứng nhận điện tử, xác thực bằng mã QR', left, y + 40, width, 'serifItalic', 8.5, COLOURS.muted);
    line(doc, 'Issued electronically; verify it with the QR code', left, y + 53, width, 'serifItalic', 7, COLOURS.muted);
  }
}

function drawRevocation(doc: Document, revokedOn: string): void {
  doc.save();
  doc.rotate(-38, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
  doc.fillOpacity(0.22);
  line(doc, 'ĐÃ THU HỒI', -60, PAGE_HEIGHT / 2 - 70, PAGE_WIDTH + 120, 'serifBold', 78, COLOURS.revoked);
  line(doc, 'REVOKED', -60, PAGE_HEIGHT / 2 + 20, PAGE_WIDTH + 120, 'serifBold', 54, COLOURS.revoked);
  doc.restore();

  const top = PAGE_HEIGHT - 54;
  doc.save().fillColor(COLOURS.revoked).rect(CONTENT_LEFT - 10, top - 4, CONTENT_WIDTH + 20, 22).fill().restore();
  line(
    doc,
    `ĐÃ THU HỒI / REVOKED — ${vietnameseLongDate(revokedOn)} / ${englishLongDate(revokedOn)}`,
    CONTENT_LEFT - 10,
    top + 1.5,
    CONTENT_WIDTH + 20,
    'serifBold',
    9.5,
    '#ffffff',
  );
}

function line(
  doc: Document,
  content: string,
  left: number,
  top: number,
  width: number,
  font: CertificateFont,
  size: number,
  colour: string,
  extra: PDFKit.Mixins.TextOptions = {},
): void {
  doc.font(font).fontSize(size).fillColor(colour);
  doc.text(content, left, top, { width, align: 'center', lineBreak: false, ...extra });
}

function text(doc: Document, content: string, left: number, top: number, font: CertificateFont, size: number, colour: string): void {
  doc.font(font).fontSize(size).fillColor(colour);
  doc.text(content, left, top, { lineBreak: false });
}

/** Centred text wrapped to `width`; returns the y below it. */
function paragraph(
  doc: Document,
  content: string,
  left: number,
  top: number,
  width: number,
  font: CertificateFont,
  size: number,
  colour: string,
): number {
  doc.font(font).fontSize(size).fillColor(colour);
  const options = { width, align: 'center' as const, lineGap: PARAGRAPH_LINE_GAP };
  doc.text(content, left, top, options);
  return top + doc.heightOfString(content, options);
}

/** The largest size, down to `smallest`, at which the text wraps to no more than `lines` lines. */
function sizeWithinLines(
  doc: Document,
  content: string,
  font: CertificateFont,
  fit: { readonly largest: number; readonly smallest: number; readonly width: number; readonly lines: number },
): number {
  for (let size = fit.largest; size > fit.smallest; size -= 0.5) {
    doc.font(font).fontSize(size);
    const height = doc.heightOfString(content, { width: fit.width, lineGap: PARAGRAPH_LINE_GAP });
    if (height <= fit.lines * (doc.currentLineHeight(true) + PARAGRAPH_LINE_GAP) + 0.5) return size;
  }
  return fit.smallest;
}

function rule(doc: Document, left: number, top: number, width: number): void {
  doc.save().lineWidth(0.7).strokeColor(COLOURS.ink).moveTo(left, top).lineTo(left + width, top).stroke().restore();
}

function ornament(doc: Document, top: number): void {
  const centre = PAGE_WIDTH / 2;
  doc.save().lineWidth(0.8).strokeColor(COLOURS.gold);
  doc.moveTo(centre - 120, top).lineTo(centre - 10, top).stroke();
  doc.moveTo(centre + 10, top).lineTo(centre + 120, top).stroke();
  doc.fillColor(COLOURS.gold).polygon([centre, top - 5], [centre + 5, top], [centre, top + 5], [centre - 5, top]).fill();
  doc.restore();
}

function fittingSize(doc: Document, content: string, font: CertificateFont, largest: number, width: number, smallest: number): number {
  doc.font(font).fontSize(largest);
  const natural = doc.widthOfString(content);
  return natural <= width ? largest : Math.max(smallest, Math.floor((10 * largest * width) / natural) / 10);
}

function startOfVietnameseDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}
