import type { NestExpressApplication } from '@nestjs/platform-express';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { loadConfig } from '@training-ledger/platform';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ConsoleConfig } from './config';
import { createConsoleApp } from './main';

interface Received {
  readonly url: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('the console server', () => {
  let authority: LocalTokenAuthority;
  let webDir: string;
  let upstream: Server;
  let upstreamUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
    // A real HTTP server standing in for a service: it answers with what it received.
    upstream = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        received.push({ url: incoming.url ?? '', method: incoming.method ?? '', headers: incoming.headers, body: Buffer.concat(chunks).toString() });
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((listening) => upstream.listen(0, '127.0.0.1', listening));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((closed) => upstream.close(closed));
    authority.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  const PROVIDER = { CONSOLE_OIDC_AUTHORITY: 'https://sso.example.gov.vn/realms/mofa', CONSOLE_OIDC_CLIENT_ID: 'training-ledger-console' };

  const appIn = async (NODE_ENV: string, settings: Record<string, string> = NODE_ENV === 'production' ? PROVIDER : {}): Promise<NestExpressApplication> =>
    createConsoleApp(
      loadConfig(ConsoleConfig, {
        ...settings,
        NODE_ENV,
        ENROLMENT_URL: upstreamUrl,
        COURSE_DELIVERY_URL: upstreamUrl,
        CERTIFICATION_URL: upstreamUrl,
        REPORTING_URL: 'http://127.0.0.1:1',
        CONSOLE_WEB_DIR: webDir,
        CONSOLE_DEV_KEYS_DIR: authority.dir,
      }),
      { logger: false },
    ).then(async (app) => {
      await app.init();
      return app;
    });

  describe('in production', () => {
    let app: NestExpressApplication;
    beforeAll(async () => (app = await appIn('production')));
    afterAll(() => app.close());

    it('has no development sign-in, even with signing keys at hand', async () => {
      await request(app.getHttpServer()).get('/dev/sign-in').expect(404);
      await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'programme-admin' }).expect(404);
      const options = await request(app.getHttpServer()).get('/sign-in-options').expect(200);
      expect(options.body).toEqual({
        oidc: { authority: PROVIDER.CONSOLE_OIDC_AUTHORITY, clientId: PROVIDER.CONSOLE_OIDC_CLIENT_ID, scope: 'openid profile', resource: null },
        development: false,
      });
    });

    it('lets the page reach the provider, and nothing else, for sign-in and silent renewal', async () => {
      const policy = (await request(app.getHttpServer()).get('/progress').expect(200)).headers['content-security-policy'] as string;
      expect(policy).toContain("connect-src 'self' https://sso.example.gov.vn");
      expect(policy).toContain("frame-src 'self' https://sso.example.gov.vn");
      expect(policy).toContain("frame-ancestors 'self'");
    });

    it('refuses to start without a provider to sign in at, or with one over plain HTTP', async () => {
      await expect(appIn('production', {})).rejects.toThrow(/CONSOLE_OIDC_AUTHORITY/);
      await expect(appIn('production', { ...PROVIDER, CONSOLE_OIDC_AUTHORITY: 'http://sso.example.gov.vn' })).rejects.toThrow(/https/);
      await expect(appIn('production', { CONSOLE_OIDC_AUTHORITY: PROVIDER.CONSOLE_OIDC_AUTHORITY })).rejects.toThrow(/CONSOLE_OIDC_CLIENT_ID/);
    });

    it('forwards /api/<service>/… to the service with the caller’s token and body as they came', async () => {
      received.length = 0;
      const answer = await request(app.getHttpServer())
        .post('/api/enrolment/rosters/staff?dryRun=true')
        .set('authorization', 'Bearer caller-token')
        .set('content-type', 'application/json')
        .send('{"agencyId":"BNV","ý":"Nguyễn"}')
        .expect(201);
      expect(answer.body).toEqual({ ok: true });
      expect(received).toEqual([expect.objectContaining({ url: '/rosters/staff?dryRun=true', method: 'POST', body: '{"agencyId":"BNV","ý":"Nguyễn"}' })]);
      expect(received[0]!.headers.authorization).toBe('Bearer caller-token');
    });

    it('answers 502 as a problem when a service does not answer', async () => {
      const answer = await request(app.getHttpServer()).get('/api/reporting/progress').expect(502);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    });

    it('serves the app on client routes, caches hashed assets, and 404s missing files', async () => {
      const page = await request(app.getHttpServer()).get('/operations').expect(200);
      expect(page.text).toContain('<title>console</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const asset = await request(app.getHttpServer()).get('/assets/index-abc.js').expect(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      await request(app.getHttpServer()).get('/assets/index-old.js').expect(404);
      await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    });
  });

  describe('in development', () => {
    let app: NestExpressApplication;
    beforeAll(async () => (app = await appIn('development')));
    afterAll(() => app.close());

    it('mints a token the services verify, with the chosen role and agency', async () => {
      const answer = await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'agency-integration', agencyId: 'BNV' }).expect(200);
      const jwks = JSON.parse(readFileSync(authority.jwksFile, 'utf8')) as JSONWebKeySet;
      const { payload } = await jwtVerify((answer.body as { token: string }).token, createLocalJWKSet(jwks));
      expect(payload).toMatchObject({ roles: ['agency-integration'], agency_id: 'BNV' });
    });

    it('names the institution in a training institution’s token', async () => {
      const answer = await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'institution-integration', institutionId: 'HVNG' }).expect(200);
      const jwks = JSON.parse(readFileSync(authority.jwksFile, 'utf8')) as JSONWebKeySet;
      const { payload } = await jwtVerify((answer.body as { token: string }).token, createLocalJWKSet(jwks));
      expect(payload).toMatchObject({ roles: ['institution-integration'], institution_id: 'HVNG', sub: 'console:institution-integration@HVNG' });
      await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'institution-integration' }).expect(400);
    });

    it('refuses an unknown role, and an agency-bound role without an agency', async () => {
      await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'root' }).expect(400);
      await request(app.getHttpServer()).post('/dev/sign-in').send({ role: 'agency-integration' }).expect(400);
    });
  });
});
