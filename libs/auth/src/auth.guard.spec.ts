import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { assertAgencyAccess } from './agency-access';
import type { AuthenticatedActor } from './authenticated-actor';
import { AuthModule, type AuthModuleOptions } from './auth.module';
import { CurrentActor, Public, Roles } from './decorators';
import { LocalTokenAuthority } from './local-token-authority';

@Controller()
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentActor() actor: AuthenticatedActor) {
    return actor;
  }

  @Roles('certifier', 'programme-admin')
  @Get('certificates')
  certificates() {
    return { certificates: [] };
  }

  @Roles('agency-integration', 'monitor')
  @Get('agencies/:agencyId/roster')
  roster(@CurrentActor() actor: AuthenticatedActor, @Param('agencyId') agencyId: string) {
    assertAgencyAccess(actor, agencyId);
    return { agencyId };
  }
}

@Roles('auditor')
@Controller('audit')
class AuditController {
  @Get('replays')
  replays() {
    return [];
  }

  @Roles('evaluator')
  @Get('evaluations')
  evaluations() {
    return [];
  }
}

async function probeApp(options: AuthModuleOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(options)], controllers: [ProbeController, AuditController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('AuthGuard', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    app = await probeApp({ jwksFile: authority.jwksFile, audience: 'training-ledger' });
  });

  afterAll(async () => {
    await app.close();
    authority.dispose();
  });

  const bearer = async (roles: Parameters<LocalTokenAuthority['mint']>[0]['roles'], agencyId?: string) =>
    `Bearer ${await authority.mint({ roles, agencyId, audience: 'training-ledger', subject: 'caller' })}`;

  it('serves a public route without a token', async () => {
    await request(app.getHttpServer()).get('/public').expect(200, { open: true });
  });

  it('answers 401 with a Bearer challenge when the token is missing or malformed', async () => {
    const missing = await request(app.getHttpServer()).get('/me').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    await request(app.getHttpServer()).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    const invalid = await request(app.getHttpServer()).get('/me').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(invalid.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('answers 401 for a token minted for another audience', async () => {
    const token = await authority.mint({ roles: ['monitor'], audience: 'other' });
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('hands the verified actor to the handler', async () => {
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', await bearer(['evaluator'])).expect(200);
    expect(response.body).toEqual({ id: 'caller', roles: ['evaluator'], agencyId: null });
  });

  it('answers 403 when the caller lacks every listed role, 200 when it holds one', async () => {
    await request(app.getHttpServer()).get('/certificates').set('Authorization', await bearer(['monitor'])).expect(403);
    await request(app.getHttpServer()).get('/certificates').set('Authorization', await bearer(['certifier'])).expect(200);
  });

  it('lets a handler-level @Roles replace the class-level one', async () => {
    await request(app.getHttpServer()).get('/audit/replays').set('Authorization', await bearer(['auditor'])).expect(200);
    await request(app.getHttpServer()).get('/audit/replays').set('Authorization', await bearer(['evaluator'])).expect(403);
    await request(app.getHttpServer()).get('/audit/evaluations').set('Authorization', await bearer(['evaluator'])).expect(200);
    await request(app.getHttpServer()).get('/audit/evaluations').set('Authorization', await bearer(['auditor'])).expect(403);
  });

  it('keeps an agency system to its own agency', async () => {
    const btc = await bearer(['agency-integration'], 'BTC');
    await request(app.getHttpServer()).get('/agencies/BTC/roster').set('Authorization', btc).expect(200);
    await request(app.getHttpServer()).get('/agencies/HN/roster').set('Authorization', btc).expect(403);
    await request(app.getHttpServer()).get('/agencies/HN/roster').set('Authorization', await bearer(['monitor'])).expect(200);
  });
});

describe('AuthGuard in simulation mode', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    app = await probeApp({ jwksFile: authority.jwksFile, simulation: { roles: ['evaluator', 'institution-integration'] } });
  });

  afterAll(async () => {
    await app.close();
    authority.dispose();
  });

  const bearer = async (roles: Parameters<LocalTokenAuthority['mint']>[0]['roles']) => `Bearer ${await authority.mint({ roles, subject: 'caller' })}`;
  const at = { 'x-simulated-now': '2028-12-31T10:00:00+07:00' };

  it('lets only the configured roles state the domain time', async () => {
    await request(app.getHttpServer()).get('/me').set(at).set('authorization', await bearer(['evaluator'])).expect(200);
    const refused = await request(app.getHttpServer()).get('/me').set(at).set('authorization', await bearer(['monitor'])).expect(403);
    expect(JSON.stringify(refused.body)).toContain('x-simulated-now may be sent only by the roles evaluator, institution-integration');
    await request(app.getHttpServer()).get('/me').set('authorization', await bearer(['monitor'])).expect(200);
  });

  it('refuses a stated time from an anonymous caller of a public route', async () => {
    await request(app.getHttpServer()).get('/public').set(at).expect(403);
    await request(app.getHttpServer()).get('/public').expect(200);
  });
});
