import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ReportFont = 'sans' | 'sansBold' | 'sansOblique' | 'mono';

const fontFiles: Readonly<Record<ReportFont, string>> = {
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  sansOblique: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let loadedFonts: Readonly<Record<ReportFont, Buffer>> | undefined;

export function fontPath(font: ReportFont): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', fontFiles[font]);
}

/** DejaVu covers every Vietnamese letter with its tone marks; embedding it frees the PDF from the reader's fonts. */
export function reportFonts(): Readonly<Record<ReportFont, Buffer>> {
  if (!loadedFonts) {
    const entries = (Object.keys(fontFiles) as ReportFont[]).map((font) => [font, readFileSync(fontPath(font))]);
    loadedFonts = Object.fromEntries(entries) as Record<ReportFont, Buffer>;
  }
  return loadedFonts;
}
