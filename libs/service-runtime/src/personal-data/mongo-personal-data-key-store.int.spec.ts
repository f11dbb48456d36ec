import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { MongoPersonalDataKeyStore, PersonalDataKeyUnwrapError } from './mongo-personal-data-key-store';
import { PersonalDataKeyDestroyedError } from './personal-data-key-store';

describe('MongoPersonalDataKeyStore on the service’s MongoDB', () => {
  const database = `personal_data_keys_${randomBytes(4).toString('hex')}`;
  const masterKey = randomBytes(32);
  let connection: Connection;
  let keys: MongoPersonalDataKeyStore;

  const stored = (subjectId: string) =>
    connection.db!.collection<{ _id: string }>(MongoPersonalDataKeyStore.COLLECTION).findOne({ _id: subjectId });
  const searchEntry = (subjectId: string) =>
    connection.db!.collection<{ _id: string }>(MongoPersonalDataKeyStore.SEARCH_COLLECTION).findOne({ _id: subjectId });

  beforeAll(async () => {
    connection = await mongoose.createConnection(process.env.MONGO_URL!, { dbName: database }).asPromise();
    keys = new MongoPersonalDataKeyStore(connection, masterKey);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('gives a subject a 32-byte key and finds it again, stored only wrapped', async () => {
    const created = await keys.create('T-0001');
    expect(created.secret).toHaveLength(32);
    expect(await keys.get('T-0001')).toEqual(created);
    const document = await stored('T-0001');
    expect(document).toMatchObject({ _id: 'T-0001', keyId: created.keyId, wrappedKey: expect.any(String) });
    const raw = JSON.stringify(document);
    expect(raw).not.toContain(created.secret.toString('base64'));
    expect(raw).not.toContain(created.secret.toString('hex'));
  });

  it('knows no key for a subject that never had one', async () => {
    expect(await keys.get('T-never')).toBeNull();
  });

  it('hands every concurrent creation for one subject the same key', async () => {
    const created = await Promise.all(Array.from({ length: 5 }, () => keys.create('T-0002')));
    expect(new Set(created.map((key) => key.keyId)).size).toBe(1);
    expect(new Set(created.map((key) => key.secret.toString('hex'))).size).toBe(1);
  });

  it('destroys a key for good: nothing of it is left, and no new key is made for the subject', async () => {
    await keys.create('T-0003');
    expect(await keys.destroyed('T-0003')).toBe(false);
    await keys.destroy('T-0003');
    expect(await keys.get('T-0003')).toBeNull();
    expect(await keys.destroyed('T-0003')).toBe(true);
    expect(await keys.destroyed('T-never-registered')).toBe(false);
    const live = await keys.create('T-0003-live');
    expect(await keys.getMany(['T-0003', 'T-0003-live', 'T-never-registered', 'T-0003-live'])).toEqual(new Map([['T-0003-live', live]]));
    const tombstone = await stored('T-0003');
    expect(tombstone).toEqual({ _id: 'T-0003', keyId: expect.any(String), destroyedAt: expect.any(Date) });
    await expect(keys.create('T-0003')).rejects.toBeInstanceOf(PersonalDataKeyDestroyedError);
  });

  it('keeps the time of the first destruction when a key is destroyed again', async () => {
    let now = new Date('2028-01-01T00:00:00.000Z');
    const clocked = new MongoPersonalDataKeyStore(connection, masterKey, () => now);
    await clocked.create('T-0004');
    await clocked.destroy('T-0004');
    now = new Date('2028-02-01T00:00:00.000Z');
    await clocked.destroy('T-0004');
    expect(await stored('T-0004')).toMatchObject({ destroyedAt: new Date('2028-01-01T00:00:00.000Z') });
  });

  it('refuses a key to a subject erased before it had one', async () => {
    await keys.destroy('T-0005');
    await expect(keys.create('T-0005')).rejects.toBeInstanceOf(PersonalDataKeyDestroyedError);
  });

  it('reports a key wrapped under another master key instead of handing out a wrong one', async () => {
    await keys.create('T-0006');
    const otherMaster = new MongoPersonalDataKeyStore(connection, randomBytes(32));
    await expect(otherMaster.get('T-0006')).rejects.toThrow(PersonalDataKeyUnwrapError);
    await expect(otherMaster.get('T-0006')).rejects.toThrow(/wrapped with master key [0-9a-f]{16}/);
  });

  it('does not open a wrapped key moved to another subject', async () => {
    await keys.create('T-0007');
    const { _id, ...wrapped } = (await stored('T-0007'))!;
    expect(_id).toBe('T-0007');
    await connection.db!.collection<{ _id: string }>(MongoPersonalDataKeyStore.COLLECTION).insertOne({ _id: 'T-0008', ...wrapped });
    await expect(keys.get('T-0008')).rejects.toThrow(/does not authenticate under the master key/);
  });

  it('makes many keys in one go, keeping the key a subject already has and making none for a destroyed one', async () => {
    const existing = await keys.create('M-0001');
    await keys.create('M-0002');
    await keys.destroy('M-0002');
    const made = await keys.createMany(['M-0001', 'M-0002', 'M-0003', 'M-0004', 'M-0003']);
    expect([...made.keys()].sort()).toEqual(['M-0001', 'M-0003', 'M-0004']);
    expect(made.get('M-0001')).toEqual(existing);
    expect(await keys.get('M-0003')).toEqual(made.get('M-0003'));
    expect(await keys.get('M-0004')).toEqual(made.get('M-0004'));
    expect(await keys.destroyed('M-0002')).toBe(true);
    expect(await stored('M-0002')).toEqual({ _id: 'M-0002', keyId: expect.any(String), destroyedAt: expect.any(Date) });
    expect(await keys.createMany([])).toEqual(new Map());
  });

  it('ends with one key per subject when batches and single creations race for the same subjects', async () => {
    const subjects = Array.from({ length: 40 }, (_, index) => `M-RACE-${index}`);
    const answers = await Promise.all([
      keys.createMany(subjects),
      keys.createMany([...subjects].reverse()),
      keys.create('M-RACE-7').then((key) => new Map([['M-RACE-7', key]])),
      keys.createMany(subjects.slice(10, 30)),
    ]);
    const kept = await keys.getMany(subjects);
    expect(kept.size).toBe(subjects.length);
    for (const answer of answers) {
      for (const [subjectId, key] of answer) expect(key).toEqual(kept.get(subjectId));
    }
  });

  it('keeps many search keys in one go, the later of a subject’s, and none for a destroyed key', async () => {
    await keys.createMany(['S-0001', 'S-0002', 'S-0003']);
    await keys.destroy('S-0003');
    await keys.setSearchKeys([
      { subjectId: 'S-0001', scope: 'BNV', searchKey: 'nguyen van hoc' },
      { subjectId: 'S-0002', scope: 'BNV', searchKey: 'tran thi lan' },
      { subjectId: 'S-0003', scope: 'BNV', searchKey: 'le van an' },
      { subjectId: 'S-0002', scope: 'BNG', searchKey: 'tran thi mai' },
    ]);
    expect(await keys.searchSubjects('BNV', 'nguyen hoc')).toEqual(['S-0001']);
    expect(await keys.searchSubjects('BNV', 'tran')).toEqual([]);
    expect(await keys.searchSubjects('BNG', 'tran mai')).toEqual(['S-0002']);
    expect(await keys.searchSubjects('BNV', 'le')).toEqual([]);
    expect(await stored('S-0003')).toEqual({ _id: 'S-0003', keyId: expect.any(String), destroyedAt: expect.any(Date) });
  });

  it('keeps the search key apart from the key document, which only its creation and its destruction write', async () => {
    await keys.create('S-0101');
    await keys.setSearchKey('S-0101', 'BNV', 'pham minh duc');
    await keys.setSearchScope('S-0101', 'BNG');
    expect(Object.keys((await stored('S-0101')) ?? {}).sort()).toEqual(['_id', 'createdAt', 'iv', 'keyId', 'masterKeyId', 'tag', 'wrappedKey']);
    expect(await keys.searchSubjects('BNG', 'pham duc')).toEqual(['S-0101']);
    expect(await keys.searchSubjects('BNV', 'pham')).toEqual([]);
    await keys.setSearchScope('S-never', 'BNG');
    expect(await searchEntry('S-never')).toBeNull();
  });

  it('leaves no key and no search key of a subject erased while its name is indexed and moved', async () => {
    const subjects = Array.from({ length: 40 }, (_unused, index) => `S-race-${index}`);
    await keys.createMany(subjects);
    await keys.setSearchKeys(subjects.map((subjectId) => ({ subjectId, scope: 'BNV', searchKey: 'vo thi hanh' })));
    await Promise.all(
      subjects.flatMap((subjectId) => [
        keys.setSearchKey(subjectId, 'BNV', 'vo thi hanh'),
        keys.setSearchScope(subjectId, 'BNG'),
        keys.setSearchKeys([{ subjectId, scope: 'BNG', searchKey: 'vo thi hanh' }]),
        keys.destroy(subjectId),
      ]),
    );
    expect(await keys.getMany(subjects)).toEqual(new Map());
    for (const subjectId of subjects) {
      expect(await stored(subjectId)).toEqual({ _id: subjectId, keyId: expect.any(String), destroyedAt: expect.any(Date) });
      expect(await searchEntry(subjectId)).toBeNull();
    }
    expect(await keys.searchSubjects('BNV', 'vo hanh')).toEqual([]);
    expect(await keys.searchSubjects('BNG', 'vo hanh')).toEqual([]);
  });

  it('copies once the search keys an earlier version kept in the key documents, none of an erased subject', async () => {
    const copying = `personal_data_keys_copy_${randomBytes(4).toString('hex')}`;
    const earlier = connection.useDb(copying, { useCache: false });
    const store = new MongoPersonalDataKeyStore(earlier, masterKey);
    try {
      await store.createMany(['L-1', 'L-2', 'L-3']);
      await store.setSearchKeys([
        { subjectId: 'L-1', scope: 'BNV', searchKey: 'dang van khoa' },
        { subjectId: 'L-2', scope: 'BNV', searchKey: 'dang thi thu' },
        { subjectId: 'L-3', scope: 'BNV', searchKey: 'dang van son' },
      ]);
      const entries = earlier.db!.collection<{ _id: string; searchTokens: string[]; searchScope: string }>(MongoPersonalDataKeyStore.SEARCH_COLLECTION);
      for (const { _id, searchTokens, searchScope } of await entries.find({}).toArray()) {
        await earlier.db!.collection<{ _id: string }>(MongoPersonalDataKeyStore.COLLECTION).updateOne({ _id }, { $set: { searchTokens, searchScope } });
      }
      await entries.deleteMany({});
      await store.destroy('L-3');
      await store.copySearchKeysFromKeyDocuments();
      expect((await store.searchSubjects('BNV', 'dang')).sort()).toEqual(['L-1', 'L-2']);
      await store.setSearchScope('L-2', 'BNG');
      await store.copySearchKeysFromKeyDocuments();
      expect(await store.searchSubjects('BNV', 'dang')).toEqual(['L-1']);
      expect(await store.searchSubjects('BNG', 'dang thu')).toEqual(['L-2']);
    } finally {
      await earlier.dropDatabase();
    }
  });
});
