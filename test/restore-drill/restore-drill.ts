import { type LogVerification } from '@training-ledger/event-store';
import { verifyServiceLogs } from '@training-ledger/service-runtime';
import { buildServices, requestEvaluationJob, workspaceRoot } from '@training-ledger/test-servers';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { ProgrammeSimulation, type SimulationScale } from '../simulation/programme-simulation';
import { SystemProcesses } from '../simulation/system-processes';
import { destroyServersData, readModelSnapshot, type ReadModelSnapshot } from './drill-steps';

/** Six runs over the six years, a handful of agencies: enough of every kind of event, quickly. */
export const drillScale: SimulationScale = {
  seed: 2031,
  ministries: 2,
  provinces: 2,
  traineesPerAgency: 5,
  runsPerYear: 1,
  daysPerRun: 2,
  nomineesPerAgencyPerRun: 3,
  agenciesPerRun: 3,
  correctionShare: 0.05,
  parallelRuns: 1,
};

export interface DrillOutcome {
  readonly durationMs: number;
  readonly steps: readonly { readonly step: string; readonly ms: number }[];
  readonly before: ReadModelSnapshot;
  readonly after: ReadModelSnapshot;
  readonly replays: readonly { readonly evaluationId: string; readonly outcome: string }[];
  readonly verifications: readonly LogVerification[];
}

const run = promisify(execFile);

/**
 * The restore drill, on the local servers but in names of its own (schemas, read-model databases,
 * topic prefix), so that it destroys nothing another run uses: a small programme is played, its
 * logs are backed up with deploy/backup, everything of it is destroyed, the logs are restored, the
 * read models and topics are rebuilt from them, and every evaluation replays identical and every
 * seal verifies.
 */
export async function runRestoreDrill(log: (line: string) => void): Promise<DrillOutcome> {
  const started = performance.now();
  const steps: { step: string; ms: number }[] = [];
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    const result = await work();
    steps.push({ step, ms: Math.round(performance.now() - at) });
    log(`drill: ${step} (${((performance.now() - at) / 1000).toFixed(1)} s)`);
    return result;
  };
  await buildServices();
  // Seals every second here, so that the whole programme is sealed and archived within moments.
  const system = await SystemProcesses.start('drill', { environment: { LOG_SEAL_EVERY_SECONDS: '1' } });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const backupDir = mkdtempSync(join(tmpdir(), 'tl-drill-backup-'));
  const scripts = { env: { ...process.env, SCHEMA_PREFIX: system.isolated.schema }, cwd: workspaceRoot };
  const keys = (command: 'export' | 'import') =>
    run('npx', ['tsx', '--tsconfig', 'tsconfig.json', 'libs/service-runtime/src/cli/personal-data-keys.ts', command, backupDir, '--database-prefix', system.isolated.database], { cwd: workspaceRoot });
  const verify = () => verifyServiceLogs({ pool, schemaOf: (service) => system.schemaOf(service as never) });
  try {
    const simulation = await timed('play a small programme', () => new ProgrammeSimulation(system, drillScale).run());
    await timed('seal every log and archive every seal', () => untilSealedAndArchived(system, verify));
    const auditor = await system.mint('auditor');
    const admin = await system.mint('programme-admin');
    const before = await readModelSnapshot(system, admin);
    await timed('back up the event logs and the personal-data keys', async () => {
      await run('bash', ['deploy/backup/backup-event-logs.sh', backupDir], scripts);
      await keys('export');
    });
    await timed('destroy the logs, read models, topics and consumer groups', async () => {
      await system.stopProcesses();
      await destroyServersData(system, pool);
    });
    await timed('restore the event logs and the personal-data keys', async () => {
      await run('bash', ['deploy/backup/restore-event-logs.sh', backupDir], scripts);
      await keys('import');
    });
    await timed('rebuild the read models and topics from the logs', async () => {
      await system.startProcesses();
      await system.waitForQuiet();
    });
    const after = await untilRebuilt(() => readModelSnapshot(system, admin), before);
    const replays = await timed('replay every issued evaluation', () =>
      Promise.all(
        [simulation.midTerm, simulation.final].map(async ({ evaluationId }) => {
          const outcome = await requestEvaluationJob<{ outcome: string }>(system.urls.reporting, auditor, 'POST', `/evaluations/${evaluationId}/replay`);
          return { evaluationId, outcome: outcome.outcome };
        }),
      ),
    );
    const verifications = await timed('verify every seal', verify);
    const durationMs = Math.round(performance.now() - started);
    log(`drill: done in ${(durationMs / 1000).toFixed(1)} s`);
    return { durationMs, steps, before, after, replays, verifications };
  } finally {
    await system.stop();
    await pool.end();
    rmSync(backupDir, { recursive: true, force: true });
  }
}

/** Until every event of every log is under a seal, and reporting archived every seal of the others. */
async function untilSealedAndArchived(system: SystemProcesses, verify: () => Promise<LogVerification[]>): Promise<void> {
  for (const deadline = Date.now() + 120_000; ; ) {
    await system.waitForQuiet();
    const verifications = await verify();
    const sealed = verifications.every((verification) => verification.difference === null && verification.logSeals > 0);
    const archived = verifications.every((verification) => verification.service === 'reporting' || verification.archivedSeals === verification.logSeals);
    const whole = verifications.every((verification) => verification.sealedEvents === verification.events);
    if (sealed && archived && whole) return;
    if (Date.now() > deadline) throw new Error(`the logs were not all sealed and archived: ${JSON.stringify(verifications)}`);
    await new Promise((wait) => setTimeout(wait, 500));
  }
}

/** The read models once they answer as before the loss, or as they last answered after a minute. */
async function untilRebuilt(read: () => Promise<ReadModelSnapshot>, before: ReadModelSnapshot): Promise<ReadModelSnapshot> {
  for (const deadline = Date.now() + 60_000; ; ) {
    const after = await read();
    if (JSON.stringify(after) === JSON.stringify(before) || Date.now() > deadline) return after;
    await new Promise((wait) => setTimeout(wait, 500));
  }
}
