import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { MongoPersonalDataKeyStore } from './mongo-personal-data-key-store';
import { PersonalDataVault } from './personal-data-vault';

describe('PersonalDataVault sealing and indexing many subjects at once', () => {
  const database = `personal_data_vault_${randomBytes(4).toString('hex')}`;
  let connection: Connection;
  let keys: MongoPersonalDataKeyStore;
  let vault: PersonalDataVault;

  beforeAll(async () => {
    connection = await mongoose.createConnection(process.env.MONGO_URL!, { dbName: database }).asPromise();
    keys = new MongoPersonalDataKeyStore(connection, randomBytes(32));
    vault = new PersonalDataVault(keys);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('seals each subject’s data with its own key, as one seal at a time would, and nothing for an erased subject', async () => {
    const before = await vault.seal('V-0001', { fullName: 'Nguyễn Văn Học' });
    await vault.seal('V-0002', { fullName: 'Trần Thị Lan' });
    await vault.forget('V-0002');
    const sealed = await vault.sealMany([
      { subjectId: 'V-0001', data: { fullName: 'Nguyễn Văn Học' } },
      { subjectId: 'V-0002', data: { fullName: 'Trần Thị Lan' } },
      { subjectId: 'V-0003', data: { fullName: 'Lê Văn An' } },
      { subjectId: 'V-0003', data: { fullName: 'Lê Văn Ân' } },
    ]);
    expect(sealed[0]).toMatchObject({ keyId: before!.keyId, fingerprint: before!.fingerprint });
    expect(sealed[1]).toBeNull();
    expect(sealed[2]!.keyId).toBe(sealed[3]!.keyId);
    expect(await vault.open('V-0001', sealed[0]!)).toEqual({ fullName: 'Nguyễn Văn Học' });
    expect(await vault.open('V-0003', sealed[3]!)).toEqual({ fullName: 'Lê Văn Ân' });
    expect(await vault.seal('V-0002', { fullName: 'Trần Thị Lan' })).toBeNull();
    expect(await vault.sealMany([])).toEqual([]);
  });

  it('makes many subjects findable by name in one go', async () => {
    await vault.sealMany(['V-0010', 'V-0011'].map((subjectId) => ({ subjectId, data: {} })));
    await vault.indexMany([
      { subjectId: 'V-0010', scope: 'BNV', name: 'Nguyễn Văn Học' },
      { subjectId: 'V-0011', scope: 'BNV', name: 'Nguyễn Thị Lan' },
    ]);
    expect((await vault.search('BNV', 'nguyen')).sort()).toEqual(['V-0010', 'V-0011']);
    expect(await vault.search('BNV', 'hoc')).toEqual(['V-0010']);
  });
});
