import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { buildStatusListCredential, decodeStatusList, encodeStatusList, isSet } from './bitstring-status-list';
import { signCredential, verifyPresentedCredential, verifyStatusListCredential, type CredentialVerificationOptions } from './credential-jwt';
import { IssuerKeyRing } from './issuer-key-ring';
import { buildOpenBadgeCredential, type CertificateCredentialFacts } from './open-badge-credential';

const BASE_URL = 'https://certificates.example.vn';
const ISSUER = `${BASE_URL}/issuer`;
const STATUS_LIST_URL = `${BASE_URL}/status-lists/2027`;
const JANUARY = new Date('2027-01-01T00:00:00Z');
const JUNE = new Date('2027-06-01T00:00:00Z');

const facts: CertificateCredentialFacts = {
  certificateId: 'cert-7f3a',
  certificateNumber: '2027/000123',
  verificationCode: 'K7QX-9M2P',
  holderName: 'Nguyễn Thị Hồng Nhung',
  traineeId: 'trainee-0042',
  courseCode: 'NG-PQ-01',
  courseTitleVi: 'Kỹ năng đàm phán quốc tế',
  courseTitleEn: 'International negotiation skills',
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'in-person',
  runStartDate: '2027-03-01',
  runEndDate: '2027-03-12',
  issuedOn: '2027-03-15',
  statusListIndex: 122,
};

const credentialOptions = { baseUrl: BASE_URL, statusListUrl: STATUS_LIST_URL, identitySalt: 'c2f1d0e9b8a7f6e5' };

function verificationOptions(keyRing: IssuerKeyRing, revokedIndexes: readonly number[] = []): CredentialVerificationOptions {
  const bits = decodeStatusList(encodeStatusList(revokedIndexes));
  return { jwks: (kid) => keyRing.publicJwk(kid), expectedIssuer: ISSUER, isRevoked: (index) => isSet(bits, index) };
}

function withPayload(jwt: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(decoded);
  return [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), signature].join('.');
}

describe('credential JWTs', () => {
  let keyRing: IssuerKeyRing;
  const credential = buildOpenBadgeCredential(facts, credentialOptions);

  beforeAll(async () => {
    keyRing = await IssuerKeyRing.generate(JANUARY);
  });

  it('signs with EdDSA under the active kid and the vc+jwt type', async () => {
    const jwt = await signCredential(keyRing, credential);

    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: keyRing.activeKid, typ: 'vc+jwt' });
  });

  it('verifies what it signed and gives back the credential unchanged', async () => {
    const jwt = await signCredential(keyRing, credential);

    const verification = await verifyPresentedCredential(jwt, verificationOptions(keyRing));

    expect(verification).toEqual({ valid: true, kid: keyRing.activeKid, credential });
  });

  it('is verifiable by a plain JOSE verifier holding only the published key set', async () => {
    const jwt = await signCredential(keyRing, credential);
    const publishedKeys = JSON.parse(JSON.stringify(keyRing.publicJwks()));

    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(publishedKeys), {
      issuer: ISSUER,
      typ: 'vc+jwt',
      algorithms: ['EdDSA'],
    });

    expect(protectedHeader.kid).toBe(keyRing.activeKid);
    expect(payload).toEqual({
      ...credential,
      iss: ISSUER,
      jti: credential.id,
      iat: Date.parse('2027-03-14T17:00:00Z') / 1000,
    });
  });

  it('rejects a credential whose payload was altered after signing', async () => {
    const jwt = await signCredential(keyRing, credential);
    const altered = withPayload(jwt, (payload) => {
      (payload['credentialSubject'] as { identifier: { identityHash: string }[] }).identifier[1]!.identityHash = 'Trần Văn An';
    });

    expect(await verifyPresentedCredential(altered, verificationOptions(keyRing))).toEqual({ valid: false, reason: 'bad-signature' });
    await expect(jwtVerify(altered, createLocalJWKSet(keyRing.publicJwks()))).rejects.toThrow(/signature verification failed/);
  });

  it('rejects a signature made by a key the issuer did not publish', async () => {
    const impostor = await IssuerKeyRing.generate(JANUARY);
    const jwt = await signCredential(impostor, credential);

    expect(await verifyPresentedCredential(jwt, verificationOptions(keyRing))).toEqual({ valid: false, reason: 'unknown-key' });
  });

  it('rejects a signature that does not belong to the published key of that kid', async () => {
    const impostor = await IssuerKeyRing.generate(JANUARY);
    const jwt = await signCredential(impostor, credential);
    const options = { ...verificationOptions(keyRing), jwks: () => keyRing.publicJwk(keyRing.activeKid) };

    expect(await verifyPresentedCredential(jwt, options)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('keeps verifying certificates signed before a rotation, and signs new ones with the new key', async () => {
    const before = await signCredential(keyRing, credential);
    const rotated = await keyRing.rotate(JUNE);

    const after = await signCredential(rotated, credential);

    expect(decodeProtectedHeader(after).kid).toBe(rotated.activeKid);
    expect(rotated.activeKid).not.toBe(keyRing.activeKid);
    expect(await verifyPresentedCredential(before, verificationOptions(rotated))).toMatchObject({ valid: true, kid: keyRing.activeKid });
    expect(await verifyPresentedCredential(after, verificationOptions(rotated))).toMatchObject({ valid: true, kid: rotated.activeKid });
    const publishedKeys = createLocalJWKSet(rotated.publicJwks());
    await expect(jwtVerify(before, publishedKeys)).resolves.toBeDefined();
    await expect(jwtVerify(after, publishedKeys)).resolves.toBeDefined();
  });

  it('reports a revoked certificate', async () => {
    const jwt = await signCredential(keyRing, credential);

    expect(await verifyPresentedCredential(jwt, verificationOptions(keyRing, [121, 122]))).toEqual({ valid: false, reason: 'revoked' });
    expect(await verifyPresentedCredential(jwt, verificationOptions(keyRing, [121, 123]))).toMatchObject({ valid: true });
  });

  it('asks about the list and index the credential names', async () => {
    const jwt = await signCredential(keyRing, credential);
    const isRevoked = jest.fn().mockResolvedValue(false);

    await verifyPresentedCredential(jwt, { ...verificationOptions(keyRing), isRevoked });

    expect(isRevoked).toHaveBeenCalledWith(122, STATUS_LIST_URL);
  });

  it('rejects a credential of another issuer signed with a published key', async () => {
    const foreign = buildOpenBadgeCredential(facts, { ...credentialOptions, baseUrl: 'https://elsewhere.example' });
    const jwt = await signCredential(keyRing, foreign);

    expect(await verifyPresentedCredential(jwt, verificationOptions(keyRing))).toEqual({ valid: false, reason: 'wrong-issuer' });
  });

  it('rejects tokens that are not credential JWTs', async () => {
    const { kid, key } = keyRing.signingKey();
    const plainJwt = await new SignJWT({ sub: 'someone' }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt' }).sign(key);
    const wrongType = await new SignJWT({ ...credential, iss: ISSUER, jti: credential.id, iat: 0 })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
      .sign(key);
    const unsecured = new UnsecuredJWT({ ...credential }).encode();
    const options = verificationOptions(keyRing);

    for (const token of ['', 'not-a-jwt', 'a.b.c', plainJwt, wrongType, unsecured]) {
      expect(await verifyPresentedCredential(token, options)).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('signs the status list the same way, so that its bits can be trusted', async () => {
    const statusList = buildStatusListCredential({
      baseUrl: BASE_URL,
      statusListUrl: STATUS_LIST_URL,
      encodedList: encodeStatusList([122]),
      validFrom: new Date('2027-04-02T01:00:00Z'),
    });
    const jwt = await signCredential(keyRing, statusList);

    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(keyRing.publicJwks()), { issuer: ISSUER, typ: 'vc+jwt' });
    const verification = await verifyStatusListCredential(jwt, verificationOptions(keyRing));

    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: keyRing.activeKid, typ: 'vc+jwt' });
    expect(payload).toMatchObject({ ...statusList, jti: STATUS_LIST_URL, iat: Date.parse('2027-04-02T01:00:00Z') / 1000 });
    expect(verification).toEqual({ valid: true, kid: keyRing.activeKid, credential: statusList });
    expect(await verifyStatusListCredential(await signCredential(keyRing, credential), verificationOptions(keyRing))).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });
});
