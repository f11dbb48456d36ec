import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createQrCode } from 'qrcode';
import { renderCertificatePdf, type CertificateDocument } from './certificate-pdf';

interface PreviewImage {
  readonly bbox: readonly [number, number, number, number];
  readonly width: number;
  readonly height: number;
  readonly stride: number;
  readonly grey: string;
}

interface Preview {
  readonly pageCount: number;
  readonly pages: readonly { readonly widthPt: number; readonly heightPt: number; readonly text: string; readonly images: readonly PreviewImage[] }[];
  readonly png: Buffer;
}

const PREVIEW_SCRIPT = join(__dirname, 'render-preview.mjs');
const VERIFICATION_URL = 'https://chungnhan.mofa.gov.vn/verify/K7QX-9M2P';
const A4_WIDTH_PT = 595.28;
const A4_HEIGHT_PT = 841.89;

const certificate: CertificateDocument = {
  certificateNumber: '2027/000123',
  verificationCode: 'K7QX-9M2P',
  holderName: 'Nguyễn Thị Hồng Nhung',
  courseCode: 'NG-PQ-01',
  courseTitleVi: 'Kỹ năng đàm phán quốc tế',
  courseTitleEn: 'International negotiation skills',
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'in-person',
  runStartDate: '2027-03-01',
  runEndDate: '2027-03-12',
  issuedOn: '2027-03-15',
};

const revokedCertificate: CertificateDocument = {
  ...certificate,
  holderName: certificate.holderName.normalize('NFD'),
  level: 'specialised',
  trainingGroup: 'expertise',
  format: 'online',
  revoked: { revokedOn: '2027-04-02' },
};

describe('renderCertificatePdf', () => {
  let workDirectory: string;
  let pdf: Buffer;
  let revokedPdf: Buffer;
  let preview: Preview;
  let revokedPreview: Preview;

  function inspect(name: string, bytes: Buffer): Preview {
    const pdfPath = join(workDirectory, `${name}.pdf`);
    const pngPath = join(workDirectory, `${name}.png`);
    writeFileSync(pdfPath, bytes);
    const output = execFileSync('node', [PREVIEW_SCRIPT, pdfPath, pngPath, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { ...(JSON.parse(output) as Omit<Preview, 'png'>), png: readFileSync(pngPath) };
  }

  beforeAll(async () => {
    workDirectory = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
    pdf = await renderCertificatePdf(certificate, { verificationUrl: VERIFICATION_URL });
    revokedPdf = await renderCertificatePdf(revokedCertificate, { verificationUrl: VERIFICATION_URL });
    preview = inspect('valid', pdf);
    revokedPreview = inspect('revoked', revokedPdf);
  }, 60_000);

  afterAll(() => {
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it('is a PDF of one A4 portrait page', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(preview.pageCount).toBe(1);
    expect(preview.pages[0]!.widthPt).toBeCloseTo(A4_WIDTH_PT, 1);
    expect(preview.pages[0]!.heightPt).toBeCloseTo(A4_HEIGHT_PT, 1);
    expect(revokedPreview.pageCount).toBe(1);
  });

  it('prints the certificate in Vietnamese with its diacritics, and in English', () => {
    const { text } = preview.pages[0]!;

    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ NGOẠI GIAO',
      'CHỨNG NHẬN BỒI DƯỠNG',
      'CERTIFICATE OF TRAINING',
      'Nguyễn Thị Hồng Nhung',
      'Kỹ năng đàm phán quốc tế',
      'International negotiation skills',
      'Phổ quát',
      'Kỹ năng, phong cách',
      'Tập trung, trực tiếp',
      'Từ 01/03/2027 đến 12/03/2027',
      'Số / No.: 2027/000123',
      'K7QX-9M2P',
      'Quyết định số 892/QĐ-TTg',
      'Hà Nội, ngày 15 tháng 3 năm 2027',
      VERIFICATION_URL,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('ĐÃ THU HỒI');
  });

  it('embeds its own fonts instead of relying on the reader’s', () => {
    const raw = pdf.toString('latin1');

    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(raw).not.toContain('Helvetica');
  });

  it('carries a QR code that encodes the verification URL', () => {
    const [qrImage] = preview.pages[0]!.images;
    expect(preview.pages[0]!.images).toHaveLength(1);

    const modules = createQrCode(VERIFICATION_URL, { errorCorrectionLevel: 'M' }).modules;
    expect(readModules(qrImage!, modules.size)).toEqual(
      Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1)),
    );
    const [left, top, right, bottom] = qrImage!.bbox;
    expect(right - left).toBeGreaterThanOrEqual(72);
    expect(bottom - top).toBeCloseTo(right - left, 1);
  });

  it('marks a revoked certificate as revoked, and still prints it', () => {
    const { text } = revokedPreview.pages[0]!;

    expect(text).toContain('ĐÃ THU HỒI');
    expect(text).toContain('REVOKED');
    expect(text).toContain('ngày 02 tháng 4 năm 2027');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Chuyên sâu');
    expect(text).toContain('Chuyên môn, nghiệp vụ');
    expect(text).toContain('Trực tuyến');
  });

  it('renders page 1 to a PNG for review', () => {
    expect([...preview.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('gives the same bytes for the same certificate', async () => {
    expect((await renderCertificatePdf(certificate, { verificationUrl: VERIFICATION_URL })).equals(pdf)).toBe(true);
    expect(revokedPdf.equals(pdf)).toBe(false);
  });

  it('refuses what it cannot print truthfully', async () => {
    await expect(renderCertificatePdf({ ...certificate, issuedOn: '2027-02-30' }, { verificationUrl: VERIFICATION_URL })).rejects.toThrow(/issuedOn/);
    await expect(renderCertificatePdf({ ...certificate, holderName: '  ' }, { verificationUrl: VERIFICATION_URL })).rejects.toThrow(/holderName/);
    await expect(renderCertificatePdf(certificate, { verificationUrl: 'javascript:alert(1)' })).rejects.toThrow();
  });
});

/** Reads the module grid from the rendered image: the dark modules' bounding box is the symbol. */
function readModules(image: PreviewImage, size: number): boolean[][] {
  const grey = Buffer.from(image.grey, 'base64');
  const isDark = (x: number, y: number): boolean => grey[y * image.stride + x]! < 128;
  let [minX, minY, maxX, maxY] = [image.width, image.height, -1, -1];
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      if (isDark(x, y)) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
  }
  const moduleSize = (maxX - minX + 1) / size;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) =>
      isDark(Math.floor(minX + (column + 0.5) * moduleSize), Math.floor(minY + (row + 0.5) * moduleSize)),
    ),
  );
}
