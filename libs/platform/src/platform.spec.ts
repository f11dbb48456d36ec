import { Body, Controller, Get, HttpCode, Inject, Injectable, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { CurrentActor, LocalTokenAuthority, Roles, type AuthenticatedActor, type Role } from '@training-ledger/auth';
import { DomainRuleViolation, type RuleViolationKind } from '@training-ledger/decider';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsString, IsUUID, ValidateNested } from 'class-validator';
import request from 'supertest';
import { createServiceApp } from './bootstrap/bootstrap';
import { ReadinessChecks } from './health/readiness';
import { CorrelationId } from './logging/correlation-id';
import { PROBLEM_TYPES } from './problem-details/problem-details';
import { capturedLog, testServiceConfig } from './service-config.fixture';

class NominationItem {
  @ApiProperty()
  @IsUUID()
  traineeId!: string;
}

class BulkNomination {
  @ApiProperty()
  @IsString()
  courseRunId!: string;

  @ApiProperty({ type: [NominationItem] })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => NominationItem)
  items!: NominationItem[];
}

@Controller('nominations')
class NominationController {
  @Roles('agency-integration', 'programme-admin')
  @Post('bulk')
  @HttpCode(202)
  nominate(@Body() body: BulkNomination, @CurrentActor() actor: AuthenticatedActor, @CorrelationId() correlationId: string) {
    return { accepted: body.items.length, by: actor.id, correlationId };
  }

  @Roles('programme-admin')
  @Post('refused/:kind')
  refuse(@Param('kind') kind: RuleViolationKind) {
    throw new DomainRuleViolation('nomination.target-group', 'Trainee is outside the course target group', 'items[0].traineeId', kind);
  }

  @Roles('programme-admin')
  @Get('broken')
  broken() {
    throw new Error('pool exhausted at 10.0.0.7');
  }
}

@Injectable()
class BrokerConnection {
  up = true;
  failure: string | null = null;
  constructor(@Inject(ReadinessChecks) readiness: ReadinessChecks) {
    readiness.add({
      name: 'kafka',
      check: async () => {
        if (this.failure) throw new Error(this.failure);
        return this.up;
      },
    });
  }
}

@Module({ controllers: [NominationController], providers: [BrokerConnection] })
class NominationModule {}

describe('service platform', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let logLines: string[];

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = testServiceConfig(authority, 'nomination-test', 3999);
    logLines = [];
    const destination = capturedLog(logLines);
    app = await createServiceApp({
      module: NominationModule,
      config,
      title: 'Nomination test service',
      description: 'Exercises the shared wiring',
      logDestination: destination,
      readinessChecks: [{ name: 'event-store', check: async () => true }],
      readinessTimeoutMs: 200,
    });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    authority.dispose();
  });

  const server = () => app.getHttpServer();
  const bearer = async (roles: Role[], agencyId?: string) =>
    `Bearer ${await authority.mint({ roles, agencyId, audience: 'training-ledger', subject: 'svc:caller' })}`;
  const validBody = { courseRunId: 'CR-2026-001', items: [{ traineeId: '0b7e7a4e-5b0a-4f5b-9d8e-2f1b8f1c6a11' }] };

  it('answers liveness without a token', async () => {
    const response = await request(server()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', details: { process: { status: 'up' } } });
  });

  it('answers readiness from every registered check, and 503 naming the one that fails', async () => {
    const ready = await request(server()).get('/ready').expect(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(['event-store', 'kafka']);

    app.get(BrokerConnection).up = false;
    const notReady = await request(server()).get('/ready').expect(503);
    app.get(BrokerConnection).up = true;
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notReady.body).toMatchObject({
      type: PROBLEM_TYPES.notReady,
      status: 503,
      detail: 'Not available: kafka',
      checks: { kafka: { status: 'down' }, 'event-store': { status: 'up' } },
    });
  });

  it('keeps what failed inside out of the readiness answer, which anyone may read, and logs it', async () => {
    app.get(BrokerConnection).failure = 'SASL authentication failed for user svc-ledger at 10.0.0.7:9093';
    const notReady = await request(server()).get('/ready').expect(503);
    app.get(BrokerConnection).failure = null;
    expect(notReady.body.checks).toEqual({ kafka: { status: 'down', message: 'not answering' }, 'event-store': { status: 'up' } });
    expect(JSON.stringify(notReady.body)).not.toContain('10.0.0.7');
    expect(logLines.some((line) => line.includes('Readiness check kafka failed: SASL authentication failed'))).toBe(true);
  });

  it('refuses a protected route without a token as a problem document', async () => {
    const response = await request(server()).post('/nominations/bulk').send(validBody).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/nominations/bulk' });
  });

  it('refuses a caller without the role with 403, and serves one with it', async () => {
    await request(server()).post('/nominations/bulk').set('Authorization', await bearer(['monitor'])).send(validBody).expect(403);
    const response = await request(server())
      .post('/nominations/bulk')
      .set('Authorization', await bearer(['agency-integration'], 'BTC'))
      .set('X-Correlation-Id', 'upload-2026-03-01-7')
      .send(validBody)
      .expect(202);
    expect(response.body).toEqual({ accepted: 1, by: 'svc:caller', correlationId: 'upload-2026-03-01-7' });
    expect(response.headers['x-correlation-id']).toBe('upload-2026-03-01-7');
  });

  it('starts a correlation id when the caller sends none, or an unusable one', async () => {
    const fresh = await request(server()).get('/health').expect(200);
    expect(fresh.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await request(server()).get('/health').set('X-Correlation-Id', 'has spaces and <tags>').expect(200);
    expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a bad body with 400 naming each field, unknown properties included', async () => {
    const response = await request(server())
      .post('/nominations/bulk')
      .set('Authorization', await bearer(['programme-admin']))
      .send({ courseRunId: 'CR-1', items: [validBody.items[0], { traineeId: 'not-a-uuid' }], priority: 'high' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: PROBLEM_TYPES.validation, status: 400 });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'items[1].traineeId', reason: 'traineeId must be a UUID' },
        { field: 'priority', reason: 'property priority should not exist' },
      ]),
    );
  });

  it('answers malformed JSON with 400', async () => {
    const response = await request(server())
      .post('/nominations/bulk')
      .set('Authorization', await bearer(['programme-admin']))
      .set('Content-Type', 'application/json')
      .send('{"courseRunId": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['invalid', 422],
    ['conflict', 409],
    ['not-found', 404],
    ['forbidden', 403],
  ])('answers a %s rule violation with %i', async (kind, status) => {
    const response = await request(server()).post(`/nominations/refused/${kind}`).set('Authorization', await bearer(['programme-admin'])).expect(status);
    expect(response.body).toMatchObject({ rule: 'nomination.target-group', field: 'items[0].traineeId', status });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request(server()).get('/nowhere').set('Authorization', await bearer(['programme-admin'])).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers an unexpected failure with a bare 500 and logs it', async () => {
    const response = await request(server())
      .get('/nominations/broken')
      .set('Authorization', await bearer(['programme-admin']))
      .set('X-Correlation-Id', 'broken-1')
      .expect(500);
    expect(JSON.stringify(response.body)).not.toContain('10.0.0.7');
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.message === 'Unhandled error');
    expect(logged).toMatchObject({ level: 'error', correlationId: 'broken-1', service: 'nomination-test' });
    expect(JSON.stringify(logged)).toContain('pool exhausted');
  });

  it('logs one JSON object per line, without tokens or bodies', async () => {
    const token = await bearer(['programme-admin']);
    await request(server()).post('/nominations/bulk').set('Authorization', token).set('X-Correlation-Id', 'log-check').send(validBody).expect(202);
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = entries.find((entry) => entry.correlationId === 'log-check' && entry.res !== undefined);
    expect(completed).toMatchObject({ level: 'info', req: { method: 'POST', url: '/nominations/bulk' }, res: { statusCode: 202 } });
    const everything = logLines.join('\n');
    expect(everything).not.toContain(token.slice('Bearer '.length));
    expect(everything).not.toContain('0b7e7a4e-5b0a-4f5b-9d8e-2f1b8f1c6a11');
  });

  it('serves the OpenAPI document and its UI without a token', async () => {
    const document = await request(server()).get('/docs/openapi.json').expect(200);
    expect(document.body.info).toMatchObject({ title: 'Nomination test service', version: '1.0.0', description: 'Exercises the shared wiring' });
    expect(document.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready', '/nominations/bulk']));
    const ui = await request(server()).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    // Everything the page loads comes from the service itself, as its content security policy demands.
    const sources = [...ui.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.filter((source) => /^(https?:)?\/\//.test(source))).toEqual([]);
    expect(ui.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('sends security headers and a content security policy with every answer', async () => {
    for (const path of ['/health', '/docs/openapi.json', '/no-such-route']) {
      const response = await request(server()).get(path);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
  });
});
