import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from './roles';

export type SigningAlgorithm = 'EdDSA' | 'RS256';

export interface SigningKey {
  /** Private JWK with `kid`, `alg` and `use` set; keep it secret. */
  readonly privateJwk: JWK;
  /** The matching public JWK, ready to publish in a JWKS. */
  readonly publicJwk: JWK;
}

/** A new key pair whose `kid` is its RFC 7638 thumbprint, so the same key always has the same id. */
export async function generateSigningKey(algorithm: SigningAlgorithm = 'EdDSA'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
  const publicPart = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicPart);
  const common = { kid, alg: algorithm, use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...common },
    publicJwk: { ...publicPart, ...common },
  };
}

export interface MintTokenOptions {
  readonly privateJwk: JWK;
  readonly roles: readonly Role[];
  readonly subject: string;
  readonly agencyId?: string;
  readonly institutionId?: string;
  /** Lifetime: `8h`, `15m`, `30s`, `2d`, or seconds as a number; 8 hours when omitted. */
  readonly ttl?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
  /** Issue time; now when omitted. */
  readonly issuedAt?: Date;
  readonly notBefore?: Date;
}

export async function mintToken(options: MintTokenOptions): Promise<string> {
  const { privateJwk } = options;
  if (privateJwk.alg !== 'EdDSA' && privateJwk.alg !== 'RS256') {
    throw new Error(`Signing key must declare alg EdDSA or RS256, not ${String(privateJwk.alg)}`);
  }
  if (!privateJwk.kid) throw new Error('Signing key has no kid');
  const key = await importJWK(privateJwk, privateJwk.alg);
  const issuedAtSeconds = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
  const ttlSeconds = parseDurationSeconds(options.ttl ?? '8h');

  const claims: Record<string, unknown> = { roles: [...options.roles] };
  if (options.agencyId !== undefined) claims['agency_id'] = options.agencyId;
  if (options.institutionId !== undefined) claims['institution_id'] = options.institutionId;

  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: privateJwk.alg, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(options.subject)
    .setJti(randomUUID())
    .setIssuedAt(issuedAtSeconds)
    .setExpirationTime(issuedAtSeconds + ttlSeconds);
  if (options.notBefore) jwt.setNotBefore(Math.floor(options.notBefore.getTime() / 1000));
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(key);
}

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

export function parseDurationSeconds(duration: string | number): number {
  if (typeof duration === 'number') {
    if (!Number.isInteger(duration) || duration <= 0) throw new Error(`Duration must be a positive whole number of seconds: ${duration}`);
    return duration;
  }
  const match = /^(\d+)([smhd])?$/.exec(duration.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`Duration must look like 30s, 15m, 8h or 2d: "${duration}"`);
  const unit = (match[2] ?? 's') as keyof typeof SECONDS_PER_UNIT;
  return Number(match[1]) * SECONDS_PER_UNIT[unit];
}
