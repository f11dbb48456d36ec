import { createHash } from 'node:crypto';
import { buildOpenBadgeCredential, identityHash, type CertificateCredentialFacts } from './open-badge-credential';

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

const options = {
  baseUrl: 'https://certificates.example.vn/',
  statusListUrl: 'https://certificates.example.vn/status-lists/2027',
  identitySalt: 'c2f1d0e9b8a7f6e5',
};

describe('buildOpenBadgeCredential', () => {
  it('describes the certificate as an Open Badges 3.0 credential', () => {
    const credential = buildOpenBadgeCredential(facts, options);

    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'https://certificates.example.vn/credentials/cert-7f3a',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://certificates.example.vn/issuer', type: ['Profile'], name: 'Bộ Ngoại giao — Ministry of Foreign Affairs of Viet Nam' },
      validFrom: '2027-03-15T00:00:00+07:00',
      name: expect.stringContaining('2027/000123'),
      credentialSubject: {
        type: ['AchievementSubject'],
        activityStartDate: '2027-03-01T00:00:00+07:00',
        activityEndDate: '2027-03-12T23:59:59+07:00',
        achievement: {
          id: 'https://certificates.example.vn/achievements/NG-PQ-01',
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: 'Kỹ năng đàm phán quốc tế — International negotiation skills',
          criteria: { narrative: expect.any(String) },
          humanCode: 'NG-PQ-01',
        },
      },
      credentialStatus: {
        id: 'https://certificates.example.vn/status-lists/2027#122',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '122',
        statusListCredential: 'https://certificates.example.vn/status-lists/2027',
      },
    });
    expect(credential.credentialSubject.achievement.description).toContain('phổ quát');
    expect(credential.credentialSubject.achievement.description).toContain('kỹ năng, phong cách');
    expect(credential.description).toContain('K7QX-9M2P');
  });

  it('identifies the holder by a salted hash of the trainee id, never the id itself', () => {
    const credential = buildOpenBadgeCredential(facts, options);
    const expectedHash = createHash('sha256').update(`trainee-0042${options.identitySalt}`).digest('hex');

    expect(credential.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', hashed: true, identityHash: `sha256$${expectedHash}`, identityType: 'systemId', salt: options.identitySalt },
      { type: 'IdentityObject', hashed: false, identityHash: 'Nguyễn Thị Hồng Nhung', identityType: 'name' },
    ]);
    expect(JSON.stringify(credential)).not.toContain('trainee-0042');
    expect(identityHash('trainee-0042', options.identitySalt)).toBe(`sha256$${expectedHash}`);
  });

  it('prints names in composed Unicode whatever form they arrive in', () => {
    const credential = buildOpenBadgeCredential({ ...facts, holderName: facts.holderName.normalize('NFD') }, options);

    expect(credential.credentialSubject.identifier[1]!.identityHash).toBe('Nguyễn Thị Hồng Nhung'.normalize('NFC'));
  });

  it('is a pure function of its input', () => {
    expect(buildOpenBadgeCredential(facts, options)).toEqual(buildOpenBadgeCredential({ ...facts }, { ...options }));
  });

  it('refuses facts that cannot be a certificate', () => {
    expect(() => buildOpenBadgeCredential({ ...facts, issuedOn: '2027-02-30' }, options)).toThrow(/issuedOn/);
    expect(() => buildOpenBadgeCredential({ ...facts, certificateNumber: '123' }, options)).toThrow(/certificateNumber/);
    expect(() => buildOpenBadgeCredential({ ...facts, runEndDate: '2027-02-28' }, options)).toThrow(/end before it starts/);
    expect(() => buildOpenBadgeCredential({ ...facts, statusListIndex: -1 }, options)).toThrow(/statusListIndex/);
    expect(() => buildOpenBadgeCredential(facts, { ...options, identitySalt: 'short' })).toThrow(/salt/);
  });
});
