import { buildServices, freePort, ServiceProcess } from '@training-ledger/test-servers';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';

const AGENCY = 'BTP';
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const vietnameseToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The console as an agency's HR officer uses it (Bộ Tư pháp): rosters, trainees, nominations and the
 * spreadsheet import, in a real browser against the four services on the real servers.
 */
describe('the console for an agency', () => {
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let agencyToken: string;
  let files: string;
  const runId = 'RUN-AGENCY-001';

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${consoleApp.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return { body: (await response.json()) as unknown, total: Number(response.headers.get('x-total-count') ?? Number.NaN) };
  };

  beforeAll(async () => {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    system = await SystemProcesses.start('console-agency');
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
    const admin = await system.mint('programme-admin');
    agencyToken = await system.mint('agency-integration', { agencyId: AGENCY });
    await call(admin, 'POST', '/api/enrolment/agencies', { code: AGENCY, nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' });
    // A run open for nominations: it starts in two months, and nominations close in one.
    await call(admin, 'POST', '/api/course-delivery/courses', {
      courseId: 'UNI-NEG',
      code: 'UNI-NEG',
      titleVi: 'Kỹ năng đàm phán quốc tế',
      titleEn: 'International negotiation',
      trainingGroup: 'skills-and-style',
      level: 'universal',
      sector: null,
      requirementGroups: ['skills-and-style'],
      format: 'in-person',
      lengthDays: 1,
      lengthHours: 7,
      languages: ['vi'],
      eligibleTargetGroups: ['regular', 'non-regular'],
      eligibleRanks: ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
    });
    const startDate = addDays(vietnameseToday(), 60);
    await call(admin, 'POST', '/api/course-delivery/runs', {
      runId,
      courseId: 'UNI-NEG',
      providerInstitutionId: 'HVNG',
      hostAgencyId: null,
      venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
      startDate,
      endDate: startDate,
      nominationDeadline: addDays(vietnameseToday(), 30),
      capacity: 30,
      agencyQuotas: [],
      waitlistPolicy: 'auto-approve',
      sessions: [{ sessionId: 'S1', date: startDate, startsAt: `${startDate}T08:00:00+07:00`, endsAt: `${startDate}T11:30:00+07:00` }],
      lecturers: [{ lecturerId: `${runId}-L1`, name: 'Trần Thị Mai', origin: 'vietnamese', affiliation: 'Học viện Ngoại giao' }],
    });
    await system.waitForQuiet();
    files = mkdtempSync(join(tmpdir(), 'console-agency-'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption('agency-integration');
    await page.getByLabel('Mã cơ quan').fill(AGENCY);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const open = async (link: string, heading: string) => {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const trainees = async () => (await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/trainees`)).body as { trainees: { traineeId: string }[] };
  const until = async <T>(read: () => Promise<T>, holds: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; attempt < 80; attempt += 1) {
      const value = await read();
      if (holds(value)) return value;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error('the services never came to hold what was expected');
  };

  it('declares a roster and shows the one in force', async () => {
    await page.getByRole('heading', { name: 'Danh sách cán bộ thuộc diện bồi dưỡng' }).waitFor();
    await page.getByLabel('Thường xuyên (trực tiếp)').fill('120');
    await page.getByLabel('Không thường xuyên').fill('45');
    await page.getByRole('button', { name: 'Khai báo', exact: true }).click();
    await page.getByTestId('roster-in-force').getByText('Tổng 165').waitFor();
    const history = (await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/rosters`)).body as { regular: number; nonRegular: number }[];
    expect(history).toEqual([expect.objectContaining({ regular: 120, nonRegular: 45 })]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-agency-rosters');
  });

  it('imports trainees from the XLSX template: a per-row report first, then each valid row recorded once', async () => {
    await open('Nhập từ bảng tính', 'Nhập từ bảng tính');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Mẫu XLSX' }).click()]);
    const template = join(files, 'mau-trainees.xlsx');
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Họ và tên (fullName)', 'Ngày sinh (YYYY-MM-DD) (dateOfBirth)', 'Mã cán bộ (staffNumber)']));
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((header) => /\((\w+)\)$/.exec(String(header))?.[1]);
    const row = (values: Record<string, unknown>) => headers.map((key) => (key ? (values[key] ?? null) : null));
    const common = { targetGroup: 'regular', rank: 'specialist', leadership: 'không', sector: 'Pháp luật quốc tế' };
    sheet.addRow(row({ fullName: 'Nguyễn Thị Hồng', dateOfBirth: '1988-02-14', staffNumber: 'BTP-1101', ...common }));
    sheet.addRow(row({ fullName: 'Lê Minh Tâm', dateOfBirth: '1990-02-30', staffNumber: 'BTP-1102', ...common }));
    sheet.addRow(row({ fullName: 'Đặng Văn Đức', dateOfBirth: new Date(Date.UTC(1979, 8, 30)), staffNumber: 'BTP-1103', ...common, leadership: 'có' }));
    const upload = join(files, 'hoc-vien-btp.xlsx');
    await workbook.xlsx.writeFile(upload);

    await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(upload);
    await page.getByRole('heading', { name: 'Kết quả kiểm tra hoc-vien-btp.xlsx' }).waitFor();
    await page.getByText('2 dòng sẽ được ghi, 0 dòng đã có, 1 dòng sai, 0 dòng bị từ chối.').waitFor();
    await page.getByText(/^Dòng 3: dateOfBirth — dateOfBirth must be a calendar date/).waitFor();
    expect((await trainees()).trainees).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-agency-import-checked');

    await page.getByRole('button', { name: 'Ghi nhận 2 dòng hợp lệ' }).click();
    await page.getByText('Đã ghi 2 dòng; 0 dòng đã có từ trước; 0 dòng không ghi được.').waitFor();
    await screenshot(page, 'console-agency-import-recorded');
    const recorded = await until(trainees, (view) => view.trainees.length === 2);

    // The same file again: every valid row is already recorded, and nothing is recorded twice.
    await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(upload);
    await page.getByText('0 dòng sẽ được ghi, 2 dòng đã có, 1 dòng sai, 0 dòng bị từ chối.').waitFor();
    await page.getByText('Không có dòng nào để ghi.').waitFor();
    await screenshot(page, 'console-agency-import-again');
    await new Promise((wait) => setTimeout(wait, 1_000));
    const after = await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/trainees`);
    expect(after.total).toBe(2);
    expect(after.body).toEqual(recorded);
    const hong = (await call(agencyToken, 'GET', `/api/enrolment/trainees/${recorded.trainees[0]!.traineeId}`)).body as { personalData: { fullName: string } };
    expect(['Nguyễn Thị Hồng', 'Đặng Văn Đức']).toContain(hong.personalData.fullName);
  });

  it('imports a roster from CSV, naming the malformed row by its number', async () => {
    const csv = join(files, 'danh-sach-btp.csv');
    writeFileSync(
      csv,
      '\uFEFFTính đến ngày (YYYY-MM-DD) (asOf),Số cán bộ thường xuyên (regular),Số cán bộ không thường xuyên (nonRegular)\r\n' +
        '2027-01-01,130,50\r\n2027-07-01,nhiều,50\r\n',
    );
    await page.getByLabel('Loại dữ liệu').selectOption('rosters');
    await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(csv);
    await page.getByText('1 dòng sẽ được ghi, 0 dòng đã có, 1 dòng sai, 0 dòng bị từ chối.').waitFor();
    await page.getByText(/^Dòng 3: regular — /).first().waitFor();
    await page.getByRole('button', { name: 'Ghi nhận 1 dòng hợp lệ' }).click();
    await page.getByText('Đã ghi 1 dòng; 0 dòng đã có từ trước; 0 dòng không ghi được.').waitFor();
    await screenshot(page, 'console-agency-import-roster-csv');
    const history = await until(
      async () => (await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/rosters`)).body as { asOf: string; regular: number }[],
      (list) => list.length === 2,
    );
    expect(history[0]).toMatchObject({ asOf: '2027-01-01', regular: 130, nonRegular: 50 });
  });

  it('finds a trainee by name typed without diacritics, and shows the profile', async () => {
    await open('Học viên', 'Học viên');
    await page.getByRole('status').getByText('2 học viên').waitFor();
    await page.getByLabel('Tìm theo họ tên').fill('nguyen thi hong');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('status').getByText('1 học viên').waitFor();
    await page.locator('tbody tr[data-trainee]').first().getByRole('button').click();
    await page.getByText('Nguyễn Thị Hồng').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-agency-trainees');
  });

  it('nominates a trainee to an open run and withdraws the nomination', async () => {
    await open('Đề cử', 'Đề cử');
    await page.getByRole('button', { name: `Chọn lớp ${runId}` }).click();
    const form = page.getByRole('form', { name: `Cử cán bộ vào lớp ${runId}` });
    await form.getByRole('checkbox').first().check();
    await form.getByRole('button', { name: 'Cử' }).click();
    await page.getByText('Đã cử 1, đã có trước 0, bị từ chối 0.').waitFor();
    const nominated = await until(
      async () => (await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/nominations`)).body as { status: string; traineeId: string }[],
      (list) => list.length === 1,
    );
    expect(nominated[0]).toMatchObject({ status: 'submitted' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-agency-nominations');

    await page.getByRole('button', { name: `Rút cử ${nominated[0]!.traineeId} khỏi lớp ${runId}` }).click();
    await until(
      async () => (await call(agencyToken, 'GET', `/api/enrolment/agencies/${AGENCY}/nominations`)).body as { status: string }[],
      (list) => list[0]?.status === 'withdrawn',
    );
  });
});
