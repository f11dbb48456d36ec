import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { freePort, ServiceProcess, workspaceRoot } from '@training-ledger/test-servers';
import type { SystemProcesses } from '../simulation/system-processes';

const run = promisify(execFile);
export const consoleWebDir = join(workspaceRoot, 'dist/services/console/web');

export { launchChromium, screenshot, seriousAccessibilityViolations } from '@training-ledger/test-servers';

/** Builds the console's single-page app with Vite, as `npm start` does. */
export async function buildConsoleWeb(): Promise<void> {
  await run('npx', ['vite', 'build', '--config', 'services/console/web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: workspaceRoot,
    maxBuffer: 16 * 1024 * 1024,
    // The suite runs with NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * Gzipped bytes of what the first page load fetches before any screen opens: index.html and the
 * scripts and styles it names. Screens are separate chunks loaded later; fonts load as text needs them.
 */
export function initialBundleGzipBytes(): { total: number; files: Record<string, number> } {
  const html = readFileSync(join(consoleWebDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  const files: Record<string, number> = { 'index.html': gzipSync(html).length };
  for (const file of named) files[file] = gzipSync(readFileSync(join(consoleWebDir, file))).length;
  return { total: Object.values(files).reduce((sum, bytes) => sum + bytes, 0), files };
}

/** The console in front of the running services, its development sign-in minting tokens they accept. */
export async function startConsole(system: SystemProcesses): Promise<ServiceProcess> {
  const urls = system.urls;
  const consoleApp = new ServiceProcess('console', await freePort(), {
    ENROLMENT_URL: urls.enrolment,
    COURSE_DELIVERY_URL: urls.courseDelivery,
    CERTIFICATION_URL: urls.certification,
    REPORTING_URL: urls.reporting,
    CONSOLE_DEV_KEYS_DIR: system.signingKeysDir,
  });
  consoleApp.start();
  await consoleApp.waitUntilReady(60_000);
  return consoleApp;
}
