import { buildServices, freePort, ServiceProcess, workspaceRoot } from '@training-ledger/test-servers';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';

const AUDIENCE = 'urn:training-ledger';
const CLIENT_ID = 'training-ledger-console';

/** The identity provider's process: up once it says so on stdout. */
async function startIdentityProvider(settings: Record<string, unknown>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(workspaceRoot, 'test/e2e/support/identity-provider.mjs'), JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`the identity provider did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('identity provider ready')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => failed(new Error(`the identity provider exited with ${String(code)}:\n${output}`)));
  });
  return child;
}

/**
 * Production sign-in: the console as a public OpenID Connect client (authorization code with PKCE)
 * of a real OpenID Provider in its own process; the services trust only that provider's keys, issuer
 * and audience, as deployed. The user signs in at the provider and the console acts with its token.
 */
describe('the console signs in at the identity provider', () => {
  let provider: ChildProcess;
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [consolePort, providerPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${providerPort}`;
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    const [started] = await Promise.all([
      startIdentityProvider({
        port: providerPort,
        clientId: CLIENT_ID,
        redirectUris: [`${consoleUrl}/sign-in/callback`, `${consoleUrl}/sign-in/silent`],
        postLogoutRedirectUris: [`${consoleUrl}/sign-in`],
        audience: AUDIENCE,
        accounts: { 'giamsat.bnv': { roles: ['monitor'] } },
      }),
      buildServices(),
      buildConsoleWeb(),
    ]);
    provider = started;
    system = await SystemProcesses.start('console-oidc', { identityProvider: { issuer, jwksUrl: `${issuer}/jwks`, audience: AUDIENCE } });
    const urls = system.urls;
    // As in production: no development keys, so no development sign-in; the provider only.
    consoleApp = new ServiceProcess('console', consolePort, {
      NODE_ENV: 'test',
      ENROLMENT_URL: urls.enrolment,
      COURSE_DELIVERY_URL: urls.courseDelivery,
      CERTIFICATION_URL: urls.certification,
      REPORTING_URL: urls.reporting,
      CONSOLE_OIDC_AUTHORITY: issuer,
      CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
      CONSOLE_OIDC_SCOPE: 'openid training-ledger',
      CONSOLE_OIDC_RESOURCE: AUDIENCE,
    });
    consoleApp.start();
    await consoleApp.waitUntilReady(60_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The provider's development pages import a web font; this machine has no internet to fetch it from.
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
    provider?.kill('SIGTERM');
  });

  it('signs a monitor in with a code and PKCE, keeps the token in memory only, and calls the services with it', async () => {
    await page.goto(`${consoleApp.url}/progress`);
    const authorization = page.waitForRequest((request) => request.url().includes('/auth?'));
    await page.getByRole('button', { name: 'Tiếp tục với tài khoản công vụ' }).click();
    const asked = new URL((await authorization).url()).searchParams;
    expect({ responseType: asked.get('response_type'), method: asked.get('code_challenge_method'), challenge: (asked.get('code_challenge') ?? '').length }).toEqual({
      responseType: 'code',
      method: 'S256',
      challenge: 43,
    });
    // oidc-provider's own development login and consent pages stand in for the ministry's.
    await page.locator('input[name="login"]').fill('giamsat.bnv');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    const progress = page.waitForResponse((response) => response.url().endsWith('/api/reporting/progress'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${consoleApp.url}/progress`);
    expect((await progress).status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Tiến độ bồi dưỡng' }).waitFor()).resolves.toBeUndefined();
    expect(await page.getByText('Theo dõi (Bộ Nội vụ)').count()).toBeGreaterThan(0);
    const stored = String(await page.evaluate('JSON.stringify({ ...window.localStorage, ...window.sessionStorage })'));
    expect(stored).not.toMatch(/access_token|eyJ/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-signed-in-at-provider');
  }, 120_000);

  it('has no development sign-in beside the provider, and signs out at the provider too', async () => {
    expect((await fetch(`${consoleApp.url}/dev/sign-in`)).status).toBe(404);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL((url) => url.origin !== consoleApp.url);
    await page.getByRole('button', { name: /yes|sign.?out/i }).first().click();
    await page.waitForURL(`${consoleApp.url}/sign-in`);
    await expect(page.getByRole('button', { name: 'Tiếp tục với tài khoản công vụ' }).waitFor()).resolves.toBeUndefined();
    await screenshot(page, 'console-sign-in-provider');
  }, 60_000);
});
