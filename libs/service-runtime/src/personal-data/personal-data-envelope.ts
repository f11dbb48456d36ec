import { sortedKeyJson } from '@training-ledger/decider';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** One data subject's key. Whoever holds it can read that subject's personal data; destroying it erases them. */
export interface DataKey {
  readonly keyId: string;
  /** 32 random bytes. */
  readonly secret: Buffer;
}

/**
 * Personal data as it may enter the immutable event log: AES-256-GCM under the subject's data key,
 * bound to the subject and the key by the additional authenticated data. Once the key is destroyed,
 * every envelope sealed with it is noise.
 */
export interface PersonalDataEnvelope {
  readonly keyId: string;
  /** base64 */
  readonly ciphertext: string;
  /** base64, 12 bytes */
  readonly iv: string;
  /** base64, 16 bytes: the GCM authentication tag. */
  readonly tag: string;
  /**
   * HMAC-SHA-256 of the plaintext under a key derived from the data key (base64): lets a decider tell
   * whether a resent record carries the same data without reading it, and means nothing once the key is gone.
   */
  readonly fingerprint: string;
}

/** The envelope was not sealed for this subject with this key, or it was altered. */
export class PersonalDataUnreadableError extends Error {
  override readonly name = 'PersonalDataUnreadableError';
}

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

export function sealPersonalData(key: DataKey, subjectId: string, data: unknown): PersonalDataEnvelope {
  const plaintext = Buffer.from(sortedKeyJson(data), 'utf8');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, derivedKey(key, 'encryption'), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(subjectId, key.keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    keyId: key.keyId,
    ciphertext: ciphertext.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    fingerprint: fingerprintOf(key, subjectId, plaintext),
  };
}

export function openPersonalData(key: DataKey, subjectId: string, envelope: PersonalDataEnvelope): unknown {
  if (envelope.keyId !== key.keyId) {
    throw new PersonalDataUnreadableError(`Personal data of ${subjectId} was sealed with key ${envelope.keyId}, not ${key.keyId}`);
  }
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new PersonalDataUnreadableError(`Personal data envelope of ${subjectId} is malformed`);
  }
  const decipher = createDecipheriv(CIPHER, derivedKey(key, 'encryption'), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(subjectId, key.keyId));
  decipher.setAuthTag(tag);
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new PersonalDataUnreadableError(`Personal data of ${subjectId} does not authenticate under key ${key.keyId}`);
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}

/** What `sealPersonalData` would put in `fingerprint` for this data, without encrypting it. */
export function personalDataFingerprint(key: DataKey, subjectId: string, data: unknown): string {
  return fingerprintOf(key, subjectId, Buffer.from(sortedKeyJson(data), 'utf8'));
}

function fingerprintOf(key: DataKey, subjectId: string, plaintext: Buffer): string {
  return createHmac('sha256', derivedKey(key, 'fingerprint'))
    .update(associatedData(subjectId, key.keyId))
    .update(plaintext)
    .digest('base64');
}

/** Separate keys for encryption and fingerprints, so that neither use weakens the other. */
function derivedKey(key: DataKey, purpose: 'encryption' | 'fingerprint'): Buffer {
  if (key.secret.length !== DATA_KEY_BYTES) throw new RangeError(`Data key ${key.keyId} is not ${DATA_KEY_BYTES} bytes`);
  return Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), `training-ledger/personal-data/${purpose}`, 32));
}

function associatedData(subjectId: string, keyId: string): Buffer {
  return Buffer.from(`${subjectId}\u0000${keyId}`, 'utf8');
}
