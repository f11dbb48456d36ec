import { keepProjectionRunning, type SupervisedRunner } from './projection-supervisor';

const databaseDown = () => Object.assign(new Error('Server selection timed out'), { name: 'MongoServerSelectionError' });

/** A runner that fails with the given errors, one per run, then runs until it is told to stop. */
function runnerFailingWith(...failures: unknown[]): SupervisedRunner & { runs: number } {
  const runner = {
    runs: 0,
    run: async () => {
      runner.runs += 1;
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return 'stopped';
    },
  };
  return runner;
}

describe('keepProjectionRunning', () => {
  const quick = { initialDelayMs: 1, maxDelayMs: 4 };

  it('runs a projection again after each outage of its database until it runs to its end', async () => {
    const runner = runnerFailingWith(databaseDown(), databaseDown(), databaseDown());
    const restartDelays: number[] = [];
    const onGiveUp = jest.fn();
    await keepProjectionRunning(runner, {
      ...quick,
      signal: new AbortController().signal,
      onRestart: (_error, delayMs) => restartDelays.push(delayMs),
      onGiveUp,
    });
    expect(runner.runs).toBe(4);
    expect(restartDelays).toEqual([1, 2, 4]);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('leaves a projection stopped when it failed for a reason of its own', async () => {
    const ownFailure = new Error('handler of AttendanceMarked.v1 failed: sessionId is missing');
    const runner = runnerFailingWith(databaseDown(), ownFailure);
    const givenUp: unknown[] = [];
    await keepProjectionRunning(runner, { ...quick, signal: new AbortController().signal, onRestart: () => undefined, onGiveUp: (error) => givenUp.push(error) });
    expect(runner.runs).toBe(2);
    expect(givenUp).toEqual([ownFailure]);
  });

  it('does not restart once the service is shutting down, even in the middle of a wait', async () => {
    const shutdown = new AbortController();
    const runner = runnerFailingWith(databaseDown(), databaseDown());
    const waiting = keepProjectionRunning(runner, {
      initialDelayMs: 60_000,
      signal: shutdown.signal,
      onRestart: () => undefined,
      onGiveUp: () => undefined,
    });
    await new Promise((resolve) => setImmediate(resolve));
    shutdown.abort();
    await waiting;
    expect(runner.runs).toBe(1);
  });
});
