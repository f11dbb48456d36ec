/**
 * The programme at national scale (or any scale) through the four services as separate processes:
 * prints the duration, the events the services recorded per second, each service's peak memory, and the
 * CPU time each service, each server (PostgreSQL, Kafka, FerretDB) and the driver itself used. The
 * servers are shared: whatever else runs against them meanwhile is counted too.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:simulation -- [national|small]
 *
 * SERVICE_NODE_ARGUMENTS are options for node in every service, e.g. to profile them:
 * `SERVICE_NODE_ARGUMENTS="--cpu-prof --cpu-prof-dir=/tmp/profiles"`; an interrupted run (Ctrl-C)
 * stops them gracefully, so that they write their profiles.
 */
import { globalPositionParts } from '@training-ledger/event-store';
import { CHECKPOINTS_COLLECTION, loadCheckpointPosition, type StoredCheckpointPosition } from '@training-ledger/read-models';
import { buildServices, requestEvaluationJob } from '@training-ledger/test-servers';
import mongoose from 'mongoose';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { nationalScale, ProgrammeSimulation, smallScale } from '../programme-simulation';
import { serviceNames, SystemProcesses } from '../system-processes';
import { localServerPid, ProcessCpuMeter } from '@training-ledger/test-servers';

/** The high-water mark of a process's resident memory, as Linux keeps it. */
function peakResidentMiB(pid: number | null): string {
  if (pid === null) return 'n/a';
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // A service that exited (and is being started again) has no high-water mark to read.
    return 'exited';
  }
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? `${Math.round(Number(match[1]) / 1024)} MiB` : 'n/a';
}

/**
 * Events each service recorded after the last one each of its local projections (fed from its own
 * log, not through Kafka) applied. The wait for quiet watches only Kafka consumer groups, so a lagging
 * local projection shows only here. A projection of rare event types (the course catalogue, the
 * trainee directory) counts events it has no use for: only a count that grows means a lag.
 */
async function localProjectionsBehind(system: SystemProcesses, pool: Pool): Promise<string> {
  const parts: string[] = [];
  for (const service of serviceNames) {
    const suffix = service.replace(/-/g, '_');
    const connection = await mongoose
      .createConnection(process.env.MONGO_URL as string, { dbName: `${system.isolated.database}_${suffix}`.slice(0, 63) })
      .asPromise();
    try {
      const checkpoints = await connection.db!.collection<{ _id: string; position?: StoredCheckpointPosition | null }>(CHECKPOINTS_COLLECTION).find().toArray();
      for (const checkpoint of checkpoints) {
        const position = loadCheckpointPosition(checkpoint.position);
        if (position?.kind !== 'event-log') continue;
        const { minor: sequence } = globalPositionParts(position.globalPosition);
        const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${system.isolated.schema}_${suffix}.events WHERE global_position > $1`, [sequence.toString()]);
        parts.push(`${service} ${checkpoint._id} ${Number(rows[0]?.count).toLocaleString('en')}`);
      }
    } finally {
      await connection.close();
    }
  }
  return parts.join(', ');
}

async function main(): Promise<void> {
  const scaleName = process.argv[2] ?? 'national';
  const scale = scaleName === 'small' ? smallScale : nationalScale;
  await buildServices();
  const nodeArguments = (process.env.SERVICE_NODE_ARGUMENTS ?? '').split(' ').filter((argument) => argument.length > 0);
  const system = await SystemProcesses.start(`sim-${scaleName}`, { nodeArguments });
  // An interrupted benchmark still stops its services and drops what it wrote.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  }
  const cpu = new ProcessCpuMeter(
    () =>
      new Map<string, number | null>([
        ...serviceNames.map((service) => [service, system.processes.get(service)?.pid ?? null] as const),
        ...(['postgres', 'kafka', 'ferretdb'] as const).map((server) => [server, localServerPid(server)] as const),
      ]),
  );
  cpu.start();
  const driverCpuAtStart = process.cpuUsage();
  const cpuTimes = () => {
    const driver = process.cpuUsage(driverCpuAtStart);
    return `${cpu.report()}, driver ${((driver.user + driver.system) / 1e6).toFixed(1)} s`;
  };
  const started = performance.now();
  try {
    // At national scale the consumers may trail the simulation by many minutes before an evaluation.
    const patient = { urls: system.urls, mint: system.mint.bind(system), waitForQuiet: () => system.waitForQuiet(3_600_000) };
    const peaks = () => serviceNames.map((service) => `${service} ${peakResidentMiB(system.processes.get(service)?.pid ?? null)}`).join(', ');
    const lagPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const progress = (line: string) => {
      console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
      // A benchmark cut short still tells how far it got and what the services needed on the way.
      if (line.startsWith('played')) {
        console.log(`        peak memory so far: ${peaks()}`);
        console.log(`        CPU time so far:    ${cpuTimes()}`);
        void localProjectionsBehind(system, lagPool).then(
          (behind) => console.log(`        recorded since each local projection's last write: ${behind}`),
          (error: unknown) => console.log(`        local projections: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    };
    const result = await new ProgrammeSimulation(patient, scale, progress).run();
    await system.waitForQuiet();
    const replays: string[] = [];
    const auditor = await system.mint('auditor');
    for (const [kind, evaluation] of [['mid-term', result.midTerm], ['final', result.final]] as const) {
      const asked = performance.now();
      const replayed = await requestEvaluationJob<{ outcome: string }>(system.urls.reporting, auditor, 'POST', `/evaluations/${evaluation.evaluationId}/replay`);
      replays.push(`${kind} ${replayed.outcome} in ${((performance.now() - asked) / 1000).toFixed(1)} s`);
    }
    console.log(`local projections   recorded since each one's last write: ${await localProjectionsBehind(system, lagPool)}`);
    await lagPool.end();
    const seconds = (performance.now() - started) / 1000;
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const counts: Record<string, number> = {};
    try {
      for (const service of serviceNames) {
        const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${system.isolated.schema}_${service.replace(/-/g, '_')}.events`);
        counts[service] = Number(rows[0]?.count);
      }
    } finally {
      await pool.end();
    }
    const events = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const marks = result.facts.attendance.filter((mark) => mark.kind === 'recorded').length;
    console.log(`scale               ${scaleName}: ${result.facts.agencies.length} agencies, ${new Set(result.facts.attendance.map((mark) => mark.traineeId)).size.toLocaleString('en')} trainees attending, ${result.facts.runs.length} runs`);
    console.log(`posted              ${marks.toLocaleString('en')} attendance marks, ${result.facts.certificates.length.toLocaleString('en')} certificates, ${result.requests.toLocaleString('en')} HTTP requests`);
    console.log(`duration            ${(seconds / 60).toFixed(1)} min`);
    console.log(`events recorded     ${events.toLocaleString('en')} (${Object.entries(counts).map(([service, count]) => `${service} ${count.toLocaleString('en')}`).join(', ')})`);
    console.log(`events per second   ${Math.round(events / seconds).toLocaleString('en')}`);
    console.log(`peak memory (RSS)   ${peaks()}`);
    console.log(`CPU time            ${cpuTimes()} (over ${seconds.toFixed(0)} s of wall time on ${availableParallelism()} cores)`);
    console.log(`evaluations         mid-term ${result.midTerm.reportSha256}, final ${result.final.reportSha256}`);
    console.log(`replays             ${replays.join(', ')}`);
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
