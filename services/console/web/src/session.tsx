import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Session {
  readonly token: string;
  readonly subject: string;
  readonly roles: readonly string[];
  readonly agencyId: string | null;
  /** The training institution an institution-integration token acts for. */
  readonly institutionId: string | null;
}

interface SessionState {
  readonly session: Session | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/** What the token says of its holder, for showing only what the holder may do; the services verify it. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return { token, subject: String(claims.sub ?? ''), roles, agencyId: typeof claims.agency_id === 'string' ? claims.agency_id : null,
    institutionId: typeof claims.institution_id === 'string' ? claims.institution_id : null,
  };
}

/** The token lives in memory only: a reload or a closed tab signs the user out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const state = useMemo<SessionState>(
    () => ({ session, signIn: (token) => setSession(sessionFromToken(token)), signOut: () => setSession(null) }),
    [session],
  );
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
