/**
 * An agency's list of 10,000 trainees through the real HTTP endpoint the console pages it with:
 * the first, a middle and the last page by offset, the next page by cursor, and a name search
 * (diacritics ignored) for a common surname and for one person, each next to the same page read
 * straight from the read model in the same run.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:trainee-directory -- [trainees=10000] [repeats=15]
 */
import 'reflect-metadata';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { createServiceApp, loadConfig, searchKey } from '@training-ledger/platform';
import { eventually, IsolatedEnvironment } from '@training-ledger/test-servers';
import { Projector } from '@training-ledger/read-models';
import { performance } from 'node:perf_hooks';
import { EnrolmentConfig } from '../src/config';
import { EnrolmentModule } from '../src/enrolment.module';
import { traineeDirectoryProjection } from '../src/trainees/trainee-directory.projection';

const AGENCY = 'BENCH-PROVINCE';
const PAGE = 20;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Đức', 'Quang', 'Thu', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Huệ', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến'];

const nameOf = (index: number) => `${SURNAMES[index % SURNAMES.length]} ${MIDDLE[(index >> 4) % MIDDLE.length]} ${GIVEN[(index * 7) % GIVEN.length]} ${index}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(repeats: number, read: () => Promise<unknown>): Promise<number> {
  await read();
  const times: number[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main(): Promise<void> {
  // A throwaway service on the local servers: development settings, the development personal-data key.
  process.env.NODE_ENV ??= 'development';
  const count = Number(process.argv[2] ?? 10_000);
  const repeats = Number(process.argv[3] ?? 15);
  const isolated = IsolatedEnvironment.create('directory-bench');
  const authority = await LocalTokenAuthority.create();
  const config = loadConfig(EnrolmentConfig, { ...process.env, ...isolated.settings, SERVICE_NAME: 'enrolment', AUTH_JWKS_FILE: authority.jwksFile, LOG_LEVEL: 'warn' });
  const app = await createServiceApp({ config, module: EnrolmentModule.forRoot(config), title: 'bench' });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  try {
    const admin = await authority.mint({ roles: ['programme-admin'] });
    const agency = await authority.mint({ roles: ['agency-integration'], agencyId: AGENCY } as never);
    const call = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return { body: (await response.json()) as { trainees: { traineeId: string }[]; next: string | null }, total: Number(response.headers.get('x-total-count')) };
    };
    await call(admin, 'POST', '/agencies', { code: AGENCY, nameVi: 'Tỉnh thử tải', nameEn: 'Bench province', kind: 'province' });

    const registering = performance.now();
    let next = 0;
    const register = async () => {
      for (let index = next++; index < count; index = next++) {
        await call(agency, 'POST', `/agencies/${AGENCY}/trainees`, {
          fullName: nameOf(index), dateOfBirth: '1988-03-14', staffNumber: `NV-${index}`,
          targetGroup: index % 5 === 0 ? 'non-regular' : 'regular', rank: 'specialist', leadership: false, sector: null,
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, register));
    const registered = (performance.now() - registering) / 1000;
    const list = (query: string) => call(agency, 'GET', `/agencies/${AGENCY}/trainees?${query}`);
    await eventually('the directory holds every trainee', async () => ((await list('limit=1')).total === count ? true : null), 600_000);

    const directory = (await app.get(Projector).model(traineeDirectoryProjection)).collection;
    const rawPage = (skip: number) => directory.find({ agencyId: AGENCY }).sort({ traineeId: 1 }).skip(skip).limit(PAGE + 1).toArray();
    const middle = Math.floor(count / 2 / PAGE) * PAGE;
    const last = Math.floor((count - 1) / PAGE) * PAGE;
    const cursor = (await list(`limit=${PAGE}&offset=${middle}`)).body.next ?? '';
    const common = await list(`limit=${PAGE}&q=nguyen`);
    const person = encodeURIComponent(searchKey(nameOf(17)));
    const one = await list(`limit=${PAGE}&q=${person}`);

    const rows: [string, number, number | null][] = [
      ['first page (offset 0)', await timed(repeats, () => list(`limit=${PAGE}&offset=0`)), await timed(repeats, () => rawPage(0))],
      [`middle page (offset ${middle})`, await timed(repeats, () => list(`limit=${PAGE}&offset=${middle}`)), await timed(repeats, () => rawPage(middle))],
      [`last page (offset ${last})`, await timed(repeats, () => list(`limit=${PAGE}&offset=${last}`)), await timed(repeats, () => rawPage(last))],
      ['next page by cursor (after)', await timed(repeats, () => list(`limit=${PAGE}&after=${encodeURIComponent(cursor)}`)), null],
      [`search "nguyen" (${common.total} match)`, await timed(repeats, () => list(`limit=${PAGE}&q=nguyen`)), null],
      [`search one full name (${one.total} match)`, await timed(repeats, () => list(`limit=${PAGE}&q=${person}`)), null],
    ];
    const firstPageBytes = JSON.stringify((await list(`limit=${PAGE}`)).body).length;
    console.log(`trainees registered: ${count} in ${registered.toFixed(1)} s (${(count / registered).toFixed(0)}/s over HTTP, 8 at once)`);
    console.log(`a page of ${PAGE}: ${firstPageBytes} bytes of JSON; the console never loads more than one page`);
    console.log('read'.padEnd(40), 'HTTP median ms'.padStart(15), 'read model ms'.padStart(14), 'ratio'.padStart(7));
    for (const [label, http, raw] of rows) {
      console.log(label.padEnd(40), http.toFixed(2).padStart(15), (raw === null ? '—' : raw.toFixed(2)).padStart(14), (raw === null ? '—' : (http / raw).toFixed(2)).padStart(7));
    }
  } finally {
    await app.close();
    await isolated.dispose();
    authority.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
