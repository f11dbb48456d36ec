import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SignJWT, importJWK, type JSONWebKeySet, type JWTPayload } from 'jose';
import { LocalTokenAuthority } from './local-token-authority';
import { generateSigningKey, mintToken } from './signing-keys';
import { InvalidTokenError, KeySetUnavailableError, TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  let authority: LocalTokenAuthority;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create({ algorithms: ['EdDSA', 'RS256'] });
    verifier = new TokenVerifier({ jwksFile: authority.jwksFile, issuer: 'https://idp.example', audience: 'training-ledger' });
  });
  afterAll(() => authority.dispose());

  const issued = { issuer: 'https://idp.example', audience: 'training-ledger' };

  async function reasonFor(token: string): Promise<string> {
    const error = await verifier.verify(token).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }

  it.each(['EdDSA', 'RS256'] as const)('turns a valid %s token into an actor', async (algorithm) => {
    const token = await authority.mint({ ...issued, algorithm, roles: ['agency-integration'], agencyId: 'BTC', subject: 'svc:btc' });
    await expect(verifier.verify(token)).resolves.toEqual({ id: 'svc:btc', roles: ['agency-integration'], agencyId: 'BTC' });
  });

  it('keeps the institution of an institution-integration token', async () => {
    const token = await authority.mint({ ...issued, roles: ['institution-integration'], institutionId: 'DAV', subject: 'svc:dav' });
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'svc:dav',
      roles: ['institution-integration'],
      agencyId: null,
      institutionId: 'DAV',
    });
  });

  it('ignores roles of other systems but keeps its own', async () => {
    const token = await authority.mint({ ...issued, roles: ['monitor', 'hr-admin' as never] });
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['monitor'] });
  });

  it('refuses an expired token', async () => {
    const token = await authority.mint({ ...issued, roles: ['monitor'], ttl: '1h', issuedAt: new Date(Date.now() - 2 * 3600_000) });
    expect(await reasonFor(token)).toMatch(/exp/);
  });

  it('accepts a token expired by less than the clock tolerance', async () => {
    const token = await authority.mint({ ...issued, roles: ['monitor'], ttl: 60, issuedAt: new Date(Date.now() - 70_000) });
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['monitor'] });
  });

  it('refuses a token not yet valid', async () => {
    const token = await authority.mint({ ...issued, roles: ['monitor'], notBefore: new Date(Date.now() + 3600_000) });
    expect(await reasonFor(token)).toMatch(/nbf/);
  });

  it('refuses a token whose signature does not match', async () => {
    const token = await authority.mint({ ...issued, roles: ['monitor'] });
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['programme-admin'] }),
    ).toString('base64url');
    expect(await reasonFor(`${header}.${forgedPayload}.${signature}`)).toMatch(/signature/i);
  });

  it('refuses a token signed by a key it does not know', async () => {
    const stranger = await generateSigningKey('EdDSA');
    const token = await mintToken({ ...issued, privateJwk: stranger.privateJwk, roles: ['programme-admin'], subject: 'intruder' });
    expect(await reasonFor(token)).toMatch(/no applicable key/i);
  });

  it('refuses a token signed by a stranger reusing a known kid', async () => {
    const stranger = await generateSigningKey('EdDSA');
    const knownKid = (JSON.parse(readFileSync(authority.jwksFile, 'utf8')) as JSONWebKeySet).keys[0].kid;
    const token = await mintToken({ ...issued, privateJwk: { ...stranger.privateJwk, kid: knownKid }, roles: ['auditor'], subject: 'x' });
    expect(await reasonFor(token)).toMatch(/signature/i);
  });

  it('refuses an unsigned token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', roles: ['programme-admin'], exp: 9999999999 })).toString('base64url');
    await expect(verifier.verify(`${header}.${payload}.`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expect(await reasonFor(await authority.mint({ ...issued, audience: 'other-system', roles: ['monitor'] }))).toMatch(/aud/);
    expect(await reasonFor(await authority.mint({ ...issued, issuer: 'https://evil.example', roles: ['monitor'] }))).toMatch(/iss/);
  });

  it('refuses a token without roles, or with none of this system', async () => {
    expect(await reasonFor(await authority.mint({ ...issued, roles: [] }))).toMatch(/no role/);
    expect(await reasonFor(await authority.mint({ ...issued, roles: ['hr-admin' as never] }))).toMatch(/no role/);

    const withoutRoles = await signedByOwnKey({ sub: 'someone', iat: nowSeconds(), exp: nowSeconds() + 3600 });
    await expect(withoutRoles.verifier.verify(withoutRoles.token)).rejects.toThrow(/"roles" claim is missing/);
  });

  it('refuses an agency-integration token without agency_id', async () => {
    expect(await reasonFor(await authority.mint({ ...issued, roles: ['agency-integration'] }))).toMatch(/agency_id/);
  });

  it('refuses a subject or agency longer than the contracts carry, since every fact records who acted', async () => {
    expect(await reasonFor(await authority.mint({ ...issued, roles: ['monitor'], subject: 's'.repeat(129) }))).toMatch(/"sub" claim is longer than 128/);
    expect(await reasonFor(await authority.mint({ ...issued, roles: ['agency-integration'], agencyId: 'A'.repeat(129) }))).toMatch(
      /"agency_id" claim is longer than 128/,
    );
    await expect(verifier.verify(await authority.mint({ ...issued, roles: ['monitor'], subject: 's'.repeat(128) }))).resolves.toMatchObject({
      id: 's'.repeat(128),
    });
  });

  it('accepts access tokens typed at+jwt or JWT, and refuses ID tokens and other types', async () => {
    const at = (typ: string | undefined, extra: JWTPayload = {}) =>
      signedByOwnKey({ sub: 'svc', roles: ['monitor'], iat: nowSeconds(), exp: nowSeconds() + 600, ...extra }, typ);
    for (const typ of ['at+jwt', 'application/at+jwt', 'JWT', undefined]) {
      const { token, verifier: own } = await at(typ);
      await expect(own.verify(token)).resolves.toMatchObject({ id: 'svc' });
    }
    const idTyped = await at('id_token');
    await expect(idTyped.verifier.verify(idTyped.token)).rejects.toThrow(/"typ" id_token is not an access token/);
    for (const marker of [{ nonce: 'n-1' }, { at_hash: 'abc' }, { typ: 'ID' }]) {
      const idToken = await at('JWT', marker);
      await expect(idToken.verifier.verify(idToken.token)).rejects.toThrow(/an ID token cannot be used as an access token/);
    }
  });

  it('refuses a token without an issue time, or one that lives longer than allowed', async () => {
    const withoutIat = await signedByOwnKey({ sub: 'svc', roles: ['monitor'], exp: nowSeconds() + 600 });
    await expect(withoutIat.verifier.verify(withoutIat.token)).rejects.toThrow(/iat/);
    const longLived = await signedByOwnKey({ sub: 'svc', roles: ['monitor'], iat: nowSeconds(), exp: nowSeconds() + 9 * 3600 });
    await expect(longLived.verifier.verify(longLived.token)).rejects.toThrow(/lives longer than 28800 s/);
    const strict = await signedByOwnKey({ sub: 'svc', roles: ['monitor'], iat: nowSeconds(), exp: nowSeconds() + 1800 }, 'JWT', 900);
    await expect(strict.verifier.verify(strict.token)).rejects.toThrow(/lives longer than 900 s/);
  });

  it('refuses a token without expiry', async () => {
    const withoutExpiry = await signedByOwnKey({ sub: 'someone', roles: ['monitor'], iat: nowSeconds() });
    await expect(withoutExpiry.verifier.verify(withoutExpiry.token)).rejects.toThrow(/exp/);
  });

  it('tells readiness whether the key set answers, asking at most every 30 s', async () => {
    let answer: { status: number; body: string } = { status: 200, body: '{"keys":[]}' };
    const server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const remote = new TokenVerifier({ jwksUrl: url });
      expect(await remote.keySetReachable(1_000_000)).toBe(true);
      answer = { status: 503, body: '{}' };
      expect(await remote.keySetReachable(1_010_000)).toBe(true);
      expect(await remote.keySetReachable(1_031_000)).toBe(false);
      expect(await new TokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json' }).keySetReachable()).toBe(false);
      expect(await verifier.keySetReachable()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('tells an unreachable key set apart from a bad token', async () => {
    const unreachable = new TokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    const token = await authority.mint({ ...issued, roles: ['monitor'] });
    await expect(unreachable.verify(token)).rejects.toBeInstanceOf(KeySetUnavailableError);
  });
});

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A token with exactly these claims, and a verifier that trusts its key: for claims `mintToken` never writes. */
async function signedByOwnKey(claims: JWTPayload, typ?: string, maxLifetimeSeconds?: number): Promise<{ token: string; verifier: TokenVerifier }> {
  const key = await generateSigningKey('EdDSA');
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', ...(typ ? { typ } : {}) }).sign(await importJWK(key.privateJwk, 'EdDSA'));
  const verifier = new TokenVerifier({ jwksFile: 'not-read', maxLifetimeSeconds }, async () => importJWK(key.publicJwk, 'EdDSA'));
  return { token, verifier };
}
