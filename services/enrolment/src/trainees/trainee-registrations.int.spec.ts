import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import type { EventStore } from '@training-ledger/event-store';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { EVENT_STORE, PERSONAL_DATA_KEY_STORE, type PersonalDataKeyStore, PersonalDataVault, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AgenciesController } from '../agencies/agencies.controller';
import { EnrolmentConfig } from '../config';
import { enrolmentPublishedEvents } from '../published-events';
import { MAX_REGISTRATIONS_PER_REQUEST } from './trainee-requests.dto';
import { traineeStreamName } from './trainee.decider';
import { TraineesModule } from './trainees.module';

@Module({})
class TraineeRegistrationsUnderTest {
  static forRoot(config: EnrolmentConfig): DynamicModule {
    return {
      module: TraineeRegistrationsUnderTest,
      imports: [ServiceRuntimeModule.forRoot({ service: 'enrolment', config, publish: { mapper: enrolmentPublishedEvents } }), TraineesModule],
      controllers: [AgenciesController],
    };
  }
}

const specialist = { targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null };
const person = (index: number) => ({ fullName: `Nguyễn Văn Học ${index}`, dateOfBirth: '1988-02-29', staffNumber: `BNV-${String(index).padStart(6, '0')}` });

/** Many trainees of an agency registered in one request (đăng ký danh sách học viên), on the real servers. */
describe('trainees registered in bulk over HTTP', () => {
  const isolated = IsolatedEnvironment.create('trainee-registrations');
  const masterKeyBefore = process.env.PERSONAL_DATA_MASTER_KEY;
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let store: EventStore;
  let admin: string;
  let moha: string;
  let mofa: string;
  let monitor: string;

  beforeAll(async () => {
    process.env.PERSONAL_DATA_MASTER_KEY = randomBytes(32).toString('base64');
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: TraineeRegistrationsUnderTest.forRoot(config), title: 'enrolment' });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    admin = await authority.mint({ roles: ['programme-admin'] });
    moha = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNV' });
    mofa = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNG' });
    monitor = await authority.mint({ roles: ['monitor'] });
    for (const [code, nameVi, nameEn] of [
      ['BNV', 'Bộ Nội vụ', 'Ministry of Home Affairs'],
      ['BNG', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'],
    ]) {
      await http().post('/agencies').auth(admin, { type: 'bearer' }).send({ code, nameVi, nameEn, kind: 'ministry' }).expect(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    if (masterKeyBefore === undefined) delete process.env.PERSONAL_DATA_MASTER_KEY;
    else process.env.PERSONAL_DATA_MASTER_KEY = masterKeyBefore;
    await isolated.dispose();
    authority?.dispose();
  });

  const http = () => request(app.getHttpServer());
  const registerMany = (token: string, agencyId: string, trainees: object[], key: string) =>
    http().post(`/agencies/${agencyId}/trainees/bulk`).set('Idempotency-Key', key).auth(token, { type: 'bearer' }).send({ trainees });
  const traineeEvents = async () => (await store.readAll('start', { limit: 100_000 })).filter((event) => event.streamName.startsWith('trainee-'));

  it('answers each registration on its own, in order, records the accepted ones, and replays a retry', async () => {
    await http()
      .post('/agencies/BNV/trainees')
      .auth(moha, { type: 'bearer' })
      .send({ traineeId: 'BNV-EARLIER', ...specialist, ...person(1) })
      .expect(200);
    const before = (await traineeEvents()).length;
    const rows = [
      { traineeId: 'BNV-A', ...specialist, ...person(2) },
      { traineeId: 'BNV-EARLIER', ...specialist, ...person(1) },
      { traineeId: 'BNV-EARLIER', ...specialist, rank: 'division-level', ...person(1) },
      { ...specialist, targetGroup: 'non-regular', ...person(3) },
      { traineeId: 'BNV-000004', ...specialist, ...person(4) },
      { traineeId: 'BNV-A', ...specialist, ...person(2) },
      { traineeId: 'BNV-B', ...specialist, rank: 'division-level', leadership: true, ...person(5) },
    ];
    const key = randomUUID();
    const response = await registerMany(moha, 'BNV', rows, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ agencyId: 'BNV', accepted: 3, alreadyRecorded: 2, refused: 2 });
    expect(response.body.items.map((item: { index: number; result: string; rule?: string }) => [item.index, item.rule ?? item.result])).toEqual([
      [0, 'accepted'],
      [1, 'already-recorded'],
      [2, 'trainee-registered-once'],
      [3, 'accepted'],
      [4, 'trainee-id-carries-no-personal-data'],
      [5, 'already-recorded'],
      [6, 'accepted'],
    ]);
    expect(response.body.items[2]).toMatchObject({ traineeId: 'BNV-EARLIER', status: 409, field: 'traineeId', kind: 'conflict' });
    expect(response.body.items[4]).toMatchObject({ traineeId: 'BNV-000004', status: 422, field: 'traineeId', kind: 'invalid' });
    const chosenId: string = response.body.items[3].traineeId;
    expect(chosenId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);

    const recorded = (await traineeEvents()).slice(before);
    expect(recorded).toHaveLength(6);
    expect(new Set(recorded.map((event) => event.streamName))).toEqual(new Set(['BNV-A', chosenId, 'BNV-B'].map(traineeStreamName)));
    expect(JSON.stringify(recorded.map(({ data }) => data))).not.toContain(person(3).fullName);
    const chosen = await http().get(`/trainees/${chosenId}`).auth(moha, { type: 'bearer' }).expect(200);
    expect(chosen.body).toMatchObject({ agencyId: 'BNV', targetGroup: 'non-regular', personalData: person(3) });

    const retried = await registerMany(moha, 'BNV', rows, key);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(response.body);
    expect(await traineeEvents()).toHaveLength(before + 6);

    // The same rows under a new key: the ids the caller gave are found recorded; a row without one is another person.
    const resent = await registerMany(moha, 'BNV', [rows[0]!, rows[6]!], randomUUID());
    expect(resent.body).toMatchObject({ accepted: 0, alreadyRecorded: 2, refused: 0 });
    expect((await registerMany(moha, 'BNV', rows.slice(0, 1), key)).status).toBe(422);
  });

  it('refuses a body with a bad row naming the row and field, and records nothing', async () => {
    const before = (await traineeEvents()).length;
    const badRank = await registerMany(moha, 'BNV', [{ traineeId: 'BNV-C', ...specialist, ...person(6) }, { traineeId: 'BNV-D', ...specialist, rank: 'minister', ...person(7) }], randomUUID());
    expect(badRank.status).toBe(400);
    expect(badRank.body.errors).toEqual([expect.objectContaining({ field: 'trainees[1].rank' })]);
    const noBirthDate = await registerMany(moha, 'BNV', [{ traineeId: 'BNV-C', ...specialist, ...person(6), dateOfBirth: undefined }], randomUUID());
    expect(noBirthDate.body.errors[0]).toMatchObject({ field: 'trainees[0].dateOfBirth' });
    const empty = await registerMany(moha, 'BNV', [], randomUUID());
    expect(empty.body.errors[0]).toMatchObject({ field: 'trainees' });
    const tooMany = Array.from({ length: MAX_REGISTRATIONS_PER_REQUEST + 1 }, (_, index) => ({ ...specialist, ...person(1_000 + index) }));
    const overLimit = await registerMany(moha, 'BNV', tooMany, randomUUID());
    expect(overLimit.status).toBe(400);
    expect(overLimit.body.errors[0]).toMatchObject({ field: 'trainees' });
    const noKey = await http().post('/agencies/BNV/trainees/bulk').auth(moha, { type: 'bearer' }).send({ trainees: [{ traineeId: 'BNV-C', ...specialist, ...person(6) }] });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0]).toMatchObject({ field: 'idempotency-key' });
    expect(await traineeEvents()).toHaveLength(before);
  });

  it('lets the agency register its own staff and the programme office any agency’s, no one else', async () => {
    const before = (await traineeEvents()).length;
    const row = { traineeId: 'BNV-E', ...specialist, ...person(8) };
    const byOtherAgency = await registerMany(mofa, 'BNV', [row], randomUUID());
    expect(byOtherAgency.status).toBe(403);
    expect((await registerMany(monitor, 'BNV', [row], randomUUID())).status).toBe(403);
    const unknownAgency = await registerMany(admin, 'BXX', [row], randomUUID());
    expect(unknownAgency.status).toBe(404);
    expect(await traineeEvents()).toHaveLength(before);

    const byOffice = await registerMany(admin, 'BNV', [row], randomUUID()).expect(200);
    expect(byOffice.body).toMatchObject({ agencyId: 'BNV', accepted: 1, items: [{ index: 0, traineeId: 'BNV-E', result: 'accepted' }] });
  });

  it('makes the trainees registered findable by name, and records an erased trainee sent again without personal data', async () => {
    await http().post('/agencies/BNV/trainees').auth(moha, { type: 'bearer' }).send({ traineeId: 'BNV-ERASED', ...specialist, ...person(10) }).expect(200);
    await http().post('/trainees/BNV-ERASED/erasure').auth(admin, { type: 'bearer' }).send({ reason: 'Request of the data subject' }).expect(200);
    const vault = app.get(PersonalDataVault);
    const keys = app.get<PersonalDataKeyStore>(PERSONAL_DATA_KEY_STORE);

    const response = await registerMany(moha, 'BNV', [{ traineeId: 'BNV-F', ...specialist, ...person(9) }, { traineeId: 'BNV-ERASED', ...specialist, ...person(10) }], randomUUID());
    expect(response.body).toMatchObject({ accepted: 1, alreadyRecorded: 1, refused: 0 });
    expect(await keys.get('BNV-ERASED')).toBeNull();
    expect(await keys.destroyed('BNV-ERASED')).toBe(true);
    expect(await vault.search('BNV', 'hoc 9')).toEqual(['BNV-F']);
    expect(await vault.search('BNV', 'hoc 10')).toEqual([]);
    const registered = await http().get('/trainees/BNV-F').auth(moha, { type: 'bearer' }).expect(200);
    expect(registered.body).toMatchObject({ agencyId: 'BNV', personalData: person(9) });
  });
});
