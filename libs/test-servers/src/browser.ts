import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package: nothing here ever downloads a browser. `test/run-all.sh` installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** Headless Chromium that reaches nothing but the pages it is sent to: this machine's network is closed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Where screenshots of every screen go, to be looked at: `.local/screenshots/<name>.png`. */
export function screenshotPath(name: string): string {
  const directory = join(process.cwd(), '.local', 'screenshots');
  mkdirSync(directory, { recursive: true });
  return join(directory, `${name}.png`);
}
