import { runRestoreDrill, type DrillOutcome } from '../restore-drill/restore-drill';

/**
 * Losing the servers' data and coming back from the backups (deploy/backup), on a small programme:
 * the read models and topics rebuilt from the restored logs answer as before, every issued
 * evaluation replays identical, and every log agrees with its seals and with reporting's archive.
 */
describe('the restore drill', () => {
  let outcome: DrillOutcome;

  beforeAll(async () => {
    outcome = await runRestoreDrill((line) => process.stdout.write(`${line}\n`));
  }, 1_200_000);

  it('rebuilds read models that answer as they did before the loss', () => {
    expect((outcome.before.certificates as unknown[]).length).toBeGreaterThan(0);
    expect(outcome.after).toEqual(outcome.before);
  });

  it('replays every issued evaluation identical from the restored archive', () => {
    expect(outcome.replays.map((replay) => replay.outcome)).toEqual(['identical', 'identical']);
  });

  it('finds every restored log in agreement with its seals, in the log and in the archive', () => {
    for (const verification of outcome.verifications) {
      expect(verification).toMatchObject({ difference: null });
      expect(verification.logSeals).toBeGreaterThan(0);
      if (verification.service !== 'reporting') expect(verification.archivedSeals).toBeGreaterThan(0);
    }
  });

  it('prints how long it took', () => {
    process.stdout.write(`restore drill: ${(outcome.durationMs / 1000).toFixed(1)} s — ${outcome.steps.map((step) => `${step.step} ${(step.ms / 1000).toFixed(1)} s`).join('; ')}\n`);
    expect(outcome.durationMs).toBeGreaterThan(0);
  });
});
