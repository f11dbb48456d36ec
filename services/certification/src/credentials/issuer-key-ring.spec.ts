import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { IssuerKeyRing, loadOrCreateKeyRing, saveKeyRing } from './issuer-key-ring';

const JANUARY = new Date('2027-01-01T00:00:00Z');
const JUNE = new Date('2027-06-01T00:00:00Z');

describe('IssuerKeyRing', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'issuer-keys-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('names its key by the RFC 7638 thumbprint and publishes it for signatures with EdDSA', async () => {
    const keyRing = await IssuerKeyRing.generate(JANUARY);

    const [published] = keyRing.publicJwks().keys;

    expect(published).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: keyRing.activeKid, use: 'sig', alg: 'EdDSA' });
    expect(keyRing.activeKid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: published!.x! }));
  });

  it('never lets private key material out except through the key document', async () => {
    const keyRing = await (await IssuerKeyRing.generate(JANUARY)).rotate(JUNE);
    const privateKey = keyRing.toDocument().active.privateJwk.d;

    expect(privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const key of keyRing.publicJwks().keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(JSON.stringify(keyRing.publicJwks())).not.toContain(privateKey);
    expect(JSON.stringify(keyRing.publicJwk(keyRing.activeKid))).not.toContain(privateKey);
    expect(JSON.stringify(keyRing)).not.toContain(privateKey);
  });

  it('keeps the public half of the old key when it rotates, and only that', async () => {
    const original = await IssuerKeyRing.generate(JANUARY);

    const rotated = await original.rotate(JUNE);

    expect(rotated.activeKid).not.toBe(original.activeKid);
    expect(rotated.publicJwks().keys.map((key) => key.kid)).toEqual([rotated.activeKid, original.activeKid]);
    expect(rotated.publicJwk(original.activeKid)).toEqual(original.publicJwk(original.activeKid));
    const document = rotated.toDocument();
    expect(document.retired).toEqual([
      { kid: original.activeKid, activatedAt: JANUARY.toISOString(), retiredAt: JUNE.toISOString(), publicJwk: expect.not.objectContaining({ d: expect.anything() }) },
    ]);
    expect(original.activeKid).toBe(original.publicJwks().keys[0]!.kid);
  });

  it('refuses to rotate to a time before the active key was activated', async () => {
    const keyRing = await IssuerKeyRing.generate(JUNE);

    await expect(keyRing.rotate(JANUARY)).rejects.toThrow(/activated later/);
  });

  it('reads back the document it writes', async () => {
    const keyRing = await (await IssuerKeyRing.generate(JANUARY)).rotate(JUNE);

    const restored = await IssuerKeyRing.fromDocument(JSON.parse(JSON.stringify(keyRing.toDocument())));

    expect(restored.toDocument()).toEqual(keyRing.toDocument());
  });

  it('refuses a document whose kid is not the thumbprint of its key, or whose private key is not its own', async () => {
    const document = (await IssuerKeyRing.generate(JANUARY)).toDocument();
    const other = (await IssuerKeyRing.generate(JANUARY)).toDocument();

    await expect(IssuerKeyRing.fromDocument({ ...document, active: { ...document.active, kid: 'not-the-thumbprint' } })).rejects.toThrow(
      /thumbprint/,
    );
    await expect(
      IssuerKeyRing.fromDocument({ ...document, active: { ...document.active, privateJwk: { ...document.active.privateJwk, d: other.active.privateJwk.d } } }),
    ).rejects.toThrow(/does not match/);
    await expect(IssuerKeyRing.fromDocument({ format: 'something-else' })).rejects.toThrow(/not valid/);
  });

  it('creates the key file readable by its owner only, and loads the same key afterwards', async () => {
    const filePath = join(directory, 'keys', 'issuer-keys.json');

    const created = await loadOrCreateKeyRing(filePath, JANUARY);
    const loaded = await loadOrCreateKeyRing(filePath, JUNE);

    expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(loaded.activeKid).toBe(created.activeKid);
    expect(loaded.toDocument()).toEqual(created.toDocument());
  });

  it('agrees on one key when two processes create the file at the same time', async () => {
    const filePath = join(directory, 'issuer-keys.json');

    const [first, second] = await Promise.all([loadOrCreateKeyRing(filePath, JANUARY), loadOrCreateKeyRing(filePath, JANUARY)]);

    expect(first.activeKid).toBe(second.activeKid);
    expect(await readdir(directory)).toEqual(['issuer-keys.json']);
  });

  it('persists a rotation', async () => {
    const filePath = join(directory, 'issuer-keys.json');
    const rotated = await (await loadOrCreateKeyRing(filePath, JANUARY)).rotate(JUNE);

    await saveKeyRing(filePath, rotated);

    expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateKeyRing(filePath, JUNE)).toDocument()).toEqual(rotated.toDocument());
    expect(await readdir(directory)).toEqual(['issuer-keys.json']);
  });

  it('reports a key file that is not JSON instead of replacing it', async () => {
    const filePath = join(directory, 'issuer-keys.json');
    await writeFile(filePath, 'not json');

    await expect(loadOrCreateKeyRing(filePath, JANUARY)).rejects.toThrow(/not JSON/);
    expect(await readFile(filePath, 'utf8')).toBe('not json');
  });
});
