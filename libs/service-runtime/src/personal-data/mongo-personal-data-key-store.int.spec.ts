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
});
