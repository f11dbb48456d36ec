#!/usr/bin/env node
// Renders page 1 of a PDF to PNG and prints the text of every page, for reviewing printed certificates.
//
//   node services/certification/src/certificate-document/render-preview.mjs in.pdf out.png [--json] [--dpi=144]
//
// --json prints { pageCount, pages: [{ widthPt, heightPt, text, images }] } instead of plain text; each image
// carries its placement and its pixels in 8-bit grey, so that tests can read the QR code's modules.
// MuPDF ships as an ES module with WebAssembly, which Jest's CommonJS transform cannot load; hence a script.
import { readFileSync, writeFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
const [inputPath, outputPath] = args.filter((arg) => !arg.startsWith('--'));
if (!inputPath || !outputPath) {
  console.error('usage: render-preview.mjs <in.pdf> <out.png> [--json] [--dpi=144]');
  process.exit(2);
}
const asJson = flags.includes('--json');
const dpi = Number(flags.find((flag) => flag.startsWith('--dpi='))?.slice('--dpi='.length) ?? 144);

const document = mupdf.Document.openDocument(readFileSync(inputPath), 'application/pdf');
const pages = [];
for (let index = 0; index < document.countPages(); index += 1) {
  const page = document.loadPage(index);
  const [x0, y0, x1, y1] = page.getBounds();
  const structuredText = page.toStructuredText('preserve-whitespace,preserve-images');
  const images = [];
  structuredText.walk({
    onImageBlock(bbox, _transform, image) {
      const grey = image.toPixmap().convertToColorSpace(mupdf.ColorSpace.DeviceGray, false);
      images.push({
        bbox,
        width: grey.getWidth(),
        height: grey.getHeight(),
        stride: grey.getStride(),
        grey: Buffer.from(grey.getPixels()).toString('base64'),
      });
    },
  });
  pages.push({ widthPt: x1 - x0, heightPt: y1 - y0, text: structuredText.asText(), images });
  if (index === 0) {
    const zoom = dpi / 72;
    const pixmap = page.toPixmap(mupdf.Matrix.scale(zoom, zoom), mupdf.ColorSpace.DeviceRGB, false, true);
    writeFileSync(outputPath, pixmap.asPNG());
  }
}

if (asJson) {
  process.stdout.write(JSON.stringify({ pageCount: pages.length, pages }));
} else {
  pages.forEach((page, index) => process.stdout.write(`--- page ${index + 1} (${page.widthPt} × ${page.heightPt} pt)\n${page.text}\n`));
}
