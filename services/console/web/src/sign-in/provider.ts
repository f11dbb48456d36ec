import type { User, UserManager } from 'oidc-client-ts';

/** What GET /sign-in-options says (services/console/src/config.ts SignInOptions). */
export interface SignInOptions {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string; readonly resource: string | null } | null;
  readonly development: boolean;
}

let options: Promise<SignInOptions> | null = null;
let manager: Promise<UserManager | null> | null = null;

export function signInOptions(): Promise<SignInOptions> {
  options ??= fetch('/sign-in-options').then(async (response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as SignInOptions;
  });
  return options;
}

/**
 * The ministry's provider, through oidc-client-ts (loaded only when someone signs in there):
 * authorization code with PKCE, the user and its tokens held in memory only, renewed silently in a
 * hidden frame before the access token expires.
 */
export function providerSignIn(): Promise<UserManager | null> {
  manager ??= signInOptions().then(async ({ oidc }) => {
    if (!oidc) return null;
    const { InMemoryWebStorage, UserManager, WebStorageStateStore } = await import('oidc-client-ts');
    const origin = window.location.origin;
    const resource: Record<string, string> = oidc.resource ? { resource: oidc.resource } : {};
    return new UserManager({
      authority: oidc.authority,
      client_id: oidc.clientId,
      scope: oidc.scope,
      redirect_uri: `${origin}/sign-in/callback`,
      silent_redirect_uri: `${origin}/sign-in/silent`,
      post_logout_redirect_uri: `${origin}/sign-in`,
      response_type: 'code',
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      automaticSilentRenew: true,
      extraQueryParams: resource,
      extraTokenParams: resource,
    });
  });
  return manager;
}

/** Every renewed token replaces the session's, so that calls never go out with an expired one. */
export function followRenewals(userManager: UserManager, onToken: (token: string) => void, onEnded: () => void): () => void {
  const loaded = (user: User) => onToken(user.access_token);
  userManager.events.addUserLoaded(loaded);
  userManager.events.addSilentRenewError(onEnded);
  userManager.events.addUserSignedOut(onEnded);
  return () => {
    userManager.events.removeUserLoaded(loaded);
    userManager.events.removeSilentRenewError(onEnded);
    userManager.events.removeUserSignedOut(onEnded);
  };
}
