/**
 * Throughput of guarded writes on the server MONGO_URL names, per write mode:
 * first application, full replay (every write refused by the guard), and a sumBy over the result.
 *
 *   MONGO_URL=mongodb://127.0.0.1:17017 npx tsx libs/read-models/bench/apply-throughput.bench.ts \
 *     [trainees=1000] [batchSize=200] [modes=auto,sequential]
 *
 * Each trainee is two events (registration, certificate) on one document. `bulk` is refused on FerretDB.
 */
import { countBy, sumBy } from '../src/aggregate';
import type { ProjectableEvent } from '../src/projectable-event';
import type { WriteMode } from '../src/document-writer';
import { Projector } from '../src/projector';
import { logEvent, scratchDatabase } from '../src/testing/fixtures';
import { traineeProgress } from '../src/testing/programme-projections';

const trainees = Number(process.argv[2] ?? 1_000);
const batchSize = Number(process.argv[3] ?? 200);
const modes = (process.argv[4] ?? 'auto,sequential').split(',') as WriteMode[];

function history(): ProjectableEvent[] {
  const events: ProjectableEvent[] = [];
  for (let index = 0; index < trainees; index++) {
    const traineeId = `t-${index}`;
    events.push(
      logEvent(
        'TraineeRegistered.v1',
        { traineeId, agencyId: `agency-${index % 40}`, province: `P${index % 34}`, targetGroup: index % 3 ? 'regular' : 'non-regular' },
        { service: 'enrolment', streamName: `trainee-${traineeId}`, streamPosition: 0 },
      ),
      logEvent(
        'CertificateIssued.v1',
        { certificateId: `c-${index}`, traineeId, hours: 8 + (index % 5) * 8, issuedOn: '2026-10-01' },
        { service: 'certification', streamName: `certificate-c-${index}`, streamPosition: 0 },
      ),
    );
  }
  return events;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function applyAll(projector: Projector, collection: string, events: readonly ProjectableEvent[]) {
  let applied = 0;
  let alreadyApplied = 0;
  for (let start = 0; start < events.length; start += batchSize) {
    const result = await projector.applyTo(collection, traineeProgress, events.slice(start, start + batchSize));
    applied += result.applied;
    alreadyApplied += result.alreadyApplied;
  }
  return { applied, alreadyApplied };
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('read_models_bench');
  const events = history();
  const server = (await scratch.connection.db!.admin().command({ buildInfo: 1 })) as { version: string; ferretdbVersion?: string };
  console.log(
    `server: ${server.ferretdbVersion ? `FerretDB ${server.ferretdbVersion}` : `MongoDB ${server.version}`}; ` +
      `${events.length} events, ${trainees} documents, batches of ${batchSize}`,
  );
  try {
    for (const writeMode of modes) {
      const projector = new Projector(scratch.connection, { writeMode });
      const effective = await projector.effectiveWriteMode();
      const collection = `bench_${writeMode}`;
      const first = await timed(() => applyAll(projector, collection, events));
      const replay = await timed(() => applyAll(projector, collection, events));
      const model = projector.modelFor(collection);
      const sums = await timed(() => sumBy(model, {}, 'province', 'hours'));
      const counts = await timed(() => countBy(model, { targetGroup: 'regular' }, 'agencyId'));
      const rate = (ms: number) => Math.round((events.length / ms) * 1000);
      console.log(
        `${`${writeMode}${writeMode === effective ? '' : ` (${effective})`}`.padEnd(18)} first: ${first.ms.toFixed(0)} ms (${rate(first.ms)} events/s, applied ${first.result.applied})  ` +
          `replay: ${replay.ms.toFixed(0)} ms (${rate(replay.ms)} events/s, refused ${replay.result.alreadyApplied})  ` +
          `sumBy: ${sums.ms.toFixed(0)} ms (${sums.result.length} groups)  countBy: ${counts.ms.toFixed(0)} ms`,
      );
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
