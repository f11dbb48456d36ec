#!/usr/bin/env node
// Renders every page of a PDF to PNG and prints its text, for looking at an exported evaluation report.
//
//   node services/reporting/src/evaluation-exports/render-pages.mjs in.pdf outPrefix [--dpi=110] [--json]
//
// writes outPrefix-1.png, outPrefix-2.png, … ; --json prints { pageCount, pages: [{ widthPt, heightPt, text, png }] }.
// MuPDF ships as an ES module with WebAssembly, which Jest's CommonJS transform cannot load; hence a script.
import { readFileSync, writeFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
const [inputPath, outputPrefix] = args.filter((arg) => !arg.startsWith('--'));
if (!inputPath || !outputPrefix) {
  console.error('usage: render-pages.mjs <in.pdf> <outPrefix> [--dpi=110] [--json]');
  process.exit(2);
}
const asJson = flags.includes('--json');
const dpi = Number(flags.find((flag) => flag.startsWith('--dpi='))?.slice('--dpi='.length) ?? 110);

const document = mupdf.Document.openDocument(readFileSync(inputPath), 'application/pdf');
const pages = [];
for (let index = 0; index < document.countPages(); index += 1) {
  const page = document.loadPage(index);
  const [x0, y0, x1, y1] = page.getBounds();
  const zoom = dpi / 72;
  const png = `${outputPrefix}-${index + 1}.png`;
  writeFileSync(png, page.toPixmap(mupdf.Matrix.scale(zoom, zoom), mupdf.ColorSpace.DeviceRGB, false, true).asPNG());
  pages.push({ widthPt: x1 - x0, heightPt: y1 - y0, text: page.toStructuredText('preserve-whitespace').asText(), png });
}

if (asJson) {
  process.stdout.write(JSON.stringify({ pageCount: pages.length, pages }));
} else {
  pages.forEach((page, index) => process.stdout.write(`--- page ${index + 1} (${page.widthPt} × ${page.heightPt} pt) → ${page.png}\n${page.text}\n`));
}
