import type { INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { loadConfig, createServiceApp } from '@training-ledger/platform';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import request from 'supertest';
import { EnrolmentConfig } from '../config';
import { EnrolmentModule } from '../enrolment.module';

describe('staff rosters (biên chế): the denominators of every evaluation', () => {
  const isolated = IsolatedEnvironment.create('rosters');
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let admin: string;
  let moha: string;
  let mofa: string;
  let monitor: string;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: EnrolmentModule.forRoot(config), title: 'enrolment' });
    await app.init();
    admin = await authority.mint({ roles: ['programme-admin'] });
    moha = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNV' });
    mofa = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNG' });
    monitor = await authority.mint({ roles: ['monitor'] });
    for (const [code, nameVi, nameEn] of [
      ['BNV', 'Bộ Nội vụ', 'Ministry of Home Affairs'],
      ['BNG', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'],
    ]) {
      await request(app.getHttpServer())
        .post('/agencies')
        .auth(admin, { type: 'bearer' })
        .send({ code, nameVi, nameEn, kind: 'ministry' })
        .expect(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await isolated.dispose();
    authority?.dispose();
  });

  const declare = (token: string, agencyId: string, body: object) =>
    request(app.getHttpServer()).post(`/agencies/${agencyId}/rosters`).auth(token, { type: 'bearer' }).send(body);

  const inForce = async (token: string, agencyId: string, asOf: string) =>
    request(app.getHttpServer()).get(`/agencies/${agencyId}/rosters/in-force`).query({ asOf }).auth(token, { type: 'bearer' });

  it('answers what an agency had declared as of any date, never editing an older declaration', async () => {
    await declare(moha, 'BNV', { asOf: '2027-01-01', regular: 150, nonRegular: 60 }).expect(200, {
      agencyId: 'BNV',
      asOf: '2027-01-01',
      recorded: ['StaffRosterDeclared.v1'],
    });
    await declare(moha, 'BNV', {
      asOf: '2028-06-30',
      regular: 170,
      nonRegular: 55,
      byRank: [
        { rank: 'director-general', regular: 10, nonRegular: 0 },
        { rank: 'specialist', regular: 160, nonRegular: 55 },
      ],
    }).expect(200);

    const at = async (date: string) => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const response = await inForce(monitor, 'BNV', date);
        if (response.status === 200) return response.body as { asOf: string; regular: number; nonRegular: number };
        await new Promise((wait) => setTimeout(wait, 250));
      }
      throw new Error(`no roster in force on ${date}`);
    };
    expect(await at('2028-12-31')).toMatchObject({ asOf: '2028-06-30', regular: 170, nonRegular: 55 });
    expect(await at('2027-06-01')).toMatchObject({ asOf: '2027-01-01', regular: 150, nonRegular: 60 });
    const before = await inForce(monitor, 'BNV', '2026-12-31');
    expect(before.status).toBe(404);
    expect(before.body).toMatchObject({ rule: 'roster-declared-by-then', field: 'asOf' });

    const history = await request(app.getHttpServer()).get('/agencies/BNV/rosters').auth(moha, { type: 'bearer' }).expect(200);
    expect(history.body.map((entry: { asOf: string }) => entry.asOf)).toEqual(['2028-06-30', '2027-01-01']);
  });

  it('records nothing when an integration resends the same declaration, and refuses a different one for the same date', async () => {
    await declare(moha, 'BNV', { asOf: '2027-01-01', regular: 150, nonRegular: 60 }).expect(200, {
      agencyId: 'BNV',
      asOf: '2027-01-01',
      recorded: [],
    });
    const conflicting = await declare(moha, 'BNV', { asOf: '2027-01-01', regular: 151, nonRegular: 60 });
    expect(conflicting.status).toBe(409);
    expect(conflicting.headers['content-type']).toContain('application/problem+json');
    expect(conflicting.body).toMatchObject({ rule: 'roster-declared-once-per-date' });
  });

  it('checks declarations row by row before recording them, appending nothing', async () => {
    const check = (token: string, rows: object[]) =>
      request(app.getHttpServer()).post('/agencies/BNV/rosters/check').auth(token, { type: 'bearer' }).send({ rows });
    const before = await request(app.getHttpServer()).get('/agencies/BNV/rosters').auth(moha, { type: 'bearer' }).expect(200);
    const checked = await check(moha, [
      { asOf: '2027-01-01', regular: 150, nonRegular: 60 },
      { asOf: '2027-01-01', regular: 151, nonRegular: 60 },
      { asOf: '2031-01-01', regular: 'many', nonRegular: 60 },
      { asOf: '2031-06-01', regular: 170, nonRegular: 65 },
      { asOf: '2031-06-01', regular: 170, nonRegular: 65 },
    ]).expect(200);
    expect(checked.body).toEqual({
      accepted: 1,
      alreadyRecorded: 2,
      refused: 2,
      items: [
        { index: 0, result: 'already-recorded', subjectId: 'BNV/2027-01-01' },
        expect.objectContaining({ index: 1, result: 'refused', status: 409, rule: 'roster-declared-once-per-date' }),
        expect.objectContaining({
          index: 2,
          result: 'refused',
          status: 400,
          kind: 'invalid',
          errors: expect.arrayContaining([{ field: 'regular', reason: 'regular must be a whole number' }]),
        }),
        { index: 3, result: 'accepted', subjectId: 'BNV/2031-06-01' },
        // The same declaration twice in one file is recorded once: each row is decided on the rows before it.
        { index: 4, result: 'already-recorded', subjectId: 'BNV/2031-06-01' },
      ],
    });
    await new Promise((wait) => setTimeout(wait, 500));
    const after = await request(app.getHttpServer()).get('/agencies/BNV/rosters').auth(moha, { type: 'bearer' }).expect(200);
    expect(after.body).toEqual(before.body);
    expect((await inForce(moha, 'BNV', '2031-12-31')).body).not.toMatchObject({ asOf: '2031-06-01' });
    expect((await check(mofa, [{ asOf: '2031-06-01', regular: 1, nonRegular: 1 }])).status).toBe(403);
    expect((await check(monitor, [{ asOf: '2031-06-01', regular: 1, nonRegular: 1 }])).status).toBe(403);
  });

  it('keeps each agency to its own roster', async () => {
    expect((await declare(mofa, 'BNV', { asOf: '2029-01-01', regular: 1, nonRegular: 1 })).status).toBe(403);
    expect((await inForce(mofa, 'BNV', '2028-12-31')).status).toBe(403);
    expect((await declare(monitor, 'BNV', { asOf: '2029-01-01', regular: 1, nonRegular: 1 })).status).toBe(403);
  });

  it('names the field and the rule when the input is wrong, and writes nothing', async () => {
    const malformed = await declare(moha, 'BNV', { asOf: '2028-02-30x', regular: -1, nonRegular: 2.5 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'asOf',
      'nonRegular',
      'regular',
    ]);
    const unbalanced = await declare(moha, 'BNV', {
      asOf: '2029-01-01',
      regular: 10,
      nonRegular: 0,
      byRank: [{ rank: 'specialist', regular: 9, nonRegular: 0 }],
    });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.body).toMatchObject({ rule: 'rank-breakdown-adds-up', field: 'byRank' });
    const unknownAgency = await declare(admin, 'NOWHERE', { asOf: '2029-01-01', regular: 1, nonRegular: 0 });
    expect(unknownAgency.status).toBe(404);
    expect(unknownAgency.body).toMatchObject({ rule: 'agency-must-exist' });
    expect((await inForce(monitor, 'BNV', '2029-06-01')).body).toMatchObject({ asOf: '2028-06-30' });
  });
});
