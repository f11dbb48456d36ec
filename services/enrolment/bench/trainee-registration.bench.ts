/**
 * Registering an agency's staff through the real HTTP endpoints, one trainee a request (8 requests
 * at once, as the simulation once sent them) next to lists of up to 1,000 through the bulk endpoint
 * (3 lists at once), in the same run against the same service: trainees registered per second and
 * the ratio of the two.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:trainee-registration -- [trainees=3000]
 */
import 'reflect-metadata';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EnrolmentConfig } from '../src/config';
import { EnrolmentModule } from '../src/enrolment.module';
import { MAX_REGISTRATIONS_PER_REQUEST } from '../src/trainees/trainee-requests.dto';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];

const registration = (agencyId: string, index: number) => ({
  traineeId: `${agencyId}-${String(index).padStart(6, '0')}`,
  targetGroup: index % 3 === 0 ? 'non-regular' : 'regular',
  rank: 'specialist',
  leadership: false,
  sector: null,
  fullName: `${SURNAMES[index % SURNAMES.length]} Văn Học ${index}`,
  dateOfBirth: '1988-03-14',
  staffNumber: `SHCC-${100_000 + index}`,
});

/** Runs `work` over the items, `width` at a time. */
async function atOnce<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  }));
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

async function main(): Promise<void> {
  // A throwaway service on the local servers: development settings, the development personal-data key.
  process.env.NODE_ENV ??= 'development';
  const count = Number(process.argv[2] ?? 3_000);
  const isolated = IsolatedEnvironment.create('reg-bench');
  const authority = await LocalTokenAuthority.create();
  const config = loadConfig(EnrolmentConfig, { ...process.env, ...isolated.settings, SERVICE_NAME: 'enrolment', AUTH_JWKS_FILE: authority.jwksFile, LOG_LEVEL: 'warn' });
  const app = await createServiceApp({ config, module: EnrolmentModule.forRoot(config), title: 'bench' });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  try {
    const admin = await authority.mint({ roles: ['programme-admin'] });
    const post = async (path: string, body: unknown, key?: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    for (const code of ['BENCH-ONE', 'BENCH-BULK']) await post('/agencies', { code, nameVi: `Cơ quan thử tải ${code}`, nameEn: code, kind: 'province' });
    const indexes = Array.from({ length: count }, (_, index) => index);

    const oneByOne = performance.now();
    const oneByOneCpu = process.cpuUsage();
    await atOnce(indexes, 8, async (index) => {
      await post('/agencies/BENCH-ONE/trainees', registration('BENCH-ONE', index));
    });
    const oneByOneSeconds = (performance.now() - oneByOne) / 1000;
    const oneByOneCpuSeconds = cpuSecondsSince(oneByOneCpu);

    const lists = Array.from({ length: Math.ceil(count / MAX_REGISTRATIONS_PER_REQUEST) }, (_, list) =>
      indexes.slice(list * MAX_REGISTRATIONS_PER_REQUEST, (list + 1) * MAX_REGISTRATIONS_PER_REQUEST),
    );
    const inBulk = performance.now();
    const inBulkCpu = process.cpuUsage();
    await atOnce(lists, 3, async (list) => {
      const answer = await post('/agencies/BENCH-BULK/trainees/bulk', { trainees: list.map((index) => registration('BENCH-BULK', index)) }, randomUUID());
      if (answer['accepted'] !== list.length) throw new Error(`a list was not accepted whole: ${JSON.stringify(answer).slice(0, 300)}`);
    });
    const inBulkSeconds = (performance.now() - inBulk) / 1000;
    const inBulkCpuSeconds = cpuSecondsSince(inBulkCpu);

    // CPU of this process, the service and the client sending to it: steadier than seconds on a busy machine.
    console.log('way'.padEnd(46), 'trainees'.padStart(9), 'seconds'.padStart(8), 'per second'.padStart(11), 'ratio'.padStart(7), 'CPU ms/trainee'.padStart(15));
    const row = (way: string, seconds: number, cpuSeconds: number) =>
      console.log(
        way.padEnd(46),
        String(count).padStart(9),
        seconds.toFixed(1).padStart(8),
        (count / seconds).toFixed(0).padStart(11),
        (oneByOneSeconds / seconds).toFixed(2).padStart(7),
        ((cpuSeconds * 1000) / count).toFixed(2).padStart(15),
      );
    row('one a request, 8 requests at once', oneByOneSeconds, oneByOneCpuSeconds);
    row(`lists of ${MAX_REGISTRATIONS_PER_REQUEST} (bulk), 3 lists at once`, inBulkSeconds, inBulkCpuSeconds);
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
