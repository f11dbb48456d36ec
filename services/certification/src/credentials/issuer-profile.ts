export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export const ISSUER_NAME = 'Bộ Ngoại giao — Ministry of Foreign Affairs of Viet Nam';
export const ISSUER_WEBSITE = 'https://mofa.gov.vn';

/** How a credential names its issuer: the profile's id, type and name, as Open Badges 3.0 requires. */
export interface IssuerReference {
  readonly id: string;
  readonly type: readonly ['Profile'];
  readonly name: string;
}

export interface IssuerProfile extends IssuerReference {
  readonly '@context': readonly string[];
  readonly url: string;
  readonly description: string;
  readonly address: {
    readonly type: readonly ['Address'];
    readonly addressCountry: string;
    readonly addressCountryCode: string;
    readonly addressLocality: string;
  };
}

export function issuerId(baseUrl: string): string {
  return `${withoutTrailingSlash(baseUrl)}/issuer`;
}

export function issuerReference(baseUrl: string): IssuerReference {
  return { id: issuerId(baseUrl), type: ['Profile'], name: ISSUER_NAME };
}

/** The Open Badges 3.0 issuer `Profile` document, served at its own id. */
export function issuerProfile(baseUrl: string): IssuerProfile {
  return {
    '@context': [VC_CONTEXT_V2, OPEN_BADGES_CONTEXT_V3],
    ...issuerReference(baseUrl),
    url: ISSUER_WEBSITE,
    description:
      'Cơ quan cấp chứng nhận bồi dưỡng theo Đề án ban hành kèm theo Quyết định số 892/QĐ-TTg. ' +
      'The authority that issues certificates of training under the programme of Decision 892/QĐ-TTg.',
    address: { type: ['Address'], addressCountry: 'Viet Nam', addressCountryCode: 'VN', addressLocality: 'Hà Nội' },
  };
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
