import { buildServices, workspaceRoot } from '@training-ledger/test-servers';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ProgrammeSimulation, type SimulationResult, smallScale } from '../simulation/programme-simulation';
import { serviceNames, type ServiceName, SystemProcesses } from '../simulation/system-processes';

const LOCAL_KAFKA = '127.0.0.1:59092';

/** The broker of `deploy/local`, stopped and started again; elsewhere (a container) the broker is left alone. */
function restartLocalKafka(): boolean {
  if (process.env.KAFKA_BROKERS !== LOCAL_KAFKA) return false;
  execFileSync('bash', ['deploy/local/kafka.sh', 'down'], { cwd: workspaceRoot, stdio: 'ignore' });
  execFileSync('bash', ['deploy/local/kafka.sh', 'up'], { cwd: workspaceRoot, stdio: 'ignore' });
  return true;
}

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const sorted = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * A completion is assessed again whenever a fact changes its result, so how many assessments a run
 * gets depends on the order facts of different partitions arrive in, which a restart changes; the
 * last assessment of each trainee does not, and the certificates compared above rest on it.
 */
const orderDependent = ['CompletionAssessed.v1'];

interface Fingerprint {
  readonly readModels: Record<string, string>;
  readonly evaluations: Record<string, string>;
  /** What today's archive would change in the final evaluation: nothing, when it was issued after every fact had arrived. */
  readonly finalRestated: readonly { path: string; causedBy: readonly { type: string; topic: string; offset: string }[] }[];
  readonly eventCounts: Record<string, Record<string, number>>;
}

/**
 * What users see of every read model, through the services' own APIs, with the ids a service draws
 * at random (nomination and certificate ids) left out; the evaluations' figures; and how many events
 * of each type each service's log holds.
 */
async function fingerprint(system: SystemProcesses, result: SimulationResult, label: string): Promise<Fingerprint> {
  await system.waitForQuiet();
  // Projections of a service's own log follow it a moment behind; give them that moment.
  await new Promise((wait) => setTimeout(wait, 3_000));
  const auditor = await system.mint('auditor');
  const get = async (service: keyof SystemProcesses['urls'], path: string): Promise<unknown> => {
    const response = await fetch(`${system.urls[service]}${path}`, { headers: { authorization: `Bearer ${auditor}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const runs = result.facts.runs.map((run) => run.runId).sort();
  const agencies = result.facts.agencies.map((agency) => agency.agencyId).sort();
  const readModels: Record<string, unknown> = {
    'enrolment rosters': await Promise.all(agencies.map((agencyId) => get('enrolment', `/agencies/${agencyId}/rosters`))),
    'enrolment nominations': await Promise.all(
      runs.map(async (runId) => sorted(((await get('enrolment', `/runs/${runId}/nominations`)) as { traineeId: string; status: string }[]).map(({ traineeId, status }) => ({ traineeId, status })))),
    ),
    'course-delivery runs': sorted((await get('courseDelivery', '/runs')) as unknown[]),
    'course-delivery attendance sheets': await Promise.all(
      runs.map(async (runId) =>
        sorted(((await get('courseDelivery', `/runs/${runId}/attendance`)) as { entries: { sessionId: string; traineeId: string; status: string; corrected: boolean }[] }).entries.map(({ sessionId, traineeId, status, corrected }) => ({ sessionId, traineeId, status, corrected }))),
      ),
    ),
    'certification certificates': await Promise.all(
      runs.map(async (runId) =>
        sorted(
          ((await get('certification', `/certificates?runId=${runId}`)) as { certificateNumber: string; traineeId: string; status: string; issuedOn: string; revokedOn: string | null; flaggedForReview: unknown }[]).map(
            ({ certificateNumber, traineeId, status, issuedOn, revokedOn, flaggedForReview }) => ({ certificateNumber, traineeId, status, issuedOn, revokedOn, flaggedForReview }),
          ),
        ),
      ),
    ),
    'reporting progress': await Promise.all(['2027-06-30', '2028-12-31', '2031-12-31'].map((asOf) => get('reporting', `/progress?asOf=${asOf}`))),
    'reporting agencies': await get('reporting', '/agencies'),
  };
  const evaluationFigures: Record<string, unknown> = {};
  for (const [name, evaluation] of [['mid-term', result.midTerm], ['final', result.final]] as const) {
    const issued = (await get('reporting', `/evaluations/${evaluation.evaluationId}`)) as { reportJson: string };
    // The figures, not where in Kafka they were read: a relay that resends after a crash moves offsets, never figures.
    const { inputs: _inputs, ...figures } = JSON.parse(issued.reportJson) as Record<string, unknown>;
    evaluationFigures[name] = figures;
  }
  const { changes: finalRestated } = (await get('reporting', `/evaluations/${result.final.evaluationId}/restatement`)) as { changes: Fingerprint['finalRestated'] };
  evaluationFigures['final restated'] = finalRestated;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const eventCounts: Record<string, Record<string, number>> = {};
  try {
    for (const service of serviceNames) {
      const schema = `${system.isolated.schema}_${service.replace(/-/g, '_')}`;
      const { rows } = await pool.query<{ event_type: string; count: string }>(
        `SELECT event_type, count(*) FROM ${schema}.events WHERE stream_category <> 'inbox' AND stream_category <> 'evaluation' GROUP BY event_type ORDER BY event_type`,
      );
      eventCounts[service] = Object.fromEntries(rows.filter((row) => !orderDependent.includes(row.event_type)).map((row) => [row.event_type, Number(row.count)]));
      if (service === 'reporting') {
        const archived = await pool.query<{ type: string; distinct_events: string }>(
          `SELECT data->>'type' AS type, count(DISTINCT data->>'eventId') AS distinct_events FROM ${schema}.events WHERE stream_category = 'inbox' GROUP BY 1 ORDER BY 1`,
        );
        for (const row of archived.rows.filter((candidate) => !orderDependent.includes(candidate.type))) {
          eventCounts[service][`archived ${row.type}`] = Number(row.distinct_events);
        }
      }
    }
  } finally {
    await pool.end();
  }
  // Where they differ, the documents themselves say why: written beside the test logs.
  writeFileSync(join(workspaceRoot, '.local/test-logs', `faults-${label}-read-models.json`), JSON.stringify(readModels, null, 1));
  writeFileSync(join(workspaceRoot, '.local/test-logs', `faults-${label}-evaluations.json`), JSON.stringify(evaluationFigures, null, 1));
  const digests = (documents: Record<string, unknown>) => Object.fromEntries(Object.entries(documents).map(([name, value]) => [name, sha256(value)]));
  const { 'final restated': _restated, ...issued } = evaluationFigures;
  return { readModels: digests(readModels), evaluations: digests(issued), finalRestated, eventCounts };
}

/**
 * Faults during the programme: each service killed once with SIGKILL and restarted, and the Kafka
 * broker restarted once. At the end every read model, both evaluations and every log are the same as
 * after the same programme played without faults.
 */
describe('the programme under faults', () => {
  let undisturbed: Fingerprint;
  let disturbed: Fingerprint;
  const struck: string[] = [];

  beforeAll(async () => {
    await buildServices();
    const calm = await SystemProcesses.start('calm');
    try {
      undisturbed = await fingerprint(calm, await new ProgrammeSimulation(calm, smallScale).run(), 'calm');
    } finally {
      await calm.stop();
    }

    const stormy = await SystemProcesses.start('stormy');
    const faults: Record<string, () => Promise<void>> = {
      'run 2027/1': () => killAndRestart(stormy, 'enrolment'),
      'run 2027/2': () => killAndRestart(stormy, 'course-delivery'),
      'run 2028/1': () => killAndRestart(stormy, 'certification'),
      'run 2029/1': () => killAndRestart(stormy, 'reporting'),
      'run 2030/1': async () => {
        if (!restartLocalKafka()) return;
        struck.push('kafka');
        // Every consumer must find the broker again before the programme goes on.
        await stormy.waitForQuiet();
      },
    };
    stormy.onStep = async (step) => {
      await faults[step]?.();
    };
    async function killAndRestart(system: SystemProcesses, service: ServiceName): Promise<void> {
      await system.kill(service);
      await system.restart(service);
      struck.push(service);
    }
    try {
      disturbed = await fingerprint(stormy, await new ProgrammeSimulation(stormy, smallScale).run(), 'stormy');
    } finally {
      await stormy.stop();
    }
  }, 1_800_000);

  it('struck every service once, and the broker when it runs locally', () => {
    expect(struck.slice(0, 4)).toEqual(['enrolment', 'course-delivery', 'certification', 'reporting']);
    if (process.env.KAFKA_BROKERS === LOCAL_KAFKA) expect(struck).toContain('kafka');
  });

  it('ends with every read model as without faults', () => {
    expect(disturbed.readModels).toEqual(undisturbed.readModels);
  });

  it('issued the final evaluation only after every fact had reached reporting, with or without faults', () => {
    expect(undisturbed.finalRestated).toEqual([]);
    expect(disturbed.finalRestated).toEqual([]);
  });

  it('ends with both evaluations’ figures as without faults', () => {
    expect(disturbed.evaluations).toEqual(undisturbed.evaluations);
  });

  it('lost no event and recorded none twice', () => {
    expect(disturbed.eventCounts).toEqual(undisturbed.eventCounts);
    expect(undisturbed.eventCounts.enrolment?.['NominationApproved.v1']).toBeGreaterThan(0);
  });
});
