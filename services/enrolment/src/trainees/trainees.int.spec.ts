import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import type { EventStore, RecordedEvent } from '@training-ledger/event-store';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import {
  EVENT_STORE,
  MongoPersonalDataKeyStore,
  openPersonalData,
  PERSONAL_DATA_KEY_STORE,
  type PersonalDataEnvelope,
  type PersonalDataKeyStore,
  ServiceRuntimeModule,
} from '@training-ledger/service-runtime';
import mongoose from 'mongoose';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AgenciesController } from '../agencies/agencies.controller';
import { EnrolmentConfig } from '../config';
import { traineeStreamName } from './trainee.decider';
import { TraineesModule } from './trainees.module';
import { enrolmentPublishedEvents } from '../published-events';

/** The enrolment service as far as trainees need it: the runtime with its relay, agencies and trainees. */
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

const lan = { fullName: 'Nguyễn Thị Lan', dateOfBirth: '1990-04-12', staffNumber: 'BTP-004512' };
const minh = { fullName: 'Trần Quang Minh', dateOfBirth: '1985-11-03', staffNumber: 'BTP-001877' };
const hoa = { fullName: 'Lê Thị Hoa', dateOfBirth: '1993-07-25', staffNumber: 'BTP-007731' };
const specialist = { targetGroup: 'regular', rank: 'specialist', leadership: false, sector: 'international law' };

describe('trainees (học viên) over HTTP, with personal data erasable by crypto-shredding', () => {
  const isolated = IsolatedEnvironment.create('trainees');
  const { schema, database, topicPrefix } = isolated;
  const masterKeyBefore = process.env.PERSONAL_DATA_MASTER_KEY;
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let store: EventStore;
  let keys: PersonalDataKeyStore;
  let admin: string;
  let moj: string;
  let mofa: string;
  let monitor: string;
  let auditor: string;

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
    keys = app.get<PersonalDataKeyStore>(PERSONAL_DATA_KEY_STORE);
    admin = await authority.mint({ roles: ['programme-admin'] });
    moj = await authority.mint({ roles: ['agency-integration'], agencyId: 'BTP' });
    mofa = await authority.mint({ roles: ['agency-integration'], agencyId: 'BNG' });
    monitor = await authority.mint({ roles: ['monitor'] });
    auditor = await authority.mint({ roles: ['auditor'] });
    for (const [code, nameVi, nameEn] of [
      ['BTP', 'Bộ Tư pháp', 'Ministry of Justice'],
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
  const register = (token: string, agencyId: string, body: object) =>
    http().post(`/agencies/${agencyId}/trainees`).auth(token, { type: 'bearer' }).send(body);
  const read = (token: string, traineeId: string) => http().get(`/trainees/${traineeId}`).auth(token, { type: 'bearer' });
  const changeProfile = (token: string, traineeId: string, body: object) =>
    http().put(`/trainees/${traineeId}/profile`).auth(token, { type: 'bearer' }).send(body);
  const transfer = (token: string, traineeId: string, body: object) =>
    http().post(`/trainees/${traineeId}/transfer`).auth(token, { type: 'bearer' }).send(body);
  const erase = (token: string, traineeId: string, reason: string) =>
    http().post(`/trainees/${traineeId}/erasure`).auth(token, { type: 'bearer' }).send({ reason });
  const directory = (token: string, agencyId: string) =>
    http().get(`/agencies/${agencyId}/trainees`).auth(token, { type: 'bearer' });

  /** The directory is a read model of the log: it catches up a moment after a write. */
  const directoryOnceItShows = async (agencyId: string, shows: (trainees: Array<Record<string, unknown>>) => boolean) => {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const response = await directory(admin, agencyId).expect(200);
      if (shows(response.body.trainees)) return response.body.trainees as Array<Record<string, unknown>>;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`the directory of ${agencyId} never showed what was expected`);
  };

  const everyEvent = () => store.readAll('start', { limit: 100_000 });

  it('registers a trainee, keeps the personal data sealed in the log, and reads it back', async () => {
    const registered = await register(moj, 'BTP', { traineeId: 'T-LAN', ...specialist, ...lan }).expect(200);
    expect(registered.body).toEqual({
      traineeId: 'T-LAN',
      agencyId: 'BTP',
      recorded: ['TraineeRegistered.v1', 'TraineePersonalDataRecorded.v1'],
    });

    const stream = await store.readStream(traineeStreamName('T-LAN'));
    expect(stream.map((event) => event.type)).toEqual(['TraineeRegistered.v1', 'TraineePersonalDataRecorded.v1']);
    const logged = JSON.stringify(stream.map(({ type, data, metadata }) => ({ type, data, metadata })));
    for (const value of Object.values(lan)) expect(logged).not.toContain(value);

    for (const token of [moj, admin]) {
      expect((await read(token, 'T-LAN').expect(200)).body).toEqual({
        traineeId: 'T-LAN',
        agencyId: 'BTP',
        ...specialist,
        lastEffectiveFrom: null,
        erased: false,
        personalData: lan,
      });
    }
    for (const token of [monitor, auditor]) {
      expect((await read(token, 'T-LAN').expect(200)).body).toMatchObject({ traineeId: 'T-LAN', erased: false, personalData: null });
    }

    await register(moj, 'BTP', { traineeId: 'T-LAN', ...specialist, ...lan }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BTP',
      recorded: [],
    });
    const otherPerson = await register(moj, 'BTP', { traineeId: 'T-LAN', ...specialist, ...minh });
    expect(otherPerson.status).toBe(409);
    expect(otherPerson.body).toMatchObject({ rule: 'trainee-registered-once', field: 'traineeId' });
  });

  it('chooses a random trainee id when the agency sends none, and lists the trainee without personal data', async () => {
    const registered = await register(admin, 'BTP', { ...specialist, rank: 'division-level', leadership: true, sector: null, ...minh }).expect(200);
    const traineeId: string = registered.body.traineeId;
    expect(traineeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const listed = await directoryOnceItShows('BTP', (trainees) => trainees.some((entry) => entry.traineeId === traineeId));
    expect(listed.find((entry) => entry.traineeId === traineeId)).toEqual({
      traineeId,
      agencyId: 'BTP',
      targetGroup: 'regular',
      rank: 'division-level',
      leadership: true,
      sector: null,
      erased: false,
    });
    const readModel = await mongoose.createConnection(process.env.MONGO_URL!, { dbName: database }).asPromise();
    try {
      const collections = await readModel.db!.listCollections({}, { nameOnly: true }).toArray();
      const directoryCollections = collections.map((collection) => collection.name).filter((name) => name.startsWith('trainee_directory'));
      expect(directoryCollections).not.toHaveLength(0);
      for (const name of directoryCollections) {
        const documents = JSON.stringify(await readModel.db!.collection(name).find({}).toArray());
        for (const value of [...Object.values(lan), ...Object.values(minh)]) expect(documents).not.toContain(value);
      }
    } finally {
      await readModel.close();
    }
  });

  it('changes the profile from a date, only through the agency the trainee belongs to', async () => {
    const promotion = { ...specialist, rank: 'division-level', leadership: true, effectiveFrom: '2027-03-01' };
    await changeProfile(moj, 'T-LAN', promotion).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BTP',
      recorded: ['TraineeProfileChanged.v1'],
    });
    await changeProfile(moj, 'T-LAN', promotion).expect(200, { traineeId: 'T-LAN', agencyId: 'BTP', recorded: [] });
    expect((await read(moj, 'T-LAN').expect(200)).body).toMatchObject({
      rank: 'division-level',
      leadership: true,
      lastEffectiveFrom: '2027-03-01',
      personalData: lan,
    });

    const earlier = await changeProfile(admin, 'T-LAN', { ...promotion, rank: 'specialist', effectiveFrom: '2027-02-01' });
    expect(earlier.status).toBe(422);
    expect(earlier.body).toMatchObject({ rule: 'changes-in-date-order', field: 'effectiveFrom' });

    const byAnotherAgency = await changeProfile(mofa, 'T-LAN', { ...promotion, effectiveFrom: '2027-04-01' });
    expect(byAnotherAgency.status).toBe(403);
    expect(byAnotherAgency.body).toMatchObject({ rule: 'trainee-belongs-to-agency' });
    expect((await read(mofa, 'T-LAN')).status).toBe(403);
    expect((await erase(mofa, 'T-LAN', 'Request of the data subject')).status).toBe(403);
    expect((await directory(mofa, 'BTP')).status).toBe(403);
    expect((await register(mofa, 'BTP', { ...specialist, ...hoa })).status).toBe(403);
    expect((await changeProfile(monitor, 'T-LAN', promotion)).status).toBe(403);
  });

  it('transfers a trainee: the new agency reads and changes them, the former one no longer can', async () => {
    await transfer(moj, 'T-LAN', { toAgencyId: 'BNG', effectiveFrom: '2027-07-01' }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BNG',
      recorded: ['TraineeTransferred.v1'],
    });
    await transfer(moj, 'T-LAN', { toAgencyId: 'BNG', effectiveFrom: '2027-07-01' }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BNG',
      recorded: [],
    });
    await transfer(admin, 'T-LAN', { toAgencyId: 'BNG', effectiveFrom: '2027-07-01' }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BNG',
      recorded: [],
    });

    expect((await read(moj, 'T-LAN')).status).toBe(403);
    expect((await read(mofa, 'T-LAN').expect(200)).body).toMatchObject({ agencyId: 'BNG', personalData: lan });
    const byFormerAgency = await changeProfile(moj, 'T-LAN', { ...specialist, effectiveFrom: '2027-08-01' });
    expect(byFormerAgency.status).toBe(403);
    await changeProfile(mofa, 'T-LAN', { ...specialist, rank: 'division-level', leadership: true, sector: 'consular affairs', effectiveFrom: '2027-08-01' }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BNG',
      recorded: ['TraineeProfileChanged.v1'],
    });

    const atMofa = await directoryOnceItShows('BNG', (trainees) => trainees.some((entry) => entry.sector === 'consular affairs'));
    expect(atMofa.map((entry) => entry.traineeId)).toEqual(['T-LAN']);
    const atMoj = await directoryOnceItShows('BTP', (trainees) => !trainees.some((entry) => entry.traineeId === 'T-LAN'));
    expect(atMoj).toHaveLength(1);

    const nowhere = await transfer(mofa, 'T-LAN', { toAgencyId: 'NOWHERE', effectiveFrom: '2027-09-01' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toMatchObject({ rule: 'agency-must-exist', field: 'toAgencyId' });
  });

  it('corrects personal data, recording nothing when the same data is sent again', async () => {
    const corrected = { ...lan, dateOfBirth: '1990-04-21' };
    const put = (body: object) => http().put('/trainees/T-LAN/personal-data').auth(mofa, { type: 'bearer' }).send(body);
    await put(corrected).expect(200, { traineeId: 'T-LAN', agencyId: 'BNG', recorded: ['TraineePersonalDataRecorded.v1'] });
    // The same name in decomposed Unicode and with stray spaces is the same data.
    await put({ ...corrected, fullName: ` ${'Nguyễn Thị  Lan'.normalize('NFD')} ` }).expect(200, {
      traineeId: 'T-LAN',
      agencyId: 'BNG',
      recorded: [],
    });
    expect((await read(admin, 'T-LAN').expect(200)).body.personalData).toEqual(corrected);
    expect((await http().put('/trainees/T-LAN/personal-data').auth(moj, { type: 'bearer' }).send(lan)).status).toBe(403);
  });

  it('names every field and rule that is wrong, and writes nothing', async () => {
    const before = (await everyEvent()).length;
    const malformed = await register(moj, 'BTP', {
      traineeId: 'T with spaces',
      targetGroup: 'sometimes',
      rank: 'minister',
      leadership: 'yes',
      sector: '',
      fullName: '',
      dateOfBirth: '1990-02-30',
      staffNumber: '',
      nationalId: '001090012345',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const fields = [...new Set(malformed.body.errors.map((error: { field: string }) => error.field))].sort();
    expect(fields).toEqual([
      'dateOfBirth',
      'fullName',
      'leadership',
      'nationalId',
      'rank',
      'sector',
      'staffNumber',
      'targetGroup',
      'traineeId',
    ]);
    expect(malformed.body.errors).toContainEqual({ field: 'dateOfBirth', reason: expect.stringContaining('calendar date') });

    const missing = await register(moj, 'BTP', { ...specialist });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['fullName', 'dateOfBirth', 'staffNumber']),
    );

    const badChange = await changeProfile(admin, 'T-LAN', { ...specialist, effectiveFrom: '2027-13-01', leadership: 1 });
    expect(badChange.status).toBe(400);
    expect(badChange.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['effectiveFrom', 'leadership']);

    const badTransfer = await transfer(admin, 'T-LAN', { toAgencyId: 'bng', effectiveFrom: '1 July 2027' });
    expect(badTransfer.status).toBe(400);
    expect(badTransfer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['effectiveFrom', 'toAgencyId']);

    const noReason = await erase(admin, 'T-LAN', '   ');
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', reason: 'reason must state the lawful ground of the erasure' }]);

    const revealingId = await register(moj, 'BTP', { traineeId: 'BTP-007731', ...specialist, ...hoa });
    expect(revealingId.status).toBe(422);
    expect(revealingId.body).toMatchObject({ rule: 'trainee-id-carries-no-personal-data', field: 'traineeId' });

    const unknownAgency = await register(admin, 'NOWHERE', { ...specialist, ...hoa });
    expect(unknownAgency.status).toBe(404);
    expect(unknownAgency.body).toMatchObject({ rule: 'agency-must-exist' });
    expect((await directory(admin, 'NOWHERE')).status).toBe(404);

    const unknownTrainee = await read(admin, 'T-NOBODY');
    expect(unknownTrainee.status).toBe(404);
    expect(unknownTrainee.body).toMatchObject({ rule: 'trainee-must-exist', field: 'traineeId' });

    expect(await everyEvent()).toHaveLength(before);
  });

  it('erases personal data by destroying its key: the log keeps every event, and its ciphertext can no longer be read', async () => {
    await register(moj, 'BTP', { traineeId: 'T-HOA', ...specialist, ...hoa }).expect(200);
    await changeProfile(moj, 'T-HOA', { ...specialist, rank: 'division-level', effectiveFrom: '2027-05-01' }).expect(200);
    const sealed = (await store.readStream(traineeStreamName('T-HOA'))).find(
      (event): event is RecordedEvent<string, PersonalDataEnvelope> => event.type === 'TraineePersonalDataRecorded.v1',
    )!;
    const keyBefore = await keys.get('T-HOA');
    expect(keyBefore).not.toBeNull();
    expect(openPersonalData(keyBefore!, 'T-HOA', sealed.data)).toEqual(hoa);
    const logBefore = await everyEvent();

    await erase(moj, 'T-HOA', 'Request of the data subject under Article 16 of Decree 13/2023/ND-CP').expect(200, {
      traineeId: 'T-HOA',
      agencyId: 'BTP',
      recorded: ['TraineePersonalDataErased.v1'],
      personalDataKey: 'destroyed',
    });

    expect((await read(moj, 'T-HOA').expect(200)).body).toEqual({
      traineeId: 'T-HOA',
      agencyId: 'BTP',
      ...specialist,
      rank: 'division-level',
      lastEffectiveFrom: '2027-05-01',
      erased: true,
      personalData: null,
    });

    const logAfter = await everyEvent();
    expect(logAfter).toHaveLength(logBefore.length + 1);
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.at(-1)).toMatchObject({ type: 'TraineePersonalDataErased.v1', streamName: traineeStreamName('T-HOA') });
    const stillSealed = (await store.readStream(traineeStreamName('T-HOA'))).find(
      (event): event is RecordedEvent<string, PersonalDataEnvelope> => event.type === 'TraineePersonalDataRecorded.v1',
    )!;
    expect(stillSealed.data).toEqual(sealed.data);

    expect(await keys.get('T-HOA')).toBeNull();
    const keyDocuments = await mongoose.createConnection(process.env.MONGO_URL!, { dbName: database }).asPromise();
    try {
      const tombstone = await keyDocuments.db!.collection<{ _id: string }>(MongoPersonalDataKeyStore.COLLECTION).findOne({ _id: 'T-HOA' });
      expect(Object.keys(tombstone!).sort()).toEqual(['_id', 'destroyedAt', 'keyId']);
    } finally {
      await keyDocuments.close();
    }
    // Only the key destroyed would open it: with any other key the envelope does not authenticate.
    expect(() => openPersonalData({ keyId: sealed.data.keyId, secret: randomBytes(32) }, 'T-HOA', stillSealed.data)).toThrow(
      /does not authenticate/,
    );

    await erase(admin, 'T-HOA', 'Repeated request').expect(200, {
      traineeId: 'T-HOA',
      agencyId: 'BTP',
      recorded: [],
      personalDataKey: 'destroyed',
    });
    await register(moj, 'BTP', { traineeId: 'T-HOA', ...specialist, ...hoa }).expect(200, {
      traineeId: 'T-HOA',
      agencyId: 'BTP',
      recorded: [],
    });
    expect(await keys.get('T-HOA')).toBeNull();
    const closed = await changeProfile(moj, 'T-HOA', { ...specialist, effectiveFrom: '2027-06-01' });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ rule: 'no-changes-after-erasure' });
    const noNewData = await http().put('/trainees/T-HOA/personal-data').auth(moj, { type: 'bearer' }).send(hoa);
    expect(noNewData.status).toBe(409);
    expect(await everyEvent()).toHaveLength(logAfter.length);

    const listed = await directoryOnceItShows('BTP', (trainees) => trainees.some((entry) => entry.traineeId === 'T-HOA' && entry.erased === true));
    expect(listed.find((entry) => entry.traineeId === 'T-HOA')).toMatchObject({ rank: 'division-level', erased: true });
  });

  it('documents every trainee endpoint and its request fields with examples in the OpenAPI description', async () => {
    const openApi = (await http().get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining([
        '/agencies/{agencyId}/trainees',
        '/trainees/{traineeId}',
        '/trainees/{traineeId}/profile',
        '/trainees/{traineeId}/transfer',
        '/trainees/{traineeId}/personal-data',
        '/trainees/{traineeId}/erasure',
      ]),
    );
    const registration = openApi.components.schemas.RegisterTraineeDto;
    expect(registration.required).toEqual(
      expect.arrayContaining(['targetGroup', 'rank', 'leadership', 'fullName', 'dateOfBirth', 'staffNumber']),
    );
    expect(registration.properties.targetGroup).toMatchObject({ enum: ['regular', 'non-regular'], example: 'regular' });
    expect(registration.properties.fullName).toMatchObject({ example: 'Nguyễn Thị Lan' });
  });

  it('publishes the trainees’ profiles, transfers and erasures, and nothing of their personal data', async () => {
    const publish = enrolmentPublishedEvents;
    const traineeEvents = (await everyEvent()).filter((event) => event.streamName.startsWith('trainee-'));
    const published = traineeEvents.map(publish).filter((draft) => draft !== null);
    expect(new Set(published.map((draft) => draft.type))).toEqual(
      new Set(['TraineeRegistered.v1', 'TraineeProfileChanged.v1', 'TraineeTransferred.v1', 'TraineePersonalDataErased.v1']),
    );
    const erasures = published.filter((draft) => draft.type === 'TraineePersonalDataErased.v1');
    expect(erasures.map((draft) => Object.keys(draft.data as object))).toEqual(erasures.map(() => ['traineeId']));
    const ciphertexts = traineeEvents
      .filter((event) => event.type === 'TraineePersonalDataRecorded.v1')
      .flatMap((event) => {
        const { keyId, ciphertext, tag, fingerprint } = event.data as PersonalDataEnvelope;
        return [keyId, ciphertext, tag, fingerprint];
      });
    expect(ciphertexts.length).toBeGreaterThanOrEqual(12);
    const wire = JSON.stringify(published);
    for (const value of [...[lan, minh, hoa].flatMap((person) => Object.values(person)), '1990-04-21', ...ciphertexts]) {
      expect(wire).not.toContain(value);
    }
    for (const field of ['fullName', 'dateOfBirth', 'staffNumber', 'ciphertext', 'fingerprint', 'personalData']) {
      expect(wire).not.toContain(field);
    }
  });
});
