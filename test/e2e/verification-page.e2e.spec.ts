import {
  buildServices,
  chromiumAvailable,
  CHROMIUM_PATH,
  describeNotRun,
  launchChromium,
  screenshot,
  seriousAccessibilityViolations,
} from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { callService, certifyRun, type IssuedCertificate } from './support/certified-run';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/**
 * A citizen scans the QR code on a printed certificate with a phone: certification itself answers
 * the URL the code holds with a page, in Vietnamese with English beside it and without a script.
 */
const suite = () => {
  let system: SystemProcesses;
  let browser: Browser;
  let phone: BrowserContext;
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const lan = { traineeId: `vp-lan-${tag}`, fullName: 'Nguyễn Thị Lan Anh' };
  const minh = { traineeId: `vp-minh-${tag}`, fullName: 'Trần Văn Mính' };
  let valid: IssuedCertificate;
  let revoked: IssuedCertificate;
  let replacementNumber: string;

  beforeAll(async () => {
    await buildServices();
    system = await SystemProcesses.start('verify-page');
    const certified = await certifyRun(system, `VP-${tag}`, [lan, minh]);
    [valid, revoked] = certified.certificates as [IssuedCertificate, IssuedCertificate];
    const certifier = await system.mint('certifier');
    const revocation = await callService(system, 'certification', certifier, `/certificates/${revoked.certificateId}/revoke`, { reason: 'Tên in sai dấu', category: 'identity-error' }, '2027-06-01T09:00:00+07:00');
    expect(revocation.status).toBeLessThan(300);
    const reissued = await callService(system, 'certification', certifier, `/certificates/${revoked.certificateId}/reissue`, { holderName: 'Trần Văn Minh' }, '2027-06-01T09:30:00+07:00');
    expect(reissued.status).toBeLessThan(300);
    replacementNumber = reissued.body.certificateNumber as string;
    browser = await launchChromium();
    phone = await browser.newContext(PHONE);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('answers an API client in JSON, as before', async () => {
    const response = await fetch(`${system.urls.certification}/verify/${valid.verificationCode}`, { headers: { accept: 'application/json' } });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ status: 'valid', holderName: lan.fullName, format: 'in-person' });
  });

  it('shows a phone, at the URL the QR code holds, that the certificate is valid, with every printed field', async () => {
    const page = await phone.newPage();
    const response = await page.goto(`${system.urls.certification}/verify/${valid.verificationCode}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect(page.locator('[role=status] h1').innerText()).resolves.toContain('Hợp lệ');
    const text = await page.locator('main').innerText();
    for (const printed of [lan.fullName, valid.certificateNumber, 'Luật quốc tế', 'International law', 'Phổ quát', 'Chuyên môn, nghiệp vụ', 'Tập trung, trực tiếp', '15/05/2027', '20/05/2027', 'Bộ Ngoại giao']) {
      expect(text).toContain(printed);
    }
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.viewport.width);
    await expectAccessible(page);
    await screenshot(page, 'verify-valid-phone');
    await page.close();
  });

  it('keeps a revoked certificate’s page, saying revoked, when, why in kind, and what superseded it', async () => {
    const page = await phone.newPage();
    const response = await page.goto(`${system.urls.certification}/verify/${revoked.verificationCode}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('[role=status]').innerText()).resolves.toMatch(/Đã thu hồi[\s\S]*01\/06\/2027[\s\S]*Sai thông tin người được cấp[\s\S]*/);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain(replacementNumber);
    expect(await page.locator('main').innerText()).not.toContain('Tên in sai dấu');
    await expectAccessible(page);
    await screenshot(page, 'verify-revoked-phone');
    await page.close();
  });

  it('says plainly when a code is unknown or is no code, and offers the form again', async () => {
    const page = await phone.newPage();
    const unknown = await page.goto(`${system.urls.certification}/verify/ZZZZZZZZZZ`);
    expect(unknown?.status()).toBe(404);
    await expect(page.locator('[role=status] h1').innerText()).resolves.toContain('Không tìm thấy');
    expect(await page.locator('form input[name=code]').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'verify-unknown-phone');
    const malformed = await page.goto(`${system.urls.certification}/verify/${encodeURIComponent('<b>hello</b>')}`);
    expect(malformed?.status()).toBe(400);
    await expect(page.locator('[role=status] h1').innerText()).resolves.toContain('Mã không hợp lệ');
    expect(await page.locator('main b').count()).toBe(0);
    await page.close();
  });

  it('lets anyone type a code on the site-wide verify page; by number alone the name shows as initials', async () => {
    const page = await phone.newPage();
    await page.goto(`${system.urls.certification}/verify`);
    await expectAccessible(page);
    await screenshot(page, 'verify-form-phone');
    await page.fill('input[name=code]', valid.verificationCode.toLowerCase());
    await Promise.all([page.waitForURL(`**/verify/${valid.verificationCode.toLowerCase()}`), page.click('button[type=submit]')]);
    await expect(page.locator('[role=status] h1').innerText()).resolves.toContain('Hợp lệ');
    expect(await page.locator('main').innerText()).toContain(lan.fullName);

    await page.goto(`${system.urls.certification}/verify`);
    await page.fill('input[name=code]', valid.certificateNumber);
    await Promise.all([page.waitForURL('**/verify/*-*'), page.click('button[type=submit]')]);
    const text = await page.locator('main').innerText();
    expect(text).toContain('N. T. L. A.');
    expect(text).not.toContain(lan.fullName);
    await page.close();
  });
};

if (chromiumAvailable()) describe('the public verification page, in a real browser', suite);
else describeNotRun('public verification page in Chromium', `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package`);
