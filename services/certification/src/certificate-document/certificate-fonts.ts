import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type CertificateFont = 'serif' | 'serifBold' | 'serifItalic' | 'serifBoldItalic' | 'monoBold';

const FONT_FILES: Readonly<Record<CertificateFont, string>> = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  serifBoldItalic: 'DejaVuSerif-BoldItalic.ttf',
  monoBold: 'DejaVuSansMono-Bold.ttf',
};

let loadedFonts: Readonly<Record<CertificateFont, Buffer>> | undefined;

export function fontDirectory(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/**
 * The DejaVu TrueType files, read once. They cover every Vietnamese letter with its tone marks, and
 * embedding them means the certificate never depends on the fonts of the machine that opens it.
 */
export function certificateFonts(): Readonly<Record<CertificateFont, Buffer>> {
  if (!loadedFonts) {
    const directory = fontDirectory();
    const entries = Object.entries(FONT_FILES).map(([font, file]) => [font, readFileSync(join(directory, file))]);
    loadedFonts = Object.fromEntries(entries) as Record<CertificateFont, Buffer>;
  }
  return loadedFonts;
}
