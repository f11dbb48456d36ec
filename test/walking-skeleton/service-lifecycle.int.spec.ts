import { LocalTokenAuthority } from '@training-ledger/auth';
import { buildServices, freePort, ServiceProcess, workspaceRoot } from '@training-ledger/test-servers';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A service as an operator meets it: refusing a bad configuration, serving its probes and documents, stopping cleanly. */
describe('a service process', () => {
  const runId = randomBytes(4).toString('hex');
  let authority: LocalTokenAuthority;

  const environment = (overrides: Record<string, string | undefined> = {}): Record<string, string> =>
    Object.fromEntries(
      Object.entries({
        SERVICE_NAME: 'course-delivery',
        DATABASE_URL: process.env.DATABASE_URL,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        MONGO_URL: process.env.MONGO_URL,
        AUTH_JWKS_FILE: authority.jwksFile,
        EVENT_STORE_SCHEMA: `lifecycle_${runId}`,
        MONGO_DATABASE: `lifecycle_${runId}`,
        KAFKA_TOPIC_PREFIX: `lifecycle-${runId}.`,
        ...overrides,
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );

  const logOf = (service: ServiceProcess) =>
    readFileSync(join(workspaceRoot, '.local/test-logs', `${service.service}-${service.port}.log`), 'utf8');

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    await buildServices();
  });

  afterAll(() => authority?.dispose());

  it('refuses to start, naming each missing or bad setting', async () => {
    const service = new ServiceProcess(
      'course-delivery',
      await freePort(),
      environment({ KAFKA_BROKERS: 'not a broker list', MONGO_URL: undefined }),
    );
    service.start();
    expect(await service.exited()).toBe(1);
    const log = logOf(service);
    expect(log).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
    expect(log).toContain('MONGO_URL must be a mongodb:// URL');
  });

  it('serves its probes and OpenAPI document without a token, nothing else, and stops cleanly on SIGTERM', async () => {
    const service = new ServiceProcess('enrolment', await freePort(), environment({ SERVICE_NAME: 'enrolment' }));
    service.start();
    await service.waitUntilReady();

    const ready = await fetch(`${service.url}/ready`);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: { 'event-store': { status: 'up' }, kafka: { status: 'up' }, mongodb: { status: 'up' } },
    });
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const openApi = await fetch(`${service.url}/docs/openapi.json`);
    expect(openApi.status).toBe(200);
    expect(((await openApi.json()) as { info: { title: string } }).info.title).toContain('Enrolment');
    const unauthenticated = await fetch(`${service.url}/agencies`, { method: 'POST' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');

    expect(await service.stop()).toBe(0);
    const log = logOf(service)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { message?: string; msg?: string });
    expect(log.some((line) => line.message?.startsWith('Shutting down on SIGTERM'))).toBe(true);
    expect(log.some((line) => line.msg === 'Event relay stopped')).toBe(true);
    expect(log.at(-1)?.message).toBe('Stopped');
  });

  it('leaves the relay and its own-log projections to one replica when told to run consumers only', async () => {
    const replica = new ServiceProcess('course-delivery', await freePort(), environment({ BACKGROUND_WORK: 'consumers-only' }));
    replica.start();
    await replica.waitUntilReady();
    expect(await replica.stop()).toBe(0);
    const started = logOf(replica)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { message?: string })
      .find((line) => line.message?.startsWith('Runtime started'));
    expect(started?.message).toMatch(/^Runtime started: relay off, [1-9]\d* consumer\(s\), 0 local projection\(s\)$/);

    const refused = new ServiceProcess('course-delivery', await freePort(), environment({ BACKGROUND_WORK: 'sometimes' }));
    refused.start();
    expect(await refused.exited()).toBe(1);
    expect(logOf(refused)).toContain('BACKGROUND_WORK must be all or consumers-only');
  });

  it('on SIGTERM takes no new connection, lets the request in flight finish, then stops', async () => {
    const service = new ServiceProcess('enrolment', await freePort(), environment({ SERVICE_NAME: 'enrolment' }));
    service.start();
    await service.waitUntilReady();
    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ code: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', kind: 'ministry' });
    const inFlight = request(`${service.url}/agencies`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const answered = new Promise<number>((resolve, reject) => {
      inFlight.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      inFlight.on('error', reject);
    });
    inFlight.write(body.slice(0, 10));
    await new Promise((wait) => setTimeout(wait, 300));
    const exited = service.stop();
    await new Promise((wait) => setTimeout(wait, 500));
    const lateComer = await fetch(`${service.url}/health`).then(
      (response) => `answered ${response.status}`,
      (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
    );
    inFlight.end(body.slice(10));
    expect(await answered).toBe(401);
    expect(lateComer).toBe('ECONNREFUSED');
    expect(await exited).toBe(0);
    expect(logOf(service)).toContain('SIGTERM: accepting no new connections; draining the requests in flight');
  });
});
