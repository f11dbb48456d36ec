import { buildServices, type ServiceProcess } from '@training-ledger/test-servers';
import type { Browser, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, startConsole, initialBundleGzipBytes, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';

const INITIAL_BUNDLE_BUDGET = 400 * 1024;

/**
 * The console in a real browser: the four services as processes on the real servers, the console in
 * front of them as one origin, signed in through its development page.
 */
describe('the console', () => {
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    system = await SystemProcesses.start('console');
    consoleApp = await startConsole(system);
    // One agency and its roster, posted through the console as a browser would, for the dashboard to show.
    const post = async (token: string, path: string, body: unknown) => {
      const response = await fetch(`${consoleApp.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    };
    await post(await system.mint('programme-admin'), '/api/enrolment/agencies', { code: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', kind: 'ministry' });
    await post(await system.mint('agency-integration', { agencyId: 'BNV' }), '/api/enrolment/agencies/BNV/rosters', { asOf: '2026-01-01', regular: 40, nonRegular: 10 });
    await system.waitForQuiet();
    browser = await launchChromium();
    // Axe runs its checks in frames it reaches through the context: a page of its own context, not browser.newPage().
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
  });

  const signInAs = async (role: string, agencyId?: string) => {
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption(role);
    if (agencyId) await page.getByLabel('Mã cơ quan').fill(agencyId);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };

  it('loads from a small initial bundle, and says how long the first load took', async () => {
    const bundle = initialBundleGzipBytes();
    const started = Date.now();
    await page.goto(consoleApp.url, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Đăng nhập (môi trường phát triển)' }).waitFor();
    const firstLoadMs = Date.now() - started;
    const navigation = Number(await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"));
    process.stdout.write(
      `console initial bundle: ${(bundle.total / 1024).toFixed(1)} kB gzipped ${JSON.stringify(bundle.files)}; first load to the sign-in page: ${firstLoadMs} ms (load event at ${Math.round(navigation)} ms)\n`,
    );
    expect(bundle.total).toBeLessThan(INITIAL_BUNDLE_BUDGET);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-in');
  });

  it('shows a monitor the progress dashboard, read through the console from reporting', async () => {
    await signInAs('monitor');
    await page.getByRole('heading', { name: 'Tiến độ bồi dưỡng' }).waitFor();
    await page.getByRole('heading', { name: 'Toàn quốc' }).waitFor();
    expect(page.url()).toBe(`${consoleApp.url}/progress`);
    await expect(page.getByRole('row', { name: /Thường xuyên/ }).first().isVisible()).resolves.toBe(true);
    // The roster posted through the console reached reporting over Kafka: 40 regular and 10 non-regular staff.
    expect(await page.getByRole('row', { name: /Bộ Nội vụ/ }).getByRole('cell').allTextContents()).toEqual(['50', '0', '0']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-progress-monitor');
  });

  it('shows a programme administrator the status of all four services, in Vietnamese and in English', async () => {
    await signInAs('programme-admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Vận hành' }).click();
    await page.getByRole('heading', { name: 'Vận hành' }).waitFor();
    const rows = page.locator('tbody tr[data-service]');
    await rows.nth(3).waitFor();
    expect(await Promise.all([0, 1, 2, 3].map((index) => rows.nth(index).getAttribute('data-service')))).toEqual(['enrolment', 'course-delivery', 'certification', 'reporting']);
    expect(await page.locator('td.problem').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-operations-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-operations-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  it('shows a role only the screens it may open', async () => {
    await signInAs('agency-integration', 'BNV');
    const navigation = page.getByRole('navigation', { name: 'Điều hướng chính' });
    // Read once the signed-in menu is drawn: on a busy machine the click returns before it is.
    await navigation.getByRole('link', { name: 'Kết quả bồi dưỡng' }).waitFor();
    const links = await navigation.getByRole('link').allTextContents();
    expect(links).toEqual(['Danh sách cán bộ', 'Học viên', 'Đề cử', 'Nhập từ bảng tính', 'Kết quả bồi dưỡng']);
    // An address the role may not open, reached inside the app, leads to the role's first screen.
    await page.evaluate("history.pushState(null, '', '/operations'); dispatchEvent(new PopStateEvent('popstate'))");
    await page.waitForURL(`${consoleApp.url}/agency-rosters`);
    await page.goto(`${consoleApp.url}/operations`);
    // A reload forgets the token (it lives in memory only): the address leads to the sign-in page.
    await page.getByRole('heading', { name: 'Đăng nhập (môi trường phát triển)' }).waitFor();
  });

  it('forwards the caller’s token to the services and their refusals back', async () => {
    const anonymous = await fetch(`${consoleApp.url}/api/reporting/progress`);
    expect(anonymous.status).toBe(401);
    const token = await system.mint('monitor');
    const withToken = await fetch(`${consoleApp.url}/api/enrolment/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as { service: string }).service).toBe('enrolment');
  });
});
