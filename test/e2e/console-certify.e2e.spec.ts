import { buildServices, eventually, type ServiceProcess } from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SystemProcesses } from '../simulation/system-processes';
import { buildConsoleWeb, startConsole, launchChromium, screenshot, seriousAccessibilityViolations } from './console-browser';
import { callService, completeRun } from './support/certified-run';
import { dayText } from '../../services/console/web/src/dates';

const AS_OF = '2027-05-31';

/**
 * The certifier's and the evaluators' console screens in a real browser, against the four services
 * on the real servers: certificates issued and revoked through the UI, an evaluation issued, charted,
 * replayed and downloaded. The browser's calls state the programme's simulated time, as every other
 * actor of the simulation does.
 */
describe('the console for certifiers, evaluators and auditors', () => {
  let system: SystemProcesses;
  let consoleApp: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let simulatedNow = '2027-05-20T10:00:00+07:00';
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const trainees = [
    { traineeId: `ui-an-${tag}`, fullName: 'Nguyễn Văn An' },
    { traineeId: `ui-binh-${tag}`, fullName: 'Trần Thị Bình' },
    { traineeId: `ui-cuong-${tag}`, fullName: 'Lê Văn Cường' },
    { traineeId: `ui-dung-${tag}`, fullName: 'Phạm Thị Dung', absent: true },
  ];
  const present = trainees.filter((trainee) => !trainee.absent);
  const absent = trainees.find((trainee) => trainee.absent)!;
  let runId: string;
  let evaluationId: string;

  beforeAll(async () => {
    await Promise.all([buildServices(), buildConsoleWeb()]);
    system = await SystemProcesses.start('console-certify');
    consoleApp = await startConsole(system);
    runId = await completeRun(system, `UI-${tag}`, trainees);
    await eventually('certification judged the absent trainee too', async () => {
      const preview = await callService(system, 'certification', await system.mint('certifier'), `/runs/${runId}/eligibility`);
      return preview.text.includes(absent.traineeId) ? preview : null;
    });
    const roster = await callService(system, 'enrolment', await system.mint('agency-integration', { agencyId: 'BTP' }), '/agencies/BTP/rosters', { asOf: '2027-01-01', regular: 20, nonRegular: 5 }, '2027-01-02T09:00:00+07:00');
    expect(roster.status).toBeLessThan(300);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // Only the calls to the services state the simulated time; the console's own pages and sign-in do not.
    await context.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-simulated-now': simulatedNow } }));
    page = await context.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await system?.stop();
  });

  const signInAs = async (role: string) => {
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.getByLabel('Vai trò').selectOption(role);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };
  const openScreen = async (label: string) => page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
  const certificatesOfRun = async () => {
    const answer = await callService(system, 'certification', await system.mint('certifier'), `/certificates?runId=${runId}`);
    return answer.body as unknown as { _id: string; certificateNumber: string; traineeId: string; status: string; revocationCategory: string | null; revocationReason: string | null }[];
  };
  const downloaded = async (click: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return readFileSync(await download.path());
  };

  it('lets a certifier issue a run’s certificates from the worklist, each with its result', async () => {
    await signInAs('certifier');
    await page.getByRole('heading', { name: 'Cấp chứng nhận bồi dưỡng' }).waitFor();
    await page.getByRole('button', { name: `Xem danh sách đủ điều kiện: ${runId}` }).click();
    await page.getByRole('heading', { name: `${runId}: Học viên đủ điều kiện chưa được cấp (3)` }).waitFor();
    // The absent trainee is not offered, and the preview says why.
    const notOffered = page.locator(`table[data-preview="not-on-worklist"] tr[data-trainee="${absent.traineeId}"]`);
    expect(await notOffered.textContent()).toContain('0/1 buổi');
    expect(await notOffered.textContent()).toContain('attended 0 of 1 sessions');
    for (const trainee of present) await page.getByLabel(`Họ và tên của ${trainee.traineeId}`).fill(trainee.fullName);
    await page.getByLabel('Chọn tất cả').check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-certify-worklist');

    await page.getByRole('button', { name: 'Cấp chứng nhận cho 3 học viên đã chọn' }).click();
    await page.getByRole('heading', { name: 'Kết quả cấp: 3 đã cấp, 0 bị từ chối' }).waitFor();
    expect(await page.locator('tr[data-result="accepted"]').count()).toBe(3);
    await page.getByText('Không còn học viên nào đủ điều kiện chờ cấp.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-certify-issued');

    const held = await eventually('certification lists the certificates issued', async () => {
      const listed = await certificatesOfRun();
      return listed.length === present.length ? listed : null;
    });
    expect(held.map((certificate) => certificate.traineeId).sort()).toEqual(present.map((trainee) => trainee.traineeId).sort());
    expect(held.every((certificate) => certificate.status === 'valid')).toBe(true);
  });

  it('lets a certifier revoke a certificate with a reason and its kind, reissue it, and download a PDF and a credential with the token', async () => {
    const [first] = await certificatesOfRun();
    const number = first!.certificateNumber;
    await openScreen('Chứng nhận');
    await page.getByRole('heading', { name: 'Chứng nhận đã cấp' }).waitFor();
    const row = page.locator(`tr[data-certificate="${number}"]`);
    await row.waitFor();

    const pdf = await downloaded(() => row.getByRole('button', { name: `Tải bản PDF ${number}` }).click());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await row.getByRole('button', { name: `Thu hồi ${number}` }).click();
    await row.getByLabel('Lý do thu hồi').fill('Tên in sai dấu trên chứng nhận');
    await row.getByLabel('Loại lý do').selectOption('identity-error');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-certificates-revoking');
    await row.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await page.getByText(`Đã thu hồi chứng nhận ${number}`).waitFor();
    await page.locator(`tr[data-certificate="${number}"][data-status="revoked"]`).waitFor();
    await page.locator(`tr[data-certificate="${number}"]`).getByText('Sai thông tin người học').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-certificates');

    const revoked = (await certificatesOfRun()).find((certificate) => certificate.certificateNumber === number);
    expect(revoked).toMatchObject({ status: 'revoked', revocationCategory: 'identity-error', revocationReason: 'Tên in sai dấu trên chứng nhận' });

    await page.locator(`tr[data-certificate="${number}"]`).getByRole('button', { name: `Cấp lại ${number}` }).click();
    await page.getByText(/^Đã cấp lại với số \d{4}\/\d{6}$/).waitFor();
    await page.locator(`tr[data-certificate="${number}"]`).getByText('Đã cấp lại').waitFor();
    const reissued = (await certificatesOfRun()).find((certificate) => certificate.certificateNumber === number) as { replacedByCertificateId?: string | null } | undefined;
    expect(reissued?.replacedByCertificateId).toEqual(expect.any(String));

    const valid = (await certificatesOfRun()).find((certificate) => certificate.status === 'valid' && certificate.certificateNumber !== number)!;
    const credential = await downloaded(() => page.getByRole('button', { name: `Tải chứng nhận số ${valid.certificateNumber}` }).click());
    expect(credential.toString('utf8').split('.')).toHaveLength(3);
  });

  it('lets an evaluator issue an evaluation, follow its job to the end and see the report charted', async () => {
    await system.waitForQuiet();
    simulatedNow = '2027-06-15T10:00:00+07:00';
    await signInAs('evaluator');
    await openScreen('Đánh giá');
    await page.getByRole('heading', { name: 'Đánh giá sơ kết, tổng kết' }).waitFor();
    await page.getByLabel('Loại').selectOption('mid-term');
    await page.getByLabel('Số liệu đến ngày').fill(AS_OF);
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.locator('[data-job-state="succeeded"]').waitFor({ timeout: 180_000 });
    await page.getByText(`Đã ban hành báo cáo Sơ kết đến ngày ${dayText(AS_OF)}.`).waitFor();
    const link = page.getByRole('link', { name: `Sơ kết · ${dayText(AS_OF)}` });
    await link.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-evaluations');

    await link.click();
    await page.getByRole('heading', { name: `Báo cáo Sơ kết đến ngày ${dayText(AS_OF)}` }).waitFor();
    evaluationId = page.url().split('/').pop() ?? '';
    // The figures the reviews publish open the report: the three certified learners attended a completed course.
    await page.getByRole('heading', { name: 'Kết quả thực hiện Đề án' }).waitFor();
    expect(Number(await page.locator('[data-figure="runsCompleted"]').innerText())).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-figure="learnerTimesCertified"]').innerText())).toBeGreaterThanOrEqual(3);
    await page.locator('section[aria-labelledby="charts-title"][aria-busy="false"]').waitFor();
    for (const chart of ['national', 'agencies', 'by-rank', 'by-level', 'by-format']) {
      expect(await page.locator(`figure[data-chart="${chart}"] canvas`).count()).toBeGreaterThan(0);
    }
    // Three of BTP's 20 regular staff hold a certificate in force (one revoked and reissued): 15%.
    const national = await page.locator('figure[data-chart="national"] [role="img"]').getAttribute('aria-label');
    expect(national).toContain('Tỷ lệ (%): Thường xuyên 15, Không thường xuyên 0');
    const report = await callService(system, 'reporting', await system.mint('auditor'), `/evaluations/${evaluationId}/report.json`);
    expect((report.body.national as { trained: { regular: number } }).trained.regular).toBe(3);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-evaluation-report');
  });

  it('lets an auditor replay the evaluation and see it identical, and download its PDF', async () => {
    await signInAs('auditor');
    await openScreen('Đánh giá');
    await page.getByRole('link', { name: `Sơ kết · ${dayText(AS_OF)}` }).click();
    await page.getByRole('heading', { name: `Báo cáo Sơ kết đến ngày ${dayText(AS_OF)}` }).waitFor();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    const outcome = page.locator('[data-replay-outcome="identical"]');
    await outcome.waitFor({ timeout: 180_000 });
    const hashes = await outcome.locator('code').allTextContents();
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[1]).toBe(hashes[0]);

    // A roster declared after issue but in force on the as-of date: the restatement shows it, the issued report stays.
    const lateRoster = await callService(system, 'enrolment', await system.mint('agency-integration', { agencyId: 'BTP' }), '/agencies/BTP/rosters', { asOf: '2027-05-01', regular: 40, nonRegular: 5 }, '2027-06-16T09:00:00+07:00');
    expect(lateRoster.status).toBeLessThan(300);
    await system.waitForQuiet();
    await page.getByRole('button', { name: 'Xem điều chỉnh' }).click();
    const restated = page.locator('table[data-restatement="changed"]');
    await restated.waitFor({ timeout: 180_000 });
    const rosterRow = restated.getByRole('row', { name: /^Toàn quốc › Danh sách cán bộ › Thường xuyên\s*national\.roster\.regular / });
    expect(await rosterRow.getByRole('cell').allTextContents()).toEqual(['Thay đổi', '20', '40']);

    const pdf = await downloaded(() => page.getByRole('button', { name: 'Tải PDF' }).click());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-evaluation-replayed');

    const replays = await eventually('the replay is recorded', async () => {
      const record = await callService(system, 'reporting', await system.mint('auditor'), `/evaluations/${evaluationId}`);
      return record.status === 200 ? record : null;
    });
    expect(replays.body.reportSha256).toBe(hashes[0]);
  });
});
