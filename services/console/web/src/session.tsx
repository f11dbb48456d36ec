import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { followRenewals, providerSignIn } from './sign-in/provider';

/** Where the token came from: the ministry's OpenID Connect provider, or the development sign-in page. */
export type SignedInVia = 'provider' | 'development';

export interface Session {
  readonly token: string;
  readonly subject: string;
  readonly roles: readonly string[];
  readonly agencyId: string | null;
  readonly via: SignedInVia;
  /** The training institution an institution-integration token acts for. */
  readonly institutionId: string | null;
}

interface SessionState {
  readonly session: Session | null;
  signIn(token: string, via: SignedInVia): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/** What the token says of its holder, for showing only what the holder may do; the services verify it. */
export function sessionFromToken(token: string, via: SignedInVia): Session {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return { token, subject: String(claims.sub ?? ''), roles, agencyId: typeof claims.agency_id === 'string' ? claims.agency_id : null,
    institutionId: typeof claims.institution_id === 'string' ? claims.institution_id : null,
    via,
  };
}

/** The token lives in memory only: a reload signs in again silently at the provider, or asks the user. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const viaProvider = session?.via === 'provider';
  useEffect(() => {
    if (!viaProvider) return undefined;
    let stop = () => undefined as void;
    let current = true;
    void providerSignIn().then((manager) => {
      if (manager && current) stop = followRenewals(manager, (token) => setSession(sessionFromToken(token, 'provider')), () => setSession(null));
    });
    return () => {
      current = false;
      stop();
    };
  }, [viaProvider]);
  const state = useMemo<SessionState>(
    () => ({
      session,
      signIn: (token, via) => setSession(sessionFromToken(token, via)),
      signOut: () => {
        setSession(null);
        if (viaProvider) void providerSignIn().then((manager) => manager?.signoutRedirect());
      },
    }),
    [session, viaProvider],
  );
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
