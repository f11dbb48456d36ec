import { eventually } from '@training-ledger/test-servers';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './console-browser';
import { ConsoleSystem, expectAccessibleAndShoot } from './support/console-system';
import { dayText } from '../../services/console/web/src/dates';

const DAY_MS = 86_400_000;
/** A calendar date in Viet Nam, days from today. */
const vietnamDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10);
const at = (day: string, time: string) => `${day}T${time}+07:00`;

const AGENCY = 'SNV-HN';
const RUN_ID = 'JOURNEY-DP-2027-1';
const COURSE_ID = 'JOURNEY-DP';
const TRAINEES = [
  { traineeId: 'HN-0001', fullName: 'Nguyễn Thị Hồng Nhung' },
  { traineeId: 'HN-0002', fullName: 'Trần Văn Bình' },
  { traineeId: 'HN-0003', fullName: 'Lê Minh Châu' },
];
const [day1, day2] = [vietnamDay(-2), vietnamDay(-1)];
/** The day the run ended: an evaluation as of a day that has not ended everywhere is refused. */
const AS_OF = vietnamDay(-1);

/**
 * One run of the programme through the console, each role in its own browser session, chained as the
 * people who run it would: the office schedules a run, a province imports its nominations from an
 * XLSX file, the office approves them in bulk, the institution takes attendance in the grid, the
 * certifier issues, a phone opens the QR code's URL and reads "valid", the evaluator issues an
 * evaluation, the auditor replays it and reads "identical", and the monitor sees the dashboard change.
 * The run's past steps are taken at the programme's simulated time; attendance onwards is today.
 */
describe('the console: one run, every role, chained', () => {
  let consoleSystem: ConsoleSystem;
  let context: BrowserContext;
  let page: Page;
  let files: string;
  let simulatedNow: string | null = null;
  let admin: string;
  let evaluationId = '';

  const call = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    consoleSystem.call(token, method, path, body, simulatedNow ? { 'x-simulated-now': simulatedNow } : {});
  const succeeded = async (token: string, path: string, body: unknown) => {
    const answer = await call(token, 'POST', path, body);
    if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const signInAs = (role: string, bound: { agencyId?: string; institutionId?: string } = {}) => consoleSystem.signIn(page, role, bound);
  const open = (link: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: link, exact: true }).click();
  /** Within the app: a full page load would forget the token, which lives in memory only. */
  const openRun = async () => {
    await open('Lớp bồi dưỡng');
    await page.getByRole('link', { name: RUN_ID }).click();
    await page.getByRole('heading', { name: `Lớp ${RUN_ID}` }).waitFor();
  };
  const trainedAt = async (agencyName: string) => {
    const row = page.getByRole('row', { name: new RegExp(`^${agencyName}`) });
    await row.waitFor();
    return (await row.getByRole('cell').allTextContents())[1];
  };

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'console-journey-'));
    consoleSystem = await ConsoleSystem.start('console-journey');
    admin = await consoleSystem.system.mint('programme-admin');
    const agency = await consoleSystem.system.mint('agency-integration', { agencyId: AGENCY });
    simulatedNow = at(vietnamDay(-40), '09:00:00');
    await succeeded(admin, '/api/enrolment/agencies', { code: AGENCY, nameVi: 'Sở Nội vụ Hà Nội', nameEn: 'Ha Noi Department of Home Affairs', kind: 'province' });
    await succeeded(agency, `/api/enrolment/agencies/${AGENCY}/rosters`, { asOf: vietnamDay(-40), regular: 30, nonRegular: 10 });
    await succeeded(admin, '/api/course-delivery/courses', {
      courseId: COURSE_ID, code: COURSE_ID, titleVi: 'Kỹ năng đàm phán quốc tế', titleEn: 'International negotiation',
      trainingGroup: 'skills-and-style', level: 'universal', requirementGroups: ['skills-and-style'], format: 'in-person',
      lengthDays: 2, lengthHours: 7, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
    });
    for (const trainee of TRAINEES) {
      await succeeded(agency, `/api/enrolment/agencies/${AGENCY}/trainees`, {
        ...trainee, targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null, dateOfBirth: '1990-04-12', staffNumber: `SNV-${trainee.traineeId}`,
      });
    }
    context = await consoleSystem.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // The browser's calls to the services state the simulated time while the journey is in the past.
    await context.route('**/api/**', (route) =>
      route.continue({ headers: { ...route.request().headers(), ...(simulatedNow ? { 'x-simulated-now': simulatedNow } : {}) } }),
    );
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  }, 600_000);

  afterAll(async () => {
    await consoleSystem?.stop();
    rmSync(files, { recursive: true, force: true });
  }, 300_000);

  it('the monitor sees the province’s roster and nobody trained yet', async () => {
    simulatedNow = null;
    await signInAs('monitor');
    await page.getByRole('heading', { name: 'Tiến độ bồi dưỡng' }).waitFor();
    expect(await trainedAt('Sở Nội vụ Hà Nội')).toBe('0');
    await expectAccessibleAndShoot(page, 'journey-1-monitor-before');
  }, 300_000);

  it('the programme office schedules the run', async () => {
    simulatedNow = at(vietnamDay(-30), '09:00:00');
    await signInAs('programme-admin');
    // The office first looks the province up, without diacritics, and reads its roster history.
    await open('Cơ quan, địa phương');
    await page.getByLabel('Tìm theo mã hoặc tên (không cần dấu)').fill('so noi vu ha');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await eventually('the search leaves one agency', async () => ((await page.locator('[data-agency]').count()) === 1 ? true : null), 30_000);
    await page.getByRole('button', { name: `Xem danh sách cán bộ của ${AGENCY}` }).click();
    const roster = page.locator(`[data-roster="${vietnamDay(-40)}"]`);
    await roster.waitFor();
    expect(await roster.getByRole('cell').allTextContents()).toEqual(['30', '10', '40']);
    await expectAccessibleAndShoot(page, 'journey-2-office-agencies');

    await open('Lớp bồi dưỡng');
    await page.getByRole('heading', { name: 'Lớp bồi dưỡng' }).waitFor();
    await page.getByRole('link', { name: 'Lên lịch lớp mới' }).click();
    await page.getByRole('heading', { name: 'Lên lịch lớp bồi dưỡng' }).waitFor();
    await page.getByLabel('Mã khóa học').fill(COURSE_ID);
    await page.getByLabel('Mã lớp').fill(RUN_ID);
    await page.getByLabel('Địa điểm').fill('Học viện Ngoại giao, 69 Chùa Láng, Hà Nội');
    await page.getByLabel('Ngày khai giảng').fill(day1);
    await page.getByLabel('Ngày bế giảng').fill(day2);
    await page.getByLabel('Hạn cử cán bộ').fill(vietnamDay(-10));
    await page.getByLabel('Số chỗ', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
    await page.getByRole('heading', { name: `Lớp ${RUN_ID}` }).waitFor();
    for (const [sessionId, day] of [['S1', day1], ['S2', day2]] as const) {
      await succeeded(admin, `/api/course-delivery/runs/${RUN_ID}/sessions`, { sessionId, date: day, startsAt: at(day, '08:00:00'), endsAt: at(day, '11:30:00') });
    }
    await expectAccessibleAndShoot(page, 'journey-2-office-scheduled');
  }, 300_000);

  it('the province imports its nominations from an XLSX file: the malformed row is named, the rest recorded', async () => {
    simulatedNow = at(vietnamDay(-20), '09:00:00');
    const agency = await consoleSystem.system.mint('agency-integration', { agencyId: AGENCY });
    await signInAs('agency-integration', { agencyId: AGENCY });
    await open('Nhập từ bảng tính');
    await page.getByRole('heading', { name: 'Nhập từ bảng tính', level: 1 }).waitFor();
    await page.getByLabel('Loại dữ liệu').selectOption('nominations');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Mẫu XLSX' }).click()]);
    const template = join(files, 'mau-de-cu.xlsx');
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((header) => /\((\w+)\)$/.exec(String(header))?.[1]);
    const row = (values: Record<string, string>) => headers.map((key) => (key ? (values[key] ?? null) : null));
    for (const { traineeId } of TRAINEES) sheet.addRow(row({ runId: RUN_ID, traineeId }));
    sheet.addRow(row({ runId: RUN_ID }));
    const upload = join(files, 'de-cu-so-noi-vu-ha-noi.xlsx');
    await workbook.xlsx.writeFile(upload);

    // Enrolment learns of the run over Kafka; until then its check refuses the rows.
    await eventually('enrolment knows the run', async () => {
      const check = await call(agency, 'POST', `/api/enrolment/agencies/${AGENCY}/nominations/check`, { rows: [{ runId: RUN_ID, traineeId: TRAINEES[0]!.traineeId }] });
      return JSON.stringify(check.body).includes('"result":"accepted"') ? true : null;
    }, 120_000);
    await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(upload);
    await page.getByRole('heading', { name: 'Kết quả kiểm tra de-cu-so-noi-vu-ha-noi.xlsx' }).waitFor();
    await screenshot(page, 'journey-3-province-import-checked');
    await page.getByText('3 dòng sẽ được ghi, 0 dòng đã có, 1 dòng sai, 0 dòng bị từ chối.').waitFor();
    await page.getByText(/^Dòng 5: traineeId/).waitFor();
    await expectAccessibleAndShoot(page, 'journey-3-province-import-checked');
    await page.getByRole('button', { name: 'Ghi nhận 3 dòng hợp lệ' }).click();
    await page.getByText('Đã ghi 3 dòng; 0 dòng đã có từ trước; 0 dòng không ghi được.').waitFor();
    // The list and its total are two reads of a view still being written: both must have caught up.
    const submitted = await eventually('enrolment holds three submitted nominations', async () => {
      const list = await call(admin, 'GET', `/api/enrolment/nominations?runId=${RUN_ID}&status=submitted`);
      return (list.body as unknown[]).length === 3 && Number(list.headers.get('x-total-count')) === 3 ? list : null;
    });
    expect((submitted.body as unknown[]).length).toBe(3);
    expect(Number(submitted.headers.get('x-total-count'))).toBe(3);
  }, 300_000);

  it('the programme office approves them in bulk from the queue', async () => {
    simulatedNow = at(vietnamDay(-15), '09:00:00');
    await signInAs('programme-admin');
    await open('Hàng chờ đề cử');
    await page.getByRole('heading', { name: 'Hàng chờ đề cử' }).waitFor();
    await page.getByLabel('Mã lớp').fill(RUN_ID);
    await page.getByRole('button', { name: 'Lọc' }).click();
    for (const { fullName } of TRAINEES) await page.getByLabel(`Chọn ${fullName}`).check();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText('Đã ghi nhận 3, đã xử lý trước 0, bị từ chối 0.').waitFor();
    await expectAccessibleAndShoot(page, 'journey-4-office-approved');
    await eventually('the approved trainees reach course delivery', async () => {
      const roster = await call(admin, 'GET', `/api/course-delivery/runs/${RUN_ID}/roster`);
      return ((roster.body as { traineeIds?: string[] }).traineeIds ?? []).length === 3 ? true : null;
    });
    simulatedNow = at(day1, '07:30:00');
    await openRun();
    await page.getByRole('button', { name: 'Khai giảng' }).click();
    await page.getByText('Đã ghi nhận: Đã khai giảng.').waitFor();
  }, 300_000);

  it('the institution takes attendance in the grid', async () => {
    simulatedNow = null;
    await signInAs('institution-integration', { institutionId: 'HVNG' });
    await page.getByRole('link', { name: `Mở bảng điểm danh lớp ${RUN_ID}` }).click();
    await page.getByRole('heading', { name: `Bảng điểm danh lớp ${RUN_ID}` }).waitFor();
    const [present, alsoPresent, absent] = TRAINEES.map((trainee) => trainee.traineeId);
    for (const sessionId of ['S1', 'S2']) {
      await page.getByLabel(`Điểm danh ${present}, buổi ${sessionId}`).selectOption({ label: 'Có mặt' });
      await page.getByLabel(`Điểm danh ${alsoPresent}, buổi ${sessionId}`).selectOption({ label: 'Có mặt' });
      await page.getByLabel(`Điểm danh ${absent}, buổi ${sessionId}`).selectOption({ label: 'Vắng' });
    }
    await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await page.getByText('Đã ghi nhận 6, trùng 0, xung đột 0, bị từ chối 0').waitFor();
    await expectAccessibleAndShoot(page, 'journey-5-institution-attendance');
  }, 300_000);

  it('the office completes the run and the certifier issues in bulk', async () => {
    await signInAs('programme-admin');
    await openRun();
    await page.getByRole('button', { name: 'Bế giảng' }).click();
    await page.getByText('Đã ghi nhận: Đã bế giảng.').waitFor();

    // The token lives in memory: the screen is opened again, not reloaded.
    await eventually('certification offers the run', async () => {
      await signInAs('certifier');
      await open('Cấp chứng nhận');
      await page.getByRole('heading', { name: 'Cấp chứng nhận bồi dưỡng' }).waitFor();
      return (await page.getByRole('button', { name: `Xem danh sách đủ điều kiện: ${RUN_ID}` }).count()) === 1 ? true : null;
    }, 120_000);
    await page.getByRole('button', { name: `Xem danh sách đủ điều kiện: ${RUN_ID}` }).click();
    await page.getByRole('heading', { name: `${RUN_ID}: Học viên đủ điều kiện chưa được cấp (2)` }).waitFor();
    for (const trainee of TRAINEES.slice(0, 2)) await page.getByLabel(`Họ và tên của ${trainee.traineeId}`).fill(trainee.fullName);
    await page.getByLabel('Chọn tất cả').check();
    await page.getByRole('button', { name: 'Cấp chứng nhận cho 2 học viên đã chọn' }).click();
    await page.getByRole('heading', { name: 'Kết quả cấp: 2 đã cấp, 0 bị từ chối' }).waitFor();
    await expectAccessibleAndShoot(page, 'journey-6-certifier-issued');
  }, 300_000);

  it('a phone opens the URL of the QR code and reads that the certificate is valid, with its printed fields', async () => {
    const certifier = await consoleSystem.system.mint('certifier');
    const certificates = (await call(certifier, 'GET', `/api/certification/certificates?runId=${RUN_ID}`)).body as {
      certificateNumber: string;
      verificationCode: string;
      holderName: string;
    }[];
    const first = certificates.find((certificate) => certificate.holderName === TRAINEES[0]!.fullName)!;
    const phone = await consoleSystem.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const phonePage = await phone.newPage();
    const response = await phonePage.goto(`${consoleSystem.system.urls.certification}/verify/${first.verificationCode}`);
    expect(response?.status()).toBe(200);
    expect(await phonePage.locator('[role=status] h1').innerText()).toContain('Hợp lệ');
    for (const printed of [first.holderName, first.certificateNumber, 'Kỹ năng đàm phán quốc tế']) await phonePage.getByText(printed).first().waitFor();
    await expectAccessibleAndShoot(phonePage, 'journey-7-phone-verifies');
    await phone.close();
  }, 300_000);

  it('the province reads its people’s certificates and attendance and rates the run; the office reads the feedback', async () => {
    await signInAs('agency-integration', { agencyId: AGENCY });
    await open('Kết quả bồi dưỡng');
    await page.getByRole('heading', { name: 'Kết quả bồi dưỡng của cán bộ' }).waitFor();
    await page.getByText('2 chứng nhận').waitFor();
    expect(await page.locator('[data-certificate]').count()).toBe(2);
    expect(await page.locator('[data-certificate]').first().innerText()).toContain('Còn hiệu lực');
    await page.getByRole('button', { name: `Xem lớp ${RUN_ID}` }).click();
    const absentee = page.locator(`[data-run-shares="${RUN_ID}"] [data-trainee="${TRAINEES[2]!.traineeId}"]`);
    await absentee.waitFor();
    expect(await absentee.innerText()).toContain('0 / 2');
    expect(await absentee.innerText()).toContain('dưới mức 80,00 %');
    expect(await page.locator(`[data-run-shares="${RUN_ID}"] [data-trainee="${TRAINEES[0]!.traineeId}"]`).innerText()).toContain('100,00 %');
    await page.getByLabel('Nội dung (1–5)').selectOption('5');
    await page.getByLabel('Giảng viên (1–5)').selectOption('4');
    await page.getByLabel('Ý kiến').fill('Tình huống đàm phán sát thực tế');
    await page.getByRole('button', { name: 'Gửi phản hồi' }).click();
    await page.getByText('Đã ghi nhận phản hồi.').waitFor();
    await page.getByText('Cơ quan đã gửi 1 phản hồi cho lớp này.').waitFor();
    await expectAccessibleAndShoot(page, 'journey-8-province-results');

    await signInAs('programme-admin');
    await open('Phản hồi');
    await page.getByRole('button', { name: `Xem phản hồi lớp ${RUN_ID}` }).click();
    await page.locator('[data-figure="responses"]').filter({ hasText: '1' }).waitFor();
    expect(await page.locator('[data-figure="content"]').innerText()).toBe('5,00');
    await page.getByRole('cell', { name: 'Tình huống đàm phán sát thực tế' }).waitFor();
    await expectAccessibleAndShoot(page, 'journey-9-office-feedback');
  }, 300_000);

  it('the evaluator issues an evaluation, and the auditor replays it: identical', async () => {
    await signInAs('evaluator');
    await open('Đánh giá');
    await page.getByRole('heading', { name: 'Đánh giá sơ kết, tổng kết' }).waitFor();
    await page.getByLabel('Loại').selectOption('ad-hoc');
    await page.getByLabel('Số liệu đến ngày').fill(AS_OF);
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.locator('[data-job-state="succeeded"]').waitFor({ timeout: 180_000 });
    const link = page.getByRole('link', { name: `Đột xuất · ${dayText(AS_OF)}` });
    evaluationId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(evaluationId).not.toBe('');
    await expectAccessibleAndShoot(page, 'journey-10-evaluator-issued');

    await signInAs('auditor');
    await open('Đánh giá');
    await page.getByRole('link', { name: `Đột xuất · ${dayText(AS_OF)}` }).click();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    const outcome = page.locator('[data-replay-outcome="identical"]');
    await outcome.waitFor({ timeout: 180_000 });
    const hashes = await outcome.locator('code').allTextContents();
    expect(hashes.length).toBe(2);
    expect(hashes[0]).toBe(hashes[1]);
    await expectAccessibleAndShoot(page, 'journey-11-auditor-identical');
  }, 300_000);

  it('the monitor sees the dashboard change: two of the province’s people trained', async () => {
    await signInAs('monitor');
    await page.getByRole('heading', { name: 'Tiến độ bồi dưỡng' }).waitFor();
    await eventually('the dashboard counts the two certified', async () => {
      if ((await trainedAt('Sở Nội vụ Hà Nội')) === '2') return true;
      await signInAs('monitor');
      return null;
    });
    await expectAccessibleAndShoot(page, 'journey-12-monitor-after');
  }, 300_000);
});
