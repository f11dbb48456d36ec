import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import type { SigningAlgorithm, SigningKey } from './signing-keys';

export const JWKS_FILE_NAME = 'jwks.json';

export function privateKeyFileName(algorithm: SigningAlgorithm): string {
  return `signing-key.${algorithm.toLowerCase()}.private.jwk.json`;
}

/**
 * Writes each private key (readable by its owner only) and one `jwks.json` with every public key.
 * Refuses to replace existing files unless `force`, because tokens signed with the old keys would stop verifying.
 */
export function writeKeyDirectory(
  dir: string,
  keys: ReadonlyMap<SigningAlgorithm, SigningKey>,
  options: { readonly force?: boolean } = {},
): string[] {
  const files = [...keys.keys()].map((algorithm) => join(dir, privateKeyFileName(algorithm)));
  const jwksPath = join(dir, JWKS_FILE_NAME);
  const existing = [...files, jwksPath].filter((file) => existsSync(file));
  if (existing.length > 0 && !options.force) {
    throw new Error(`Refusing to overwrite ${existing.join(', ')} (pass --force to replace the keys)`);
  }
  mkdirSync(dir, { recursive: true });
  for (const [algorithm, key] of keys) {
    const file = join(dir, privateKeyFileName(algorithm));
    writeFileSync(file, `${JSON.stringify(key.privateJwk, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const jwks: JSONWebKeySet = { keys: [...keys.values()].map((key) => key.publicJwk) };
  writeFileSync(jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
  return [...files, jwksPath];
}

export function readPrivateKey(dir: string, algorithm: SigningAlgorithm): JWK {
  const file = join(dir, privateKeyFileName(algorithm));
  if (!existsSync(file)) throw new Error(`No ${algorithm} signing key in ${dir} (run init-keys first)`);
  return JSON.parse(readFileSync(file, 'utf8')) as JWK;
}
