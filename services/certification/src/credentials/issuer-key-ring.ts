import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';

export const ISSUER_SIGNING_ALGORITHM = 'EdDSA';

const KEY_RING_FORMAT = 'training-ledger/certificate-issuer-keys@1';

const base64urlValue = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
const instant = z.iso.datetime({ offset: true });

const Ed25519PublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64urlValue,
});
const Ed25519PrivateJwkSchema = Ed25519PublicJwkSchema.extend({ d: base64urlValue });

const IssuerKeyRingDocumentSchema = z.object({
  format: z.literal(KEY_RING_FORMAT),
  active: z.object({ kid: z.string().min(1), activatedAt: instant, privateJwk: Ed25519PrivateJwkSchema }),
  retired: z.array(
    z.object({ kid: z.string().min(1), activatedAt: instant, retiredAt: instant, publicJwk: Ed25519PublicJwkSchema }),
  ),
});

/** The key file's content. It holds the active private key: keep it readable by its owner only. */
export type IssuerKeyRingDocument = z.infer<typeof IssuerKeyRingDocumentSchema>;
type Ed25519PublicJwk = z.infer<typeof Ed25519PublicJwkSchema>;
type Ed25519PrivateJwk = z.infer<typeof Ed25519PrivateJwkSchema>;

interface ActiveKey {
  readonly kid: string;
  readonly activatedAt: string;
  readonly privateJwk: Ed25519PrivateJwk;
  readonly signingKey: CryptoKey;
}

interface RetiredKey {
  readonly kid: string;
  readonly activatedAt: string;
  readonly retiredAt: string;
  readonly publicJwk: Ed25519PublicJwk;
}

export interface IssuerSigningKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

/**
 * The Ministry's certificate signing keys: one active Ed25519 key that signs, and the public halves of
 * retired keys, which stay published so that certificates signed before a rotation still verify.
 * Each `kid` is the key's RFC 7638 thumbprint.
 */
export class IssuerKeyRing {
  // Private fields keep the private key out of JSON.stringify and console output.
  readonly #active: ActiveKey;
  readonly #retired: readonly RetiredKey[];

  private constructor(active: ActiveKey, retired: readonly RetiredKey[]) {
    this.#active = active;
    this.#retired = retired;
  }

  static async generate(now: Date): Promise<IssuerKeyRing> {
    return new IssuerKeyRing(await generateActiveKey(now), []);
  }

  static async fromDocument(document: unknown): Promise<IssuerKeyRing> {
    const parsed = IssuerKeyRingDocumentSchema.safeParse(document);
    if (!parsed.success) {
      throw new Error(`Issuer key ring is not valid: ${z.prettifyError(parsed.error)}`);
    }
    const { active, retired } = parsed.data;
    const privateJwk = pickPrivateParts(active.privateJwk);
    await assertKidIsThumbprint(active.kid, publicPartOf(privateJwk));
    for (const key of retired) await assertKidIsThumbprint(key.kid, pickPublicParts(key.publicJwk));
    const kids = [active.kid, ...retired.map((key) => key.kid)];
    if (new Set(kids).size !== kids.length) throw new Error('Issuer key ring lists the same key twice');

    let signingKey: CryptoKey;
    try {
      signingKey = await importSigningKey(privateJwk);
    } catch (error) {
      // Web Crypto checks that `d` and `x` belong together when it imports the key.
      throw new Error('Issuer key ring: the active private key does not match its public key', { cause: error });
    }
    return new IssuerKeyRing(
      { kid: active.kid, activatedAt: active.activatedAt, privateJwk, signingKey },
      retired.map((key) => ({ ...key, publicJwk: pickPublicParts(key.publicJwk) })),
    );
  }

  get activeKid(): string {
    return this.#active.kid;
  }

  /** A new ring whose active key is fresh; the previous key keeps only its public half. */
  async rotate(now: Date): Promise<IssuerKeyRing> {
    if (now.getTime() < Date.parse(this.#active.activatedAt)) {
      throw new Error(`Cannot rotate at ${now.toISOString()}: the active key was activated later, at ${this.#active.activatedAt}`);
    }
    const previous: RetiredKey = {
      kid: this.#active.kid,
      activatedAt: this.#active.activatedAt,
      retiredAt: now.toISOString(),
      publicJwk: publicPartOf(this.#active.privateJwk),
    };
    return new IssuerKeyRing(await generateActiveKey(now), [previous, ...this.#retired]);
  }

  signingKey(): IssuerSigningKey {
    return { kid: this.#active.kid, key: this.#active.signingKey };
  }

  /** Every key a verifier may meet, active first; public parts only. */
  publicJwks(): JSONWebKeySet {
    const active = { kid: this.#active.kid, publicJwk: publicPartOf(this.#active.privateJwk) };
    return { keys: [active, ...this.#retired].map(({ kid, publicJwk }) => publishedJwk(kid, publicJwk)) };
  }

  publicJwk(kid: string): JWK | undefined {
    return this.publicJwks().keys.find((key) => key.kid === kid);
  }

  toDocument(): IssuerKeyRingDocument {
    return {
      format: KEY_RING_FORMAT,
      active: { kid: this.#active.kid, activatedAt: this.#active.activatedAt, privateJwk: { ...this.#active.privateJwk } },
      retired: this.#retired.map((key) => ({ ...key, publicJwk: { ...key.publicJwk } })),
    };
  }
}

/**
 * Reads the key ring from `filePath`, or creates the file (mode 0600) with a fresh key when there is none.
 * The complete file is linked into place only if no file is there yet, so two processes starting
 * together end up sharing one key and neither reads a half-written file.
 */
export async function loadOrCreateKeyRing(filePath: string, now: Date): Promise<IssuerKeyRing> {
  const existing = await readKeyRingFile(filePath);
  if (existing) return existing;

  const keyRing = await IssuerKeyRing.generate(now);
  const temporaryPath = await writeTemporaryKeyFile(filePath, keyRing);
  try {
    await link(temporaryPath, filePath);
  } catch (error) {
    if (!isFileExistsError(error)) throw error;
    const written = await readKeyRingFile(filePath);
    if (written) return written;
    throw error;
  } finally {
    await unlink(temporaryPath);
  }
  return keyRing;
}

/** Replaces the key file atomically, for instance after `rotate`. */
export async function saveKeyRing(filePath: string, keyRing: IssuerKeyRing): Promise<void> {
  await rename(await writeTemporaryKeyFile(filePath, keyRing), filePath);
}

async function writeTemporaryKeyFile(filePath: string, keyRing: IssuerKeyRing): Promise<string> {
  await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
  const temporaryPath = `${filePath}.${randomUUID()}.tmp`;
  await writeFile(temporaryPath, serializeKeyRing(keyRing), { mode: 0o600, flag: 'wx' });
  // writeFile's mode passes through the umask; the key file must end up exactly 0600.
  await chmod(temporaryPath, 0o600);
  return temporaryPath;
}

function serializeKeyRing(keyRing: IssuerKeyRing): string {
  return `${JSON.stringify(keyRing.toDocument(), null, 2)}\n`;
}

async function readKeyRingFile(filePath: string): Promise<IssuerKeyRing | null> {
  let content: string;
  try {
    content = await readFile(filePath, 'utf8');
  } catch (error) {
    if (isFileMissingError(error)) return null;
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new Error(`Issuer key file ${filePath} is not JSON`, { cause: error });
  }
  return IssuerKeyRing.fromDocument(document);
}

async function generateActiveKey(now: Date): Promise<ActiveKey> {
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const privateJwk = Ed25519PrivateJwkSchema.parse(await exportJWK(privateKey));
  const kid = await calculateJwkThumbprint(publicPartOf(privateJwk));
  return { kid, activatedAt: now.toISOString(), privateJwk: pickPrivateParts(privateJwk), signingKey: await importSigningKey(privateJwk) };
}

async function importSigningKey(privateJwk: Ed25519PrivateJwk): Promise<CryptoKey> {
  return importJWK(privateJwk, ISSUER_SIGNING_ALGORITHM, { extractable: false });
}

function pickPublicParts({ kty, crv, x }: Ed25519PublicJwk): Ed25519PublicJwk {
  return { kty, crv, x };
}

function pickPrivateParts({ kty, crv, x, d }: Ed25519PrivateJwk): Ed25519PrivateJwk {
  return { kty, crv, x, d };
}

function publicPartOf(privateJwk: Ed25519PrivateJwk): Ed25519PublicJwk {
  return pickPublicParts(privateJwk);
}

function publishedJwk(kid: string, publicJwk: Ed25519PublicJwk): JWK {
  return { ...pickPublicParts(publicJwk), kid, use: 'sig', alg: ISSUER_SIGNING_ALGORITHM };
}

async function assertKidIsThumbprint(kid: string, publicJwk: Ed25519PublicJwk): Promise<void> {
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  if (thumbprint !== kid) throw new Error(`Issuer key ${kid} does not match its thumbprint ${thumbprint}`);
}

// Checked by shape: errors thrown by node:fs may come from another realm (as under Jest) and fail instanceof.
function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

function isFileMissingError(error: unknown): boolean {
  return hasErrorCode(error, 'ENOENT');
}

function isFileExistsError(error: unknown): boolean {
  return hasErrorCode(error, 'EEXIST');
}
