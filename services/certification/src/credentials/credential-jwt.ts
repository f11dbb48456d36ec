import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { BitstringStatusListCredential } from './bitstring-status-list';
import { ISSUER_SIGNING_ALGORITHM, type IssuerKeyRing } from './issuer-key-ring';
import { VC_CONTEXT_V2 } from './issuer-profile';
import type { OpenBadgeCredential } from './open-badge-credential';

/** The media type of a W3C VC secured as a JWT (VC-JOSE-COSE). */
export const CREDENTIAL_JWT_TYPE = 'vc+jwt';

/** What a credential JWT must carry so that the registered claims can be derived from it. */
export interface SignableCredential {
  readonly id: string;
  readonly issuer: string | { readonly id: string };
  readonly validFrom: string;
}

/**
 * Secures a credential as a compact JWS whose payload is the credential itself. `iss`, `jti` and `iat`
 * repeat the issuer, id and `validFrom`, for verifiers that only understand plain JWTs.
 */
export async function signCredential(keyRing: IssuerKeyRing, credential: SignableCredential): Promise<string> {
  const issuedAt = Date.parse(credential.validFrom);
  if (Number.isNaN(issuedAt)) throw new Error(`Credential validFrom is not a date-time: ${credential.validFrom}`);
  const { kid, key } = keyRing.signingKey();
  return new SignJWT({ ...credential })
    .setProtectedHeader({ alg: ISSUER_SIGNING_ALGORITHM, kid, typ: CREDENTIAL_JWT_TYPE })
    .setIssuer(issuerIdOf(credential))
    .setJti(credential.id)
    .setIssuedAt(Math.floor(issuedAt / 1000))
    .sign(key);
}

export type CredentialRejection = 'malformed' | 'unknown-key' | 'bad-signature' | 'wrong-issuer' | 'revoked';

export type CredentialVerification<Credential> =
  | { readonly valid: true; readonly credential: Credential; readonly kid: string }
  | { readonly valid: false; readonly reason: CredentialRejection };

export interface SignatureVerificationOptions {
  /** The issuer's public key with this `kid`, or undefined when the issuer never published it. */
  jwks(kid: string): JWK | undefined | Promise<JWK | undefined>;
  /** The issuer profile id the credential must name, e.g. `https://certificates.example/issuer`. */
  readonly expectedIssuer: string;
}

export interface CredentialVerificationOptions extends SignatureVerificationOptions {
  /** Whether the bit at `statusListIndex` is set in the revocation list at `statusListCredential`. */
  isRevoked(statusListIndex: number, statusListCredential: string): boolean | Promise<boolean>;
}

const CredentialEnvelopeSchema = z.looseObject({
  '@context': z.array(z.string()).min(1).refine((contexts) => contexts[0] === VC_CONTEXT_V2, 'must start with the VC 2.0 context'),
  id: z.string().min(1),
  type: z.array(z.string()).refine((types) => types.includes('VerifiableCredential'), 'must include VerifiableCredential'),
  issuer: z.looseObject({ id: z.string().min(1) }),
  validFrom: z.string().min(1),
  iss: z.string(),
  jti: z.string(),
  iat: z.number(),
});

const OpenBadgeCredentialSchema = CredentialEnvelopeSchema.extend({
  type: z.array(z.string()).refine((types) => types.includes('VerifiableCredential') && types.includes('OpenBadgeCredential'), {
    message: 'must be a VerifiableCredential and an OpenBadgeCredential',
  }),
  credentialSubject: z.looseObject({
    type: z.array(z.string()).refine((types) => types.includes('AchievementSubject')),
    achievement: z.looseObject({ id: z.string(), type: z.array(z.string()), name: z.string() }),
  }),
  credentialStatus: z.looseObject({
    type: z.literal('BitstringStatusListEntry'),
    statusPurpose: z.literal('revocation'),
    statusListIndex: z.string().regex(/^(0|[1-9]\d*)$/),
    statusListCredential: z.string().min(1),
  }),
});

const StatusListCredentialSchema = CredentialEnvelopeSchema.extend({
  type: z.array(z.string()).refine((types) => types.includes('BitstringStatusListCredential')),
  credentialSubject: z.looseObject({
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.literal('revocation'),
    encodedList: z.string().min(1),
  }),
});

/**
 * Checks a presented certificate credential: its signature against the issuer's published keys,
 * its issuer, and its revocation bit. Problems with the token are answered, never thrown.
 */
export async function verifyPresentedCredential(
  jwt: string,
  options: CredentialVerificationOptions,
): Promise<CredentialVerification<OpenBadgeCredential>> {
  const verified = await verifySignedCredential(jwt, options, OpenBadgeCredentialSchema);
  if (!verified.valid) return verified;
  const { statusListIndex, statusListCredential } = verified.payload.credentialStatus;
  if (await options.isRevoked(Number(statusListIndex), statusListCredential)) return { valid: false, reason: 'revoked' };
  return { valid: true, kid: verified.kid, credential: withoutJwtClaims(verified.payload) as unknown as OpenBadgeCredential };
}

/** Checks a fetched status list credential before its bits are trusted. */
export async function verifyStatusListCredential(
  jwt: string,
  options: SignatureVerificationOptions,
): Promise<CredentialVerification<BitstringStatusListCredential>> {
  const verified = await verifySignedCredential(jwt, options, StatusListCredentialSchema);
  if (!verified.valid) return verified;
  return { valid: true, kid: verified.kid, credential: withoutJwtClaims(verified.payload) as unknown as BitstringStatusListCredential };
}

type PayloadCheck<Payload> =
  | { readonly valid: true; readonly payload: Payload; readonly kid: string }
  | { readonly valid: false; readonly reason: CredentialRejection };

type CredentialEnvelope = z.infer<typeof CredentialEnvelopeSchema>;

async function verifySignedCredential<Payload extends CredentialEnvelope>(
  jwt: string,
  options: SignatureVerificationOptions,
  schema: z.ZodType<Payload>,
): Promise<PayloadCheck<Payload>> {
  const kid = readKid(jwt);
  if (kid === null) return { valid: false, reason: 'malformed' };

  const jwk = await options.jwks(kid);
  if (!jwk) return { valid: false, reason: 'unknown-key' };
  const keySet = createLocalJWKSet({ keys: [publicPartsOf(jwk, kid)] });

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jwt, keySet, { algorithms: [ISSUER_SIGNING_ALGORITHM], typ: CREDENTIAL_JWT_TYPE }));
  } catch (error) {
    return { valid: false, reason: rejectionFor(error) };
  }

  const parsed = schema.safeParse(payload);
  if (!parsed.success) return { valid: false, reason: 'malformed' };
  const credential = parsed.data;
  if (credential.jti !== credential.id || credential.iss !== credential.issuer.id) return { valid: false, reason: 'malformed' };
  if (credential.issuer.id !== options.expectedIssuer) return { valid: false, reason: 'wrong-issuer' };
  return { valid: true, payload: credential, kid };
}

function readKid(jwt: string): string | null {
  try {
    const header = decodeProtectedHeader(jwt);
    const wellFormed =
      header.alg === ISSUER_SIGNING_ALGORITHM && header.typ === CREDENTIAL_JWT_TYPE && typeof header.kid === 'string' && header.kid !== '';
    return wellFormed ? (header.kid as string) : null;
  } catch {
    return null;
  }
}

function rejectionFor(error: unknown): CredentialRejection {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown-key';
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWTClaimValidationFailed ||
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return 'malformed';
  }
  throw error;
}

/** Only the public members, because jose refuses a key set that holds a private key. */
function publicPartsOf(jwk: JWK, kid: string): JWK {
  const { kty, crv, x, alg, use } = jwk;
  return { kty, crv, x, kid, ...(alg === undefined ? {} : { alg }), ...(use === undefined ? {} : { use }) };
}

function withoutJwtClaims<Payload extends { iss: unknown; jti: unknown; iat: unknown }>(
  payload: Payload,
): Omit<Payload, 'iss' | 'jti' | 'iat'> {
  const { iss: _iss, jti: _jti, iat: _iat, ...credential } = payload;
  return credential;
}

function issuerIdOf(credential: SignableCredential): string {
  return typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
}
