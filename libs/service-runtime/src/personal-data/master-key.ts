import { isDevelopmentEnvironment } from '@training-ledger/platform';
import { createHash, hkdfSync } from 'node:crypto';

/** Injection token of the 32-byte key that wraps every data key at rest. */
export const PERSONAL_DATA_MASTER_KEY = 'training-ledger:personal-data-master-key';

export const MASTER_KEY_VARIABLE = 'PERSONAL_DATA_MASTER_KEY';
const MASTER_KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads `PERSONAL_DATA_MASTER_KEY` (32 bytes, base64). Without it, only development and test start.
 * Elsewhere (local runs, tests) a fixed development key is derived and a warning logged: data sealed
 * under it is protected by nothing, since anyone can derive it, so it must never hold real people's data.
 */
export function personalDataMasterKey(
  environment: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): Buffer {
  const configured = environment[MASTER_KEY_VARIABLE]?.trim();
  if (!configured) {
    if (!isDevelopmentEnvironment(environment.NODE_ENV)) {
      throw new Error(
        `${MASTER_KEY_VARIABLE} is required unless NODE_ENV is development or test: 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
      );
    }
    warn(
      `${MASTER_KEY_VARIABLE} is not set: using a development master key that anyone can derive. ` +
        'Set it before recording real personal data.',
    );
    return createHash('sha256').update('training-ledger development personal-data master key').digest();
  }
  const key = BASE64.test(configured) ? Buffer.from(configured, 'base64') : Buffer.alloc(0);
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `${MASTER_KEY_VARIABLE} must be ${MASTER_KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`)` +
        (key.length > 0 ? `; it decodes to ${key.length} bytes` : '; it is not base64'),
    );
  }
  return key;
}

/**
 * Names a master key without revealing it, so that a key wrapped under one master key and read
 * under another is reported as such rather than as a corrupt key.
 */
export function masterKeyId(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'training-ledger/personal-data/master-key-id', 8)).toString('hex');
}
