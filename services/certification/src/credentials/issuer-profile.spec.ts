import { issuerProfile } from './issuer-profile';

describe('issuerProfile', () => {
  it('is the Open Badges 3.0 Profile of the Ministry, at the issuer id credentials name', () => {
    const profile = issuerProfile('https://certificates.example.vn');

    expect(profile).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'https://certificates.example.vn/issuer',
      type: ['Profile'],
      name: 'Bộ Ngoại giao — Ministry of Foreign Affairs of Viet Nam',
      url: 'https://mofa.gov.vn',
      address: { type: ['Address'], addressCountryCode: 'VN', addressLocality: 'Hà Nội' },
    });
    expect(profile.description).toContain('892/QĐ-TTg');
  });
});
