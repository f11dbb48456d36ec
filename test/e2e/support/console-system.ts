import { buildServices, type ServiceProcess } from '@training-ledger/test-servers';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { SystemProcesses } from '../../simulation/system-processes';
import { buildConsoleWeb, launchChromium, screenshot, seriousAccessibilityViolations, startConsole } from '../console-browser';

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * The four services as processes on the real servers, the console in front of them with its
 * development sign-in, and a Chromium to drive it: what every console journey starts from.
 */
export class ConsoleSystem {
  private constructor(
    readonly system: SystemProcesses,
    readonly console: ServiceProcess,
    readonly browser: Browser,
  ) {}

  static async start(label: string): Promise<ConsoleSystem> {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    const system = await SystemProcesses.start(label);
    try {
      const consoleApp = await startConsole(system);
      return new ConsoleSystem(system, consoleApp, await launchChromium());
    } catch (error) {
      await system.stop();
      throw error;
    }
  }

  get url(): string {
    return this.console.url;
  }

  /** A page of its own context: axe reaches frames through the context, not through browser.newPage(). */
  async newPage(options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } }): Promise<Page> {
    return (await this.browser.newContext(options)).newPage();
  }

  /** Signs in on the development page as `role`, for the agency or institution an agency- or institution-bound role needs. */
  async signIn(page: Page, role: string, bound: { agencyId?: string; institutionId?: string } = {}): Promise<void> {
    await page.goto(`${this.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption(role);
    if (bound.agencyId) await page.getByLabel('Mã cơ quan').fill(bound.agencyId);
    if (bound.institutionId) await page.getByLabel('Mã cơ sở đào tạo').fill(bound.institutionId);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  /** A call through the console's own origin, as the browser makes it. */
  async call(token: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a PDF, a page): the text is the answer.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.console.stop();
    await this.system.stop();
  }
}

/** No serious or critical accessibility violation on the page as it stands, and its screenshot under .local/screenshots/. */
export async function expectAccessibleAndShoot(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}
