import { buildServices, eventually, freePort, ServiceProcess } from '@training-ledger/test-servers';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';
import { callService } from './support/certified-run';

const RUN_ID = 'RUN-DIEM-DANH-1';
const TRAINEES = ['HV01', 'HV02', 'HV03', 'HV04', 'HV05'];

/** A day counted from today in Viet Nam, as YYYY-MM-DD. */
const vietnamDay = (offsetDays: number): string =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, time: string) => `${day}T${time}+07:00`;

interface SheetCell {
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: string;
  readonly corrected: boolean;
}

/**
 * The attendance screens in a real browser against the four services: a training institution takes
 * marks in the grid, corrects one, and imports a spreadsheet; course delivery is then asked what it holds.
 */
describe('the console’s attendance screens', () => {
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let admin: string;
  // Two sessions already held and one tomorrow, so that marks typed in now fall within the sessions held.
  const [day1, day2, day3] = [vietnamDay(-2), vietnamDay(-1), vietnamDay(1)];

  const sheet = async (): Promise<Map<string, SheetCell>> => {
    const answer = await callService(system, 'courseDelivery', admin, `/runs/${RUN_ID}/attendance`);
    const entries = answer.body.entries as SheetCell[];
    return new Map(entries.map((entry) => [`${entry.traineeId}/${entry.sessionId}`, entry]));
  };
  const sheetHolds = (expected: Record<string, string>) =>
    eventually(`course delivery holds ${JSON.stringify(expected)}`, async () => {
      const cells = await sheet();
      return Object.entries(expected).every(([key, status]) => cells.get(key)?.status === status) ? cells : null;
    });

  beforeAll(async () => {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    system = await SystemProcesses.start('attendance');
    const urls = system.urls;
    consoleApp = new ServiceProcess('console', await freePort(), {
      ENROLMENT_URL: urls.enrolment,
      COURSE_DELIVERY_URL: urls.courseDelivery,
      CERTIFICATION_URL: urls.certification,
      REPORTING_URL: urls.reporting,
      CONSOLE_DEV_KEYS_DIR: system.signingKeysDir,
    });
    consoleApp.start();
    await consoleApp.waitUntilReady(60_000);
    admin = await system.mint('programme-admin');
    const agency = await system.mint('agency-integration', { agencyId: 'BTP' });
    const succeeded = async (service: 'enrolment' | 'courseDelivery', token: string, path: string, body: unknown, when: string) => {
      const answer = await callService(system, service, token, path, body, when);
      if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
      return answer.body;
    };
    await succeeded('enrolment', admin, '/agencies', { code: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' }, at(vietnamDay(-40), '09:00:00'));
    await succeeded('courseDelivery', admin, '/courses', {
      courseId: 'KN-DP-01', code: 'KN-DP-01', titleVi: 'Kỹ năng đàm phán', titleEn: 'Negotiation skills',
      trainingGroup: 'skills-and-style', level: 'universal', requirementGroups: ['skills-and-style'], format: 'in-person',
      lengthDays: 3, lengthHours: 10, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: true, assessmentRequired: true, passMark: 50 },
    }, at(vietnamDay(-40), '09:00:00'));
    for (const [index, traineeId] of TRAINEES.entries()) {
      await succeeded('enrolment', agency, '/agencies/BTP/trainees', {
        traineeId, targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null,
        fullName: `Học viên ${index + 1}`, dateOfBirth: '1990-01-0' + String(index + 1), staffNumber: `BTP-${traineeId}`,
      }, at(vietnamDay(-35), '09:00:00'));
    }
    const session = (sessionId: string, day: string) => ({ sessionId, date: day, startsAt: at(day, '08:00:00'), endsAt: at(day, '11:30:00') });
    await succeeded('courseDelivery', admin, '/runs', {
      runId: RUN_ID, courseId: 'KN-DP-01', providerInstitutionId: 'HVNG', hostAgencyId: null, venue: 'Học viện Ngoại giao, 69 Chùa Láng',
      startDate: day1, endDate: day3, nominationDeadline: vietnamDay(-10), capacity: 30, agencyQuotas: [], waitlistPolicy: 'auto-approve',
      lecturers: [], sessions: [session('S1', day1), session('S2', day2), session('S3', day3)],
    }, at(vietnamDay(-30), '09:00:00'));
    // A run another institution delivers, which the institution must not see.
    await succeeded('courseDelivery', admin, '/runs', {
      runId: 'RUN-KHAC-1', courseId: 'KN-DP-01', providerInstitutionId: 'DAV', hostAgencyId: null, venue: 'Học viện Ngoại giao',
      startDate: day1, endDate: day3, nominationDeadline: vietnamDay(-10), capacity: 30, agencyQuotas: [], waitlistPolicy: 'auto-approve', lecturers: [], sessions: [],
    }, at(vietnamDay(-30), '09:00:00'));
    const nominated = await eventually('enrolment knows the run', async () => {
      const answer = await callService(system, 'enrolment', agency, `/runs/${RUN_ID}/nominations`, { nominations: TRAINEES.map((traineeId) => ({ traineeId })) }, at(vietnamDay(-20), '09:00:00'));
      return answer.status === 404 ? null : answer;
    });
    for (const { nominationId } of nominated.body.items as { nominationId: string }[]) {
      await succeeded('enrolment', admin, `/runs/${RUN_ID}/nominations/${nominationId}/approve`, {}, at(vietnamDay(-15), '09:00:00'));
    }
    await eventually('the approved trainees reach course delivery', async () => {
      const roster = await callService(system, 'courseDelivery', admin, `/runs/${RUN_ID}/roster`);
      return ((roster.body.traineeIds as string[] | undefined) ?? []).length === TRAINEES.length ? roster : null;
    });
    await succeeded('courseDelivery', admin, `/runs/${RUN_ID}/start`, {}, at(day1, '07:30:00'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
  });

  const signInAs = async (role: string, institutionId?: string) => {
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption(role);
    if (institutionId) await page.getByLabel('Mã cơ sở đào tạo').fill(institutionId);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };

  it('shows an institution its own runs only', async () => {
    await signInAs('institution-integration', 'HVNG');
    await page.getByRole('heading', { name: 'Điểm danh lớp bồi dưỡng' }).waitFor();
    await page.getByRole('link', { name: `Mở bảng điểm danh lớp ${RUN_ID}` }).waitFor();
    expect(await page.getByRole('link', { name: /RUN-KHAC-1/ }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-runs');
  });

  it('takes marks for two sessions in the grid and saves them in one batch', async () => {
    await page.getByRole('link', { name: `Mở bảng điểm danh lớp ${RUN_ID}` }).click();
    await page.getByRole('heading', { name: `Bảng điểm danh lớp ${RUN_ID}` }).waitFor();
    const marks: Record<string, string> = {
      'HV01/S1': 'Có mặt', 'HV02/S1': 'Vắng', 'HV03/S1': 'Đi muộn', 'HV04/S1': 'Có mặt',
      'HV01/S2': 'Có mặt', 'HV02/S2': 'Có mặt', 'HV03/S2': 'Vắng',
    };
    for (const [cell, label] of Object.entries(marks)) {
      const [traineeId, sessionId] = cell.split('/');
      await page.getByLabel(`Điểm danh ${traineeId}, buổi ${sessionId}`).selectOption({ label });
    }
    // Tomorrow's session cannot be marked yet: the service says so for that mark alone.
    await page.getByLabel('Điểm danh HV05, buổi S3').selectOption({ label: 'Có mặt' });
    await page.getByText('Chưa lưu: 8 điểm danh').waitFor();
    await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await page.getByText('Đã ghi nhận 7, trùng 0, xung đột 0, bị từ chối 1').waitFor();

    const cells = await sheetHolds({ 'HV01/S1': 'present', 'HV02/S1': 'absent', 'HV03/S1': 'late', 'HV04/S1': 'present', 'HV01/S2': 'present', 'HV02/S2': 'present', 'HV03/S2': 'absent' });
    expect(cells.has('HV05/S3')).toBe(false);
    const rejected = page.locator('tr[data-trainee="HV05"] td[data-session="S3"]');
    expect(await rejected.getAttribute('data-result')).toBe('rejected');
    await expect(rejected.textContent()).resolves.toContain('Bị từ chối: thời điểm điểm danh nằm ngoài giờ buổi học');
    await page.getByRole('button', { name: 'Lịch sử điểm danh HV02, buổi S1: Vắng' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-grid');
  });

  it('corrects a recorded mark with a reason and shows the cell’s history', async () => {
    await page.getByRole('button', { name: 'Lịch sử điểm danh HV03, buổi S2: Vắng' }).click();
    await page.getByRole('heading', { name: 'Lịch sử: HV03, buổi S2' }).waitFor();
    await page.getByLabel('Trạng thái mới').selectOption({ label: 'Vắng có phép' });
    await page.getByLabel('Lý do sửa').fill('Có giấy nghỉ ốm nộp ngày hôm sau');
    await page.getByRole('button', { name: 'Ghi nhận sửa đổi' }).click();
    await page.getByText('Đã ghi nhận sửa đổi.').waitFor();
    const steps = page.getByRole('list', { name: 'Lịch sử: HV03, buổi S2' }).getByRole('listitem');
    await steps.nth(1).waitFor();
    const texts = await steps.allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Điểm danh Vắng — bởi console:institution-integration@HVNG');
    expect(texts[1]).toContain('Sửa Vắng → Vắng có phép — bởi console:institution-integration@HVNG');
    expect(texts[1]).toContain('Lý do: Có giấy nghỉ ốm nộp ngày hôm sau');
    const cells = await sheetHolds({ 'HV03/S2': 'excused' });
    expect(cells.get('HV03/S2')).toMatchObject({ corrected: true });
    await page.getByRole('button', { name: 'Lịch sử điểm danh HV03, buổi S2: Vắng có phép' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-history');
  });

  it('exports the grid as CSV and imports marks, naming the malformed row', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const exported = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(exported[0]).toBe('traineeId,S1,S2,S3');
    expect(exported).toContain('HV03,late,excused,');
    expect(exported).toContain('HV05,,,');

    const csv = ['traineeId,S1,S2,S3', 'HV01,present,present,', 'HV04,có mặt,vắng,', 'HV03,late,ngủ gật,', 'HV05,present,đi muộn,', ''].join('\r\n');
    await page.getByLabel('Nhập CSV điểm danh').setInputFiles({ name: 'diem-danh.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect(report.getByRole('list', { name: /Hàng không đọc được/ }).textContent()).resolves.toBe('Hàng 4: không hiểu trạng thái: S2: ngủ gật');
    const results = report.getByRole('list', { name: 'Kết quả từng điểm danh' }).getByRole('listitem');
    expect(await results.evaluateAll((items) => items.map((item) => item.getAttribute('data-result')))).toEqual(['accepted', 'accepted', 'accepted']);
    await expect(report.textContent()).resolves.toContain('3 ô trùng với điểm danh đã ghi, bỏ qua.');
    await sheetHolds({ 'HV04/S2': 'absent', 'HV05/S1': 'present', 'HV05/S2': 'late', 'HV03/S2': 'excused', 'HV03/S1': 'late' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-import');
  });

  it('records a score in the assessment column', async () => {
    await page.getByLabel('Điểm của HV01').fill('82');
    await page.getByRole('button', { name: 'Lưu kết quả đánh giá' }).click();
    await page.locator('td[data-assessment="HV01"]', { hasText: '82/100 · Đạt' }).waitFor();
    const answer = await callService(system, 'courseDelivery', admin, `/runs/${RUN_ID}/assessments`);
    expect(answer.body.assessments).toEqual([{ traineeId: 'HV01', score: 82, maxScore: 100, passed: true }]);
  });

  it('shows the programme office every run and a grid it may only correct', async () => {
    await signInAs('programme-admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Điểm danh' }).click();
    await page.getByRole('link', { name: /RUN-KHAC-1/ }).waitFor();
    await page.getByRole('link', { name: `Mở bảng điểm danh lớp ${RUN_ID}` }).click();
    await page.getByRole('button', { name: 'Lịch sử điểm danh HV01, buổi S1: Có mặt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Lưu điểm danh' }).count()).toBe(0);
    expect(await page.getByLabel('Nhập CSV điểm danh').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-grid-office');
  });
});
