import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthenticatedActor } from './authenticated-actor';
import { isRole, type Role } from './roles';

export const ACCEPTED_ALGORITHMS = ['RS256', 'EdDSA'] as const;

/** Where the public keys come from: the identity provider's JWKS endpoint, or a file for local runs and tests. */
export type JwksSource = { readonly jwksUrl: string } | { readonly jwksFile: string };

export type TokenVerifierOptions = JwksSource & {
  readonly issuer?: string;
  readonly audience?: string;
  /** Allowed clock skew for `exp` and `nbf`, in seconds. */
  readonly clockToleranceSeconds?: number;
  /** Longest a token may live from `iat` to `exp`, in seconds; 8 hours when omitted. */
  readonly maxLifetimeSeconds?: number;
};

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 8 * 3600;
const KEY_SET_CHECK_INTERVAL_MS = 30_000;
/** Access tokens as RFC 9068 types them, and as most identity providers still do. */
const ACCESS_TOKEN_TYPES: ReadonlySet<string> = new Set(['at+jwt', 'jwt']);

/** The token cannot be trusted: answer 401. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid bearer token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/** The keys to check the token against could not be obtained: the fault is ours, not the caller's. */
export class KeySetUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`JSON Web Key Set unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'KeySetUnavailableError';
  }
}

const TOKEN_FAULT_CODES: ReadonlySet<string> = new Set([
  joseErrors.JWTExpired.code,
  joseErrors.JWTClaimValidationFailed.code,
  joseErrors.JWTInvalid.code,
  joseErrors.JWSInvalid.code,
  joseErrors.JWSSignatureVerificationFailed.code,
  joseErrors.JWKSNoMatchingKey.code,
  joseErrors.JWKSMultipleMatchingKeys.code,
  joseErrors.JOSEAlgNotAllowed.code,
  joseErrors.JOSENotSupported.code,
]);

export function loadKeySet(source: JwksSource): JWTVerifyGetKey {
  if ('jwksUrl' in source) return createRemoteJWKSet(new URL(source.jwksUrl));
  const jwks = JSON.parse(readFileSync(source.jwksFile, 'utf8')) as JSONWebKeySet;
  if (!Array.isArray(jwks.keys)) throw new Error(`${source.jwksFile} is not a JSON Web Key Set (no "keys" array)`);
  return createLocalJWKSet(jwks);
}

/** The longest identifier the integration contracts carry (`identifier` in libs/contracts). */
export const MAX_CLAIM_LENGTH = 128;

export class TokenVerifier {
  private readonly keySet: JWTVerifyGetKey;

  constructor(
    private readonly options: TokenVerifierOptions,
    keySet?: JWTVerifyGetKey,
  ) {
    this.keySet = keySet ?? loadKeySet(options);
  }

  private keySetCheckedAt = 0;
  private keySetAnswered = false;

  /**
   * Whether the identity provider's key set can be fetched now (asked at most every 30 s); a file
   * key set always can. Readiness depends on it: without the keys, no token can be checked.
   */
  async keySetReachable(now = Date.now()): Promise<boolean> {
    if (!('jwksUrl' in this.options)) return true;
    if (now - this.keySetCheckedAt < KEY_SET_CHECK_INTERVAL_MS) return this.keySetAnswered;
    try {
      const response = await fetch(this.options.jwksUrl, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { keys?: unknown };
      this.keySetAnswered = response.ok && Array.isArray(body.keys);
    } catch {
      this.keySetAnswered = false;
    }
    this.keySetCheckedAt = now;
    return this.keySetAnswered;
  }

  async verify(token: string): Promise<AuthenticatedActor> {
    let payload: JWTPayload;
    let typ: string | undefined;
    const maxLifetime = this.options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    try {
      let protectedHeader: { typ?: string };
      ({ payload, protectedHeader } = await jwtVerify(token, this.keySet, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: maxLifetime,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
      typ = protectedHeader.typ;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError && TOKEN_FAULT_CODES.has(error.code)) {
        throw new InvalidTokenError(error.message);
      }
      throw new KeySetUnavailableError(error);
    }
    assertAccessToken(typ, payload, maxLifetime);
    return actorFromClaims(payload);
  }
}

/**
 * Only access tokens open the API: an ID token (it says who signed in to which client, with a
 * `nonce` or hash claims) is refused even when signed by the same provider, as is a token that
 * would live longer than the configured lifetime.
 */
function assertAccessToken(typ: string | undefined, payload: JWTPayload, maxLifetime: number): void {
  const type = typ?.toLowerCase().replace(/^application\//, '');
  if (type !== undefined && !ACCESS_TOKEN_TYPES.has(type)) throw new InvalidTokenError(`"typ" ${typ} is not an access token (at+jwt or JWT)`);
  if (payload['nonce'] !== undefined || payload['at_hash'] !== undefined || payload['typ'] === 'ID') {
    throw new InvalidTokenError('an ID token cannot be used as an access token');
  }
  if ((payload.exp ?? 0) - (payload.iat ?? 0) > maxLifetime) {
    throw new InvalidTokenError(`the token lives longer than ${maxLifetime} s from "iat" to "exp"`);
  }
}

/**
 * Roles this ledger does not know are ignored: the identity provider may issue roles for other systems.
 * A token left with none of ours grants nothing and is refused.
 */
export function actorFromClaims(payload: JWTPayload): AuthenticatedActor {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.trim() === '') throw new InvalidTokenError('"sub" claim is missing');
  // The subject is recorded as who acted in every fact it causes, and the contracts carry at most this much.
  if (sub.length > MAX_CLAIM_LENGTH) throw new InvalidTokenError(`"sub" claim is longer than ${MAX_CLAIM_LENGTH} characters`);

  const rolesClaim = payload['roles'];
  if (!Array.isArray(rolesClaim)) throw new InvalidTokenError('"roles" claim is missing or not an array');
  const roles = [...new Set(rolesClaim.filter(isRole))] as Role[];
  if (roles.length === 0) throw new InvalidTokenError('"roles" claim holds no role of this system');

  const agencyId = optionalStringClaim(payload, 'agency_id');
  if (roles.includes('agency-integration') && agencyId === null) {
    throw new InvalidTokenError('"agency_id" claim is required for the agency-integration role');
  }

  const institutionId = optionalStringClaim(payload, 'institution_id');
  const actor: AuthenticatedActor = { id: sub, roles, agencyId };
  return institutionId !== null && roles.includes('institution-integration') ? { ...actor, institutionId } : actor;
}

function optionalStringClaim(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidTokenError(`"${claim}" claim must be a non-empty string`);
  if (value.length > MAX_CLAIM_LENGTH) throw new InvalidTokenError(`"${claim}" claim is longer than ${MAX_CLAIM_LENGTH} characters`);
  return value;
}
