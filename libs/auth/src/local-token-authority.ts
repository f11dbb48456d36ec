import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JWKS_FILE_NAME, writeKeyDirectory } from './key-directory';
import { generateSigningKey, mintToken, type MintTokenOptions, type SigningAlgorithm, type SigningKey } from './signing-keys';

/**
 * Signing keys in a temporary folder, for local runs and tests: point a service's AUTH_JWKS_FILE at
 * `jwksFile` and call `mint` for bearer tokens.
 */
export class LocalTokenAuthority {
  private constructor(
    readonly dir: string,
    private readonly keys: ReadonlyMap<SigningAlgorithm, SigningKey>,
  ) {}

  static async create(options: { readonly algorithms?: readonly SigningAlgorithm[] } = {}): Promise<LocalTokenAuthority> {
    const algorithms = options.algorithms ?? ['EdDSA'];
    const keys = new Map<SigningAlgorithm, SigningKey>();
    for (const algorithm of algorithms) keys.set(algorithm, await generateSigningKey(algorithm));
    const dir = mkdtempSync(join(tmpdir(), 'training-ledger-keys-'));
    writeKeyDirectory(dir, keys);
    return new LocalTokenAuthority(dir, keys);
  }

  get jwksFile(): string {
    return join(this.dir, JWKS_FILE_NAME);
  }

  mint(options: Omit<MintTokenOptions, 'privateJwk' | 'subject'> & { subject?: string; algorithm?: SigningAlgorithm }): Promise<string> {
    const algorithm = options.algorithm ?? this.keys.keys().next().value;
    const key = algorithm === undefined ? undefined : this.keys.get(algorithm);
    if (!key) throw new Error(`This authority has no ${String(algorithm)} key`);
    return mintToken({ ...options, subject: options.subject ?? `test:${options.roles.join('+')}`, privateJwk: key.privateJwk });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
