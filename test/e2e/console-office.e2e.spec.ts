import { buildServices, eventually, freePort, ServiceProcess } from '@training-ledger/test-servers';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar date in Viet Nam some days from today. */
const daysFromToday = (days: number) => new Date(Date.now() + days * DAY_MS + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

const COURSE_ID = 'KN-DP-07';
const RUN_ID = 'KN-DP-07-2027-1';
const TRAINEES = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Bình', 'Lê Minh Châu'];

/**
 * The programme office's screens in a real browser, against the four services on the real servers:
 * a course defined through the form, a run scheduled, nominations an agency sent decided in bulk.
 */
describe('the console: the programme office', () => {
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let agency: string;

  const call = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${consoleApp.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
  };
  const expectAccessibleAndShoot = async (name: string) => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, name);
  };

  beforeAll(async () => {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    system = await SystemProcesses.start('console-office');
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
    agency = await system.mint('agency-integration', { agencyId: 'BTP' });
    expect((await call(admin, 'POST', '/api/enrolment/agencies', { code: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' })).status).toBe(200);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption('programme-admin');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name });

  it('defines a course through the form, showing the service’s field errors beside the fields', async () => {
    await nav('Danh mục khóa bồi dưỡng').click();
    await page.getByRole('heading', { name: 'Danh mục khóa bồi dưỡng' }).waitFor();
    await page.getByText('Không có khóa học nào khớp.').waitFor();
    await page.getByRole('link', { name: 'Định nghĩa khóa học mới' }).click();
    await page.getByRole('heading', { name: 'Định nghĩa khóa học' }).waitFor();
    await page.getByLabel('Mã định danh khóa học').fill(COURSE_ID);
    await page.getByLabel('Mã danh mục').fill(COURSE_ID);
    await page.getByLabel('Tên khóa học (tiếng Việt)').fill('Kỹ năng đàm phán quốc tế');
    await page.getByLabel('Tên khóa học (tiếng Anh)').fill('International negotiation skills');
    await page.getByLabel('Cấp độ').selectOption('advanced');
    await page.getByLabel('Nhóm bồi dưỡng').selectOption('skills-and-style');
    await page.getByLabel('Số ngày').fill('5');
    await page.getByLabel('Số giờ').fill('40');
    await page.getByLabel('Chuyên viên').check();
    await page.getByLabel('Cấp phòng').check();
    await page.getByLabel('Tỷ lệ tham dự tối thiểu').fill('80%');
    await page.getByRole('button', { name: 'Lưu khóa học' }).click();

    // Nothing chosen for the requirement groups, and a share written as a percentage: the service names both.
    await page.locator('#course-minAttendanceShare-error').waitFor();
    expect(await page.locator('#course-minAttendanceShare-error').textContent()).toContain('minAttendanceShare');
    expect(await page.locator('#course-requirementGroups-error').textContent()).toContain('requirementGroups');
    expect(await page.getByLabel('Tỷ lệ tham dự tối thiểu').getAttribute('aria-invalid')).toBe('true');
    expect((await call(admin, 'GET', `/api/course-delivery/courses/${COURSE_ID}`)).status).toBe(404);
    await expectAccessibleAndShoot('console-office-course-form-errors');

    await page.getByLabel('Tỷ lệ tham dự tối thiểu').fill('0.8000');
    await page.getByLabel('Kỹ năng, phong cách').check();
    await page.getByRole('button', { name: 'Lưu khóa học' }).click();
    await page.getByRole('heading', { name: `${COURSE_ID} — Kỹ năng đàm phán quốc tế` }).waitFor();
    await page.getByRole('heading', { name: 'Các phiên bản điều kiện hoàn thành' }).waitFor();
    expect(await page.getByRole('row', { name: /^1 / }).getByRole('cell').nth(1).textContent()).toBe('80%');
    const stored = await call(admin, 'GET', `/api/course-delivery/courses/${COURSE_ID}`);
    expect(stored.body).toMatchObject({ courseId: COURSE_ID, level: 'advanced', requirementGroups: ['skills-and-style'], eligibleRanks: ['division-level', 'specialist'] });
    await expectAccessibleAndShoot('console-office-course-detail');

    await page.getByRole('link', { name: 'Về danh mục' }).click();
    await page.getByLabel('Tìm theo tên khóa học').fill('dam phan quoc');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('link', { name: 'Kỹ năng đàm phán quốc tế' }).waitFor();
    await page.getByText('1–1 trong 1').waitFor();
    await expectAccessibleAndShoot('console-office-catalogue');
  });

  it('schedules a run through the form, shows its timetable, lecturers and quotas, and the service’s refusal of an action', async () => {
    await nav('Lớp bồi dưỡng').click();
    await page.getByRole('heading', { name: 'Lớp bồi dưỡng' }).waitFor();
    await page.getByText('Không có lớp nào khớp.').waitFor();
    await page.getByRole('link', { name: 'Lên lịch lớp mới' }).click();
    await page.getByRole('heading', { name: 'Lên lịch lớp bồi dưỡng' }).waitFor();
    const sessionDay = daysFromToday(30);
    await page.getByLabel('Mã khóa học').fill(COURSE_ID);
    await page.getByLabel('Mã lớp').fill(RUN_ID);
    await page.getByLabel('Địa điểm').fill('Học viện Ngoại giao, 69 Chùa Láng, Hà Nội');
    await page.getByLabel('Ngày khai giảng').fill(sessionDay);
    await page.getByLabel('Ngày bế giảng').fill(daysFromToday(31));
    await page.getByLabel('Hạn cử cán bộ').fill(daysFromToday(20));
    await page.getByLabel('Số chỗ', { exact: true }).fill('0');
    await page.getByLabel('Chỉ tiêu').fill('BTP=2');
    await page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
    await page.locator('#run-capacity-error').waitFor();
    expect(await page.locator('#run-capacity-error').textContent()).toContain('capacity must be at least 1');
    expect((await call(admin, 'GET', `/api/course-delivery/runs/${RUN_ID}`)).status).toBe(404);
    await expectAccessibleAndShoot('console-office-schedule-errors');

    await page.getByLabel('Số chỗ', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
    await page.getByRole('heading', { name: `Lớp ${RUN_ID}` }).waitFor();
    const session = { sessionId: 'S1', date: sessionDay, startsAt: `${sessionDay}T08:00:00+07:00`, endsAt: `${sessionDay}T11:30:00+07:00` };
    expect((await call(admin, 'POST', `/api/course-delivery/runs/${RUN_ID}/sessions`, session)).status).toBe(200);
    const lecturer = { lecturerId: 'L-ASEAN-07', name: 'Maria Santos', origin: 'foreign', affiliation: 'ASEAN Secretariat' };
    expect((await call(admin, 'POST', `/api/course-delivery/runs/${RUN_ID}/lecturers`, lecturer)).status).toBe(200);
    await eventually('the run shows its lecturer', async () => {
      const run = await call(admin, 'GET', `/api/course-delivery/runs/${RUN_ID}`);
      return ((run.body as { lecturers?: unknown[] }).lecturers ?? []).length === 1 ? true : null;
    });

    await page.getByRole('link', { name: 'Về danh sách lớp' }).click();
    await page.getByRole('heading', { name: 'Lớp bồi dưỡng' }).waitFor();
    await page.getByLabel('Trạng thái').selectOption('scheduled');
    await page.getByLabel('Mã khóa học').fill(COURSE_ID);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByRole('link', { name: RUN_ID }).waitFor();
    await expectAccessibleAndShoot('console-office-runs');

    await page.getByRole('link', { name: RUN_ID }).click();
    await page.getByRole('heading', { name: 'Thời khóa biểu' }).waitFor();
    expect(await page.getByRole('row', { name: /Maria Santos/ }).getByRole('cell').allTextContents()).toEqual(['ASEAN Secretariat', 'Có']);
    expect(await page.getByRole('row', { name: /^BTP/ }).getByRole('cell').allTextContents()).toEqual(['2']);

    await page.getByRole('button', { name: 'Bế giảng' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^Dịch vụ từ chối: 4\d\d /);
    await expectAccessibleAndShoot('console-office-run-refused');

    await page.getByLabel('Số chỗ', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Đổi lịch' }).click();
    await page.getByText('Đã ghi nhận: Đã lên lịch.').waitFor();
    await eventually('the run holds four seats', async () => {
      const run = await call(admin, 'GET', `/api/course-delivery/runs/${RUN_ID}`);
      return (run.body as { capacity?: number }).capacity === 4 ? true : null;
    });
    await expectAccessibleAndShoot('console-office-run-detail');
  });

  it('approves two of an agency’s nominations in bulk from the queue, and enrolment then holds them approved', async () => {
    const traineeIds: string[] = [];
    for (const [index, fullName] of TRAINEES.entries()) {
      const registered = await call(agency, 'POST', '/api/enrolment/agencies/BTP/trainees', {
        targetGroup: 'regular', rank: 'specialist', leadership: index === 0, sector: null,
        fullName, dateOfBirth: '1990-04-12', staffNumber: `BTP-00${index}`,
      });
      expect(registered.status).toBe(200);
      traineeIds.push((registered.body as { traineeId: string }).traineeId);
    }
    // Enrolment learns of the run over Kafka; until then it refuses nominations to it.
    const submitted = await eventually('enrolment takes the nominations', async () => {
      const answer = await call(agency, 'POST', `/api/enrolment/runs/${RUN_ID}/nominations`, { nominations: traineeIds.map((traineeId) => ({ traineeId })) }, { 'Idempotency-Key': randomUUID() });
      return answer.status === 200 && (answer.body as { accepted: number }).accepted === 3 ? (answer.body as { items: { nominationId: string }[] }) : null;
    }, 120_000);
    const nominationIds = submitted.items.map((item) => item.nominationId);

    await nav('Hàng chờ đề cử').click();
    await page.getByRole('heading', { name: 'Hàng chờ đề cử' }).waitFor();
    await page.getByLabel('Mã lớp').fill(RUN_ID);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await eventually('the queue shows the three nominations', async () => {
      if ((await page.locator('tbody tr[data-nomination]').count()) === 3) return true;
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForTimeout(500);
      return null;
    });
    await page.getByText(`Lớp ${RUN_ID}: đã duyệt 0/4 chỗ`).waitFor();
    await page.getByText('BTP: 0/2 chỉ tiêu').waitFor();
    await expectAccessibleAndShoot('console-office-queue');

    await page.getByLabel(`Chọn ${TRAINEES[0]}`).check();
    await page.getByLabel(`Chọn ${TRAINEES[1]}`).check();
    await page.getByText('Đã chọn 2 đề cử').waitFor();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText('Đã ghi nhận 2, đã xử lý trước 0, bị từ chối 0.').waitFor();
    const outcomes = await page.locator('[data-results] li[data-outcome="accepted"]').allTextContents();
    expect(outcomes.sort()).toEqual(TRAINEES.slice(0, 2).map((name) => `${name}: Đã ghi nhận`).sort());

    const approved = await eventually('enrolment holds the two approved', async () => {
      const list = await call(admin, 'GET', `/api/enrolment/nominations?runId=${RUN_ID}&status=approved`);
      const ids = (list.body as { nominationId: string }[]).map((entry) => entry.nominationId);
      return ids.length === 2 ? ids : null;
    });
    expect(approved.sort()).toEqual(nominationIds.slice(0, 2).sort());
    await eventually('the meters count the approvals', async () => {
      if (await page.getByText('BTP: 2/2 chỉ tiêu').isVisible()) return true;
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForTimeout(500);
      return null;
    });
    await expectAccessibleAndShoot('console-office-queue-decided');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Nominations queue' }).waitFor();
    await expectAccessibleAndShoot('console-office-queue-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });
});
