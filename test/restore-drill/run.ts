/**
 * The restore drill on the local servers: `eval "$(bash deploy/local/servers.sh env)"; npm run drill:restore`.
 * Exits with 1 when any step fails or anything differs after the restore.
 */
import { runRestoreDrill } from './restore-drill';

runRestoreDrill((line) => console.log(line))
  .then((outcome) => {
    const identical = outcome.replays.every((replay) => replay.outcome === 'identical');
    const sealed = outcome.verifications.every((verification) => verification.difference === null);
    const rebuilt = JSON.stringify(outcome.after) === JSON.stringify(outcome.before);
    console.log(JSON.stringify({ durationSeconds: outcome.durationMs / 1000, steps: outcome.steps, replays: outcome.replays, identical, sealed, rebuilt }, null, 2));
    if (!identical || !sealed || !rebuilt) process.exitCode = 1;
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
