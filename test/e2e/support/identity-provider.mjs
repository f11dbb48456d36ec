// A real OpenID Provider (panva's certified oidc-provider) in a process of its own, standing in for
// the ministry's identity provider in the console's sign-in test. Settings come as one JSON argument:
// { port, clientId, redirectUris, postLogoutRedirectUris, audience, accounts: { login: { roles, agency_id?, institution_id? } } }
import Provider from 'oidc-provider';
import { generateKeyPairSync } from 'node:crypto';

const settings = JSON.parse(process.argv[2] ?? '{}');
const issuer = `http://127.0.0.1:${settings.port}`;
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const API_SCOPE = 'training-ledger';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: settings.redirectUris,
      post_logout_redirect_uris: settings.postLogoutRedirectUris,
    },
  ],
  jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'test-idp' }] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', API_SCOPE],
  async findAccount(_ctx, accountId) {
    if (!settings.accounts[accountId]) return undefined;
    return { accountId, claims: async () => ({ sub: accountId }) };
  },
  // The roles and agency travel in the access token, as the ministry's provider is to put them there.
  async extraTokenClaims(_ctx, token) {
    const account = settings.accounts[token.accountId];
    return account ? { roles: account.roles, ...(account.agency_id ? { agency_id: account.agency_id } : {}), ...(account.institution_id ? { institution_id: account.institution_id } : {}) } : undefined;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => settings.audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({ scope: API_SCOPE, audience: settings.audience, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['identity-provider-test-cookie-key'] },
  ttl: { AccessToken: 600, Session: 3600, Interaction: 600, Grant: 3600, IdToken: 600, AuthorizationCode: 60 },
});
provider.proxy = false;
const server = provider.listen(settings.port, '127.0.0.1', () => process.stdout.write(`identity provider ready on ${issuer}\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
