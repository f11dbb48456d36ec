import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'failed'; readonly reason: string } | { readonly state: 'loaded'; readonly value: T };

/** Runs `load` when the screen opens and on `reload`, keeping only the latest answer. */
export function useLoaded<T>(load: () => Promise<T>, dependencies: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => current && setLoaded({ state: 'loaded', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [...dependencies, attempt]);
  return [loaded, useCallback(() => setAttempt((count) => count + 1), [])];
}
