import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '../token-verifier';
import { runTokensCli } from './tokens';

describe('tokens CLI', () => {
  let dir: string;
  let output: { out: string[]; err: string[] };
  const io = () => ({ out: (line: string) => output.out.push(line), err: (line: string) => output.err.push(line) });

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'tokens-cli-')), 'keys');
    output = { out: [], err: [] };
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('creates an Ed25519 and an RS256 key and publishes both public keys with their kid', async () => {
    expect(await runTokensCli(['init-keys', '--dir', dir, '--rsa'], io())).toBe(0);
    const jwks = JSON.parse(readFileSync(join(dir, 'jwks.json'), 'utf8')) as { keys: Record<string, string>[] };
    expect(jwks.keys.map((key) => [key.alg, key.kty, typeof key.kid])).toEqual([
      ['EdDSA', 'OKP', 'string'],
      ['RS256', 'RSA', 'string'],
    ]);
    expect(jwks.keys.some((key) => 'd' in key)).toBe(false);
    expect(statSync(join(dir, 'signing-key.eddsa.private.jwk.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite keys unless forced', async () => {
    await runTokensCli(['init-keys', '--dir', dir], io());
    const before = readFileSync(join(dir, 'jwks.json'), 'utf8');
    expect(await runTokensCli(['init-keys', '--dir', dir], io())).toBe(1);
    expect(output.err.at(-1)).toMatch(/Refusing to overwrite/);
    expect(readFileSync(join(dir, 'jwks.json'), 'utf8')).toBe(before);
    expect(await runTokensCli(['init-keys', '--dir', dir, '--force'], io())).toBe(0);
    expect(readFileSync(join(dir, 'jwks.json'), 'utf8')).not.toBe(before);
  });

  it('keeps existing keys when asked to create them only if missing', async () => {
    await runTokensCli(['init-keys', '--dir', dir], io());
    const before = readFileSync(join(dir, 'jwks.json'), 'utf8');
    expect(await runTokensCli(['init-keys', '--dir', dir, '--if-missing'], io())).toBe(0);
    expect(readFileSync(join(dir, 'jwks.json'), 'utf8')).toBe(before);
  });

  it('mints a token that verifies against the published key set', async () => {
    await runTokensCli(['init-keys', '--dir', dir, '--rsa'], io());
    const args = ['mint', '--dir', dir, '--role', 'agency-integration', '--role', 'monitor', '--agency', 'BTC', '--ttl', '15m'];
    expect(await runTokensCli([...args, '--issuer', 'local', '--audience', 'training-ledger', '--alg', 'RS256'], io())).toBe(0);
    const verifier = new TokenVerifier({ jwksFile: join(dir, 'jwks.json'), issuer: 'local', audience: 'training-ledger' });
    await expect(verifier.verify(output.out[0])).resolves.toEqual({
      id: 'local:agency-integration+monitor@BTC',
      roles: ['agency-integration', 'monitor'],
      agencyId: 'BTC',
    });
  });

  it('explains what is wrong with a mint request', async () => {
    await runTokensCli(['init-keys', '--dir', dir], io());
    expect(await runTokensCli(['mint', '--dir', dir, '--role', 'agency-integration'], io())).toBe(1);
    expect(output.err.at(-1)).toMatch(/--agency is required/);
    expect(await runTokensCli(['mint', '--dir', dir, '--role', 'root'], io())).toBe(1);
    expect(output.err.at(-1)).toMatch(/Unknown role root/);
    expect(await runTokensCli(['mint', '--dir', dir, '--role', 'monitor', '--alg', 'RS256'], io())).toBe(1);
    expect(output.err.at(-1)).toMatch(/No RS256 signing key/);
    expect(await runTokensCli(['launch'], io())).toBe(2);
    expect(output.out).toEqual([]);
  });
});
