import { useEffect, useState } from 'react';
import type { Loaded } from '../../use-loaded';

const ATTEMPTS = 20;
const APART_MS = 400;

/**
 * Reloads a few times apart until the answer shows what the user just did: the services' read models
 * follow their logs a moment after a command is accepted. Returns the function that starts waiting.
 */
export function useReloadUntil<T>(loaded: Loaded<T>, reload: () => void): (shows: (value: T) => boolean) => void {
  const [waiting, setWaiting] = useState<{ readonly shows: (value: T) => boolean; readonly left: number } | null>(null);
  useEffect(() => {
    if (!waiting || loaded.state !== 'loaded') return;
    if (waiting.shows(loaded.value) || waiting.left === 0) {
      setWaiting(null);
      return;
    }
    const timer = setTimeout(() => {
      setWaiting({ shows: waiting.shows, left: waiting.left - 1 });
      reload();
    }, APART_MS);
    return () => clearTimeout(timer);
  }, [loaded, waiting, reload]);
  return (shows) => {
    setWaiting({ shows, left: ATTEMPTS });
    reload();
  };
}
