import { buildServices, requestEvaluationJob, workspaceRoot } from '@training-ledger/test-servers';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { type ComparableReport, decision892Bands, expectedEvaluation, type ExpectedEvaluation, reportFiguresToCompare } from '../simulation/ground-truth';
import { ProgrammeSimulation, type RequestInFlight, type SimulationResult, smallScale } from '../simulation/programme-simulation';
import { serviceNames, type ServiceName, SystemProcesses } from '../simulation/system-processes';

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const sorted = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * A completion is assessed again whenever a fact changes its result, so how many assessments a run
 * gets depends on the order facts of different partitions arrive in, which a restart changes; the
 * last assessment of each trainee does not, and the certificates compared above rest on it.
 */
const orderDependent = ['CompletionAssessed.v1'];
/** Certification notes evidence one event per consumed batch: how Kafka split the batches varies, the pieces of evidence do not. */
const batchDependent = ['RunEvidenceNoted.v1'];

interface Fingerprint {
  readonly readModels: Record<string, string>;
  /** Each evaluation's figures beside what the simulation's own ground truth expects of the facts it posted. */
  readonly againstGroundTruth: Record<string, { readonly reported: ExpectedEvaluation; readonly expected: ExpectedEvaluation }>;
  /** What each evaluation read and what of it it rejected. */
  readonly inputs: Record<string, { readonly rejectedEvents: readonly unknown[] }>;
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
  const againstGroundTruth: Fingerprint['againstGroundTruth'] = {};
  const inputs: Fingerprint['inputs'] = {};
  for (const [name, evaluation] of [['mid-term', result.midTerm], ['final', result.final]] as const) {
    const issued = (await get('reporting', `/evaluations/${evaluation.evaluationId}`)) as { reportJson: string };
    const report = JSON.parse(issued.reportJson) as ComparableReport & { inputs: { rejectedEvents: unknown[] } };
    // The figures, not where in Kafka they were read: a relay that resends after a crash moves offsets, never figures.
    const { inputs: read, ...figures } = report;
    evaluationFigures[name] = figures;
    inputs[name] = { rejectedEvents: read.rejectedEvents };
    againstGroundTruth[name] = {
      reported: reportFiguresToCompare(report),
      expected: expectedEvaluation(evaluation.factsAtIssue, { asOf: evaluation.asOf, kind: name, coverageRule: { kind: 'any-certificate' }, bands: decision892Bands(evaluation.asOf) }),
    };
  }
  const { changes: finalRestated } = await requestEvaluationJob<{ changes: Fingerprint['finalRestated'] }>(system.urls.reporting, auditor, 'GET', `/evaluations/${result.final.evaluationId}/restatement`);
  evaluationFigures['final restated'] = finalRestated;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const eventCounts: Record<string, Record<string, number>> = {};
  try {
    for (const service of serviceNames) {
      const schema = `${system.isolated.schema}_${service.replace(/-/g, '_')}`;
      // Seals come every so many seconds: how many there are depends on how long the run took.
      const { rows } = await pool.query<{ event_type: string; count: string }>(
        `SELECT event_type, count(*) FROM ${schema}.events WHERE stream_category NOT IN ('inbox', 'evaluation', 'seal') GROUP BY event_type ORDER BY event_type`,
      );
      eventCounts[service] = Object.fromEntries(
        rows.filter((row) => !orderDependent.includes(row.event_type) && !batchDependent.includes(row.event_type)).map((row) => [row.event_type, Number(row.count)]),
      );
      const evidence = await pool.query<{ event_type: string; items: string }>(
        `SELECT event_type, count(*) AS items FROM ${schema}.events, jsonb_array_elements(data->'items') WHERE event_type = ANY($1) GROUP BY event_type`,
        [batchDependent],
      );
      for (const row of evidence.rows) eventCounts[service][`${row.event_type} items`] = Number(row.items);
      if (service === 'reporting') {
        const archived = await pool.query<{ type: string; distinct_events: string }>(
          // Archived alone (before batches) or in consumed batches, whose messages are JSON text.
          `SELECT type, count(DISTINCT event_id) AS distinct_events FROM (
             SELECT data->>'type' AS type, data->>'eventId' AS event_id FROM ${schema}.events WHERE stream_category = 'inbox' AND event_type = 'IntegrationEventArchived.v1'
             UNION ALL
             SELECT message->>'type', message->>'eventId' FROM ${schema}.events e, jsonb_array_elements((e.data->>'messages')::jsonb) AS message
             WHERE e.stream_category = 'inbox' AND e.event_type = 'IntegrationEventsArchived.v1'
           ) archived WHERE type <> 'LogSealed.v1' GROUP BY 1 ORDER BY 1`,
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
  return { readModels: digests(readModels), againstGroundTruth, inputs, evaluations: digests(issued), finalRestated, eventCounts };
}

const urlServices: Record<RequestInFlight['service'], ServiceName> = {
  enrolment: 'enrolment',
  courseDelivery: 'course-delivery',
  certification: 'certification',
  reporting: 'reporting',
};

/**
 * Faults during the programme: each service killed once with SIGKILL and restarted; a service killed
 * while a bulk request with an Idempotency-Key is in flight (the client sends it again), and while
 * its relay is behind the end of its log; the Kafka broker killed with SIGKILL and started again.
 * At the end every read model, both evaluations and every log are the same as after the same
 * programme played without faults, and both evaluations hold what the ground truth expects.
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
      'run 2027/2': async () => {
        await killAndRestart(stormy, 'course-delivery');
        armed.push(midRequest('course-delivery', '/attendance'), midRequest('enrolment', '/nominations'));
      },
      'run 2028/1': async () => {
        await killAndRestart(stormy, 'certification');
        armed.push(relayBehindItsLog());
      },
      'run 2029/1': () => killAndRestart(stormy, 'reporting'),
      'run 2030/1': async () => {
        await stormy.killKafkaBroker();
        struck.push('kafka broker (SIGKILL)');
        // Every consumer must find the broker again before the programme goes on.
        await stormy.waitForQuiet();
      },
    };
    /** Faults that wait for the right moment: each strikes once, at the first request that offers it. */
    type ArmedFault = (request: RequestInFlight) => Promise<boolean>;
    const armed: ArmedFault[] = [];
    let striking = false;
    stormy.onStep = async (step) => {
      await faults[step]?.();
    };
    stormy.whileInFlight = async (request) => {
      if (striking || armed.length === 0) return;
      striking = true;
      try {
        for (const [index, fault] of armed.entries()) {
          if (await fault(request)) {
            armed.splice(index, 1);
            return;
          }
        }
      } finally {
        striking = false;
      }
    };
    /** SIGKILL the service while a bulk POST with an Idempotency-Key is in flight; the simulation sends it again with the same key. */
    function midRequest(service: ServiceName, pathEnd: string): ArmedFault {
      // A request answered before the blow falls is let go, and the next one struck sooner.
      let delayMs = 16;
      return async (request) => {
        if (urlServices[request.service] !== service || request.method !== 'POST' || !request.path.endsWith(pathEnd) || !request.idempotencyKey) return false;
        await new Promise((wait) => setTimeout(wait, delayMs));
        if (request.settled()) {
          delayMs = Math.floor(delayMs / 2);
          return false;
        }
        await killAndRestart(stormy, service, `${service} while ${request.path} was in flight`);
        return true;
      };
    }
    /** SIGKILL a service the moment its relay is seen behind the end of its log, checkpoint and log read from the database. */
    function relayBehindItsLog(): ArmedFault {
      return async (request) => {
        if (request.method !== 'POST') return false;
        await request.answered;
        const service = urlServices[request.service];
        const behind = await stormy.relayBehind(service);
        if (behind === null) return false;
        await killAndRestart(stormy, service, `${service} while its relay was behind: ${behind.replace(/ at \S+ to .*/, '')}`);
        return true;
      };
    }
    async function killAndRestart(system: SystemProcesses, service: ServiceName, what: string = service): Promise<void> {
      await system.kill(service);
      await system.restart(service);
      struck.push(what);
    }
    try {
      disturbed = await fingerprint(stormy, await new ProgrammeSimulation(stormy, smallScale).run(), 'stormy');
    } finally {
      await stormy.stop();
    }
  }, 1_800_000);

  it('struck every service once, a bulk request and a relay mid-flight, and the broker with SIGKILL', () => {
    expect(struck.filter((what) => !what.includes(' while '))).toEqual(['enrolment', 'course-delivery', 'certification', 'reporting', 'kafka broker (SIGKILL)']);
    const midFlight = struck.filter((what) => what.includes(' while '));
    expect(midFlight).toHaveLength(3);
    expect(midFlight.filter((what) => /^course-delivery while \/runs\/\S+\/attendance was in flight$/.test(what))).toHaveLength(1);
    expect(midFlight.filter((what) => /^enrolment while \/runs\/\S+\/nominations was in flight$/.test(what))).toHaveLength(1);
    expect(midFlight.filter((what) => / while its relay was behind: .+ has not yet published \S+$/.test(what))).toHaveLength(1);
  });

  it('issued both evaluations, with and without faults, with every figure the ground truth expects and no input rejected', () => {
    for (const run of [undisturbed, disturbed]) {
      for (const [name, { reported, expected }] of Object.entries(run.againstGroundTruth)) {
        expect({ name, figures: reported }).toEqual({ name, figures: expected });
        expect(run.inputs[name]?.rejectedEvents).toEqual([]);
      }
    }
    // How many events each read is order-dependent (re-assessments, see above); that no fact was lost is checked below.
    expect(Object.keys(disturbed.inputs)).toEqual(['mid-term', 'final']);
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
