import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import type { EventStore } from '@training-ledger/event-store';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { EVENT_STORE, MongoPersonalDataKeyStore, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AgenciesController } from '../agencies/agencies.controller';
import { EnrolmentConfig } from '../config';
import { TraineesModule } from './trainees.module';
import { enrolmentPublishedEvents } from '../published-events';

@Module({})
class TraineesUnderTest {
  static forRoot(config: EnrolmentConfig): DynamicModule {
    return {
      module: TraineesUnderTest,
      imports: [
        ServiceRuntimeModule.forRoot({ service: 'enrolment', config, publish: { mapper: enrolmentPublishedEvents } }),
        TraineesModule,
      ],
      controllers: [AgenciesController],
    };
  }
}

const profile = { targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null };
const hong = { traineeId: 'imp-hong', ...profile, fullName: 'Nguyễn Thị Hồng', dateOfBirth: '1988-02-14', staffNumber: 'BTP-1101' };
const duc = { traineeId: 'imp-duc', ...profile, fullName: 'Đặng Văn Đức', dateOfBirth: '1979-09-30', staffNumber: 'BTP-1102' };
const badDate = { traineeId: 'imp-bad', ...profile, fullName: 'Lê Minh Tâm', dateOfBirth: '1990-02-30', staffNumber: 'BTP-1103' };

describe('checking an import of trainees (kiểm tra trước khi ghi) and finding them by name', () => {
  const isolated = IsolatedEnvironment.create('trainee-import');
  const { schema, database, topicPrefix } = isolated;
  const masterKeyBefore = process.env.PERSONAL_DATA_MASTER_KEY;
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let store: EventStore;
  let connection: mongoose.Connection;
  let admin: string;
  let moj: string;
  let mofa: string;

  beforeAll(async () => {
    process.env.PERSONAL_DATA_MASTER_KEY = randomBytes(32).toString('base64');
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      EVENT_STORE_SCHEMA: schema,
      MONGO_DATABASE: database,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: TraineesUnderTest.forRoot(config), title: 'enrolment' });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    connection = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: database }).asPromise();
    admin = await authority.mint({ roles: ['programme-admin'] });
    moj = await authority.mint({ roles: ['agency-integration'], agencyId: 'BTP' });
    mofa = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNG' });
    for (const [code, nameVi, nameEn] of [
      ['BTP', 'Bộ Tư pháp', 'Ministry of Justice'],
      ['BNG', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'],
    ]) {
      await http().post('/agencies').auth(admin, { type: 'bearer' }).send({ code, nameVi, nameEn, kind: 'ministry' }).expect(200);
    }
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    if (masterKeyBefore === undefined) delete process.env.PERSONAL_DATA_MASTER_KEY;
    else process.env.PERSONAL_DATA_MASTER_KEY = masterKeyBefore;
    await isolated.dispose();
    authority?.dispose();
  });

  const http = () => request(app.getHttpServer());
  const check = (token: string, agencyId: string, rows: object[]) =>
    http().post(`/agencies/${agencyId}/trainees/check`).auth(token, { type: 'bearer' }).send({ rows });
  const register = (body: object) => http().post('/agencies/BTP/trainees').auth(moj, { type: 'bearer' }).send(body);
  const keyDocuments = () => connection.collection(MongoPersonalDataKeyStore.COLLECTION).find({}).toArray();
  const search = async (q: string, agencyId = 'BTP', token = moj): Promise<string[]> => {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const response = await http().get(`/agencies/${agencyId}/trainees`).query({ q }).auth(token, { type: 'bearer' }).expect(200);
      const ids = (response.body.trainees as { traineeId: string }[]).map((trainee) => trainee.traineeId);
      if (Number(response.headers['x-total-count']) === ids.length && ids.length > 0) return ids;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    return [];
  };

  it('gives an outcome per row, names the field of a malformed row, and appends nothing', async () => {
    const before = await store.readAll('start', { limit: 100_000 });
    const response = await check(moj, 'BTP', [hong, { ...duc, leadership: 'có' }, badDate, hong]).expect(200);
    expect(response.body).toMatchObject({ accepted: 1, alreadyRecorded: 1, refused: 2 });
    expect(response.body.items[0]).toEqual({ index: 0, result: 'accepted', subjectId: 'imp-hong' });
    expect(response.body.items[1]).toMatchObject({
      index: 1,
      result: 'refused',
      status: 400,
      kind: 'invalid',
      field: 'leadership',
      errors: [{ field: 'leadership', reason: 'leadership must be true or false' }],
    });
    expect(response.body.items[2].errors).toEqual([expect.objectContaining({ field: 'dateOfBirth' })]);
    // The same trainee twice in one file is recorded once: the check decides each row on the rows before it.
    expect(response.body.items[3]).toEqual({ index: 3, result: 'already-recorded', subjectId: 'imp-hong' });
    expect(await store.readAll('start', { limit: 100_000 })).toHaveLength(before.length);
    expect(await keyDocuments()).toEqual([]);
  });

  it('refuses, row by row, what the decider refuses: an id carrying the staff number, another agency', async () => {
    const response = await check(moj, 'BTP', [{ ...duc, traineeId: 'x-BTP-1102' }, duc]).expect(200);
    expect(response.body.items[0]).toMatchObject({ index: 0, result: 'refused', rule: 'trainee-id-carries-no-personal-data', field: 'traineeId' });
    expect(response.body.items[1]).toMatchObject({ index: 1, result: 'accepted' });
    await check(mofa, 'BTP', [duc]).expect(403);
    await check(moj, 'BTP', []).expect(400);
  });

  it('says already-recorded for rows recorded before, and refuses a changed row under a recorded id', async () => {
    await register(hong).expect(200);
    const response = await check(moj, 'BTP', [hong, { ...hong, rank: 'division-level' }, duc]).expect(200);
    expect(response.body.items.map((item: { result: string }) => item.result)).toEqual(['already-recorded', 'refused', 'accepted']);
    expect(response.body.items[1]).toMatchObject({ status: 409, rule: 'trainee-registered-once', field: 'traineeId' });
  });

  it('finds trainees by name without diacritics, within the agency only, and forgets the name on erasure', async () => {
    await register(duc).expect(200);
    expect(await search('nguyen thi hong')).toEqual(['imp-hong']);
    expect(await search('DANG duc')).toEqual(['imp-duc']);
    expect(await search('Đặng Văn')).toEqual(['imp-duc']);
    const other = await http().get('/agencies/BNG/trainees').query({ q: 'hong' }).auth(mofa, { type: 'bearer' }).expect(200);
    expect(other.body.trainees).toEqual([]);

    await http().post('/trainees/imp-hong/erasure').auth(moj, { type: 'bearer' }).send({ reason: 'Request of the data subject' }).expect(200);
    const none = await http().get('/agencies/BTP/trainees').query({ q: 'hong' }).auth(moj, { type: 'bearer' }).expect(200);
    expect(none.body.trainees).toEqual([]);
    const erasedKey = (await keyDocuments()).find((document) => document._id.toString() === 'imp-hong');
    expect(erasedKey).toBeDefined();
    expect(Object.keys(erasedKey ?? {}).sort()).toEqual(['_id', 'destroyedAt', 'keyId']);
    // A resent registration of the erased trainee records nothing and makes the name findable no more.
    await register(hong).expect(200);
    expect(JSON.stringify(await keyDocuments())).not.toContain('nguyen thi hong');
    expect(await http().get('/agencies/BTP/trainees').query({ q: 'nguyen' }).auth(moj, { type: 'bearer' }).expect(200)).toHaveProperty('body.trainees', []);
  });
});
