import { backoffDelay, isTransientFailure } from '@training-ledger/messaging';
import { setTimeout as wait } from 'node:timers/promises';

export interface SupervisedRunner {
  run(): Promise<unknown>;
}

export interface SupervisionOptions {
  /** Aborted on shutdown: no restart follows. */
  readonly signal: AbortSignal;
  readonly onRestart: (error: unknown, delayMs: number) => void;
  readonly onGiveUp: (error: unknown) => void;
  readonly isTransient?: (error: unknown) => boolean;
  /** 1 s doubling up to 30 s when omitted. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * Runs a local projection again whenever it fails because its database was out of reach for longer
 * than its own write retries: the runner resumes from its checkpoint, so a read model is never left
 * behind for good by an outage. A failure of the projection itself (a handler or definition error, a
 * version that needs a rebuild) is not retried: it would fail the same way.
 */
export async function keepProjectionRunning(runner: SupervisedRunner, options: SupervisionOptions): Promise<void> {
  const isTransient = options.isTransient ?? isTransientFailure;
  const backoff = { initialDelayMs: options.initialDelayMs ?? 1_000, maxDelayMs: options.maxDelayMs ?? 30_000, multiplier: 2 };
  for (let restart = 1; !options.signal.aborted; restart += 1) {
    try {
      await runner.run();
      return;
    } catch (error) {
      if (options.signal.aborted) return;
      if (!isTransient(error)) {
        options.onGiveUp(error);
        return;
      }
      const delayMs = backoffDelay(backoff, restart);
      options.onRestart(error, delayMs);
      const aborted = await wait(delayMs, false, { signal: options.signal }).catch(() => true);
      if (aborted) return;
    }
  }
}
