/**
 * Replays an issued evaluation straight from the event log, for an auditor:
 *
 *   DATABASE_URL=postgres://… EVENT_STORE_SCHEMA=reporting_event_store npm run replay:evaluation -- <evaluationId>
 *   EVENT_STORE=kurrentdb EVENTSTORE_URL=kurrentdb://… npm run replay:evaluation -- <evaluationId>
 *
 * Exit code 0 when identical, 2 when the input diverges or a figure differs, 1 on error.
 */
import { connectEventLog, type RuntimeConfig } from '@training-ledger/service-runtime';
import { SingleBar } from 'cli-progress';
import { EvaluationsService, type ReplayOutcome } from '../evaluations/evaluations.service';
import { PolicyService } from '../policy/policy.service';

export function describeOutcome(evaluationId: string, outcome: ReplayOutcome): string {
  switch (outcome.outcome) {
    case 'identical':
      return `identical: evaluation ${evaluationId} recomputed from ${outcome.eventsRead} events\nreport sha256 ${outcome.reportSha256}\ninputs sha256 ${outcome.inputDigestSha256}`;
    case 'input-diverged':
      return [`INPUT DIVERGED: the log no longer holds what evaluation ${evaluationId} read`, ...outcome.divergences.map((divergence) => `  ${divergence.message}`)].join('\n');
    case 'report-differs':
      return [
        `REPORT DIFFERS: evaluation ${evaluationId} recomputes to ${outcome.replayedSha256}, recorded ${outcome.recordedSha256}`,
        `  first differing figure: ${outcome.firstDifference.path}: ${JSON.stringify(outcome.firstDifference.before)} → ${JSON.stringify(outcome.firstDifference.after)}`,
      ].join('\n');
    default:
      return outcome satisfies never;
  }
}

async function main(): Promise<number> {
  const evaluationId = process.argv[2];
  if (!evaluationId) {
    process.stderr.write('usage: replay-evaluation <evaluationId>\n');
    return 1;
  }
  const config = {
    EVENT_STORE: process.env.EVENT_STORE ?? 'postgres',
    DATABASE_URL: process.env.DATABASE_URL,
    EVENTSTORE_URL: process.env.EVENTSTORE_URL,
    EVENT_STORE_SCHEMA: process.env.EVENT_STORE_SCHEMA,
  } as RuntimeConfig;
  const eventLog = await connectEventLog('reporting', config);
  const bar = new SingleBar({ format: 'replaying |{bar}| {value}/{total} events', stream: process.stderr, hideCursor: true });
  try {
    const evaluations = new EvaluationsService(eventLog.store, new PolicyService(eventLog.store));
    let started = false;
    const outcome = await evaluations.replay(evaluationId, (done, total) => {
      if (!started) {
        bar.start(total ?? done, 0);
        started = true;
      }
      bar.update(done);
    });
    bar.stop();
    process.stdout.write(`${describeOutcome(evaluationId, outcome)}\n`);
    return outcome.outcome === 'identical' ? 0 : 2;
  } finally {
    bar.stop();
    await eventLog.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
