import { buildServices, requestEvaluationJob } from '@training-ledger/test-servers';
import { type ComparableReport, decision892Bands, expectedEvaluation, reportFiguresToCompare } from '../simulation/ground-truth';
import { ProgrammeSimulation, type SimulationResult, smallScale } from '../simulation/programme-simulation';
import { expectedProgramme } from '../simulation/programme-ground-truth';
import type { PostedFacts } from '../simulation/posted-facts';
import { SystemProcesses } from '../simulation/system-processes';

type Change = { path: string; before: unknown; after: unknown; causedBy: { type: string }[] };

type Report = Record<string, unknown> & { agencies: { agencyId: string; roster: { regular: number; nonRegular: number } }[] };

/**
 * The whole system as MOFA, the ministries and provinces use it: the four services as separate
 * processes on real Kafka, PostgreSQL and FerretDB, playing a small programme 2026–2031.
 */
/** Every restated programme figure is what the ground truth gives over everything posted since, as of the same date. */
function expectProgrammeRestatedAsTheGroundTruthSays(facts: PostedFacts, changes: readonly Change[], asOf: string): void {
  const restated = expectedProgramme(facts, asOf);
  const at = (path: string) => path.replace(/^programme\./, '').split(/\.|\[|\]\.?/).filter(Boolean).reduce<unknown>((value, key) => {
    if (Array.isArray(value)) return value.find((agency: { agencyId: string }) => agency.agencyId === key);
    return (value as Record<string, unknown>)[key];
  }, restated);
  for (const change of changes.filter((each) => each.path.startsWith('programme.'))) {
    expect({ path: change.path, after: change.after }).toEqual({ path: change.path, after: at(change.path) });
  }
}

describe('the programme, end to end', () => {
  let system: SystemProcesses;
  let result: SimulationResult;

  const get = async <T>(service: keyof SystemProcesses['urls'], token: string, path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${system.urls[service]}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const post = async (service: keyof SystemProcesses['urls'], token: string, path: string, body: unknown = {}): Promise<number> =>
    (await fetch(`${system.urls[service]}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;

  beforeAll(async () => {
    await buildServices();
    system = await SystemProcesses.start('programme');
    result = await new ProgrammeSimulation(system, smallScale, (line) => process.stdout.write(`${line}\n`)).run();
  }, 1_200_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('plays the programme through the public APIs', () => {
    expect(result.facts.runs.length).toBe(11);
    expect(result.facts.certificates.length).toBeGreaterThan(20);
    expect(result.facts.certificates.some((certificate) => certificate.revokedOn !== null)).toBe(true);
  });

  it('issues the mid-term, an annual and the final evaluation with every figure equal to the simulation’s own ground truth', async () => {
    const auditor = await system.mint('auditor');
    for (const [kind, evaluation] of [['mid-term', result.midTerm], ['annual', result.annual2029], ['final', result.final]] as const) {
      const issued = await get<{ reportJson: string }>('reporting', auditor, `/evaluations/${evaluation.evaluationId}`);
      const report = JSON.parse(issued.body.reportJson) as ComparableReport;
      const expected = expectedEvaluation(evaluation.factsAtIssue, {
        asOf: evaluation.asOf,
        kind,
        coverageRule: { kind: 'any-certificate' },
        bands: decision892Bands(evaluation.asOf),
      });
      expect(reportFiguresToCompare(report)).toEqual(expected);
      expect(expected.national.trained.regular).toBeGreaterThan(0);
      const programme = (JSON.parse(issued.body.reportJson) as { programme: unknown }).programme;
      const expectedFigures = expectedProgramme(evaluation.factsAtIssue, evaluation.asOf);
      expect(programme).toEqual(expectedFigures);
      expect(expectedFigures.national.learnerTimesAttended).toBeGreaterThan(0);
      expect(expectedFigures.agencyGroups.ministries.agenciesSending + expectedFigures.agencyGroups.localities.agenciesSending).toBeGreaterThan(1);
      expect(expectedFigures.national.feedback.fromAgencies).toBeGreaterThan(0);
      // The course for department-level leaders admits leaders only, so the report counts it as a senior course.
      expect(expectedFigures.national.seniorRunsForLeaders).toBeGreaterThan(0);
      expect(expectedFigures.national.seniorRunsForLeaders).toBeLessThan(expectedFigures.national.runsCompleted);
    }
  });

  it('certifies exactly whom the simulation expects, and flags none: no correction took a certified learner\'s attendance away', async () => {
    const auditor = await system.mint('auditor');
    const certificates = await get<{ certificateNumber: string; traineeId: string; runId: string; flaggedForReview: string[] | null }[]>('certification', auditor, '/certificates');
    const key = (certificate: { runId: string; traineeId: string }) => `${certificate.runId}/${certificate.traineeId}`;
    expect(certificates.body.map(key).sort()).toEqual(result.facts.certificates.map(key).sort());
    expect(certificates.body.filter((certificate) => certificate.flaggedForReview !== null)).toEqual([]);
  });

  it('replays both evaluations identically', async () => {
    const auditor = await system.mint('auditor');
    for (const evaluation of [result.midTerm, result.final]) {
      const outcome = await requestEvaluationJob(system.urls.reporting, auditor, 'POST', `/evaluations/${evaluation.evaluationId}/replay`);
      expect(outcome).toMatchObject({ outcome: 'identical', reportSha256: evaluation.reportSha256 });
    }
  });

  it('shows a roster correction posted after the mid-term in its restatement, never in the issued report', async () => {
    const auditor = await system.mint('auditor');
    const issued = await get<{ reportJson: string; reportSha256: string }>('reporting', auditor, `/evaluations/${result.midTerm.evaluationId}`);
    expect(issued.body.reportSha256).toBe(result.midTerm.reportSha256);
    const { agencyId, regular } = result.lateCorrection;
    const issuedRoster = (JSON.parse(issued.body.reportJson) as Report).agencies.find((agency) => agency.agencyId === agencyId)?.roster;
    expect(issuedRoster?.regular).not.toBe(regular);
    const restatement = await requestEvaluationJob<{ changes: Change[] }>(
      system.urls.reporting,
      auditor,
      'GET',
      `/evaluations/${result.midTerm.evaluationId}/restatement`,
    );
    const rosterChange = restatement.changes.find((change) => change.path === `agencies[${agencyId}].roster.regular`);
    expect(rosterChange).toMatchObject({ before: issuedRoster?.regular, after: regular });
    expect(rosterChange?.causedBy.map((cause) => cause.type)).toContain('StaffRosterDeclared.v1');
  });

  it('restates the mid-term by the attendance correction posted after it about a session before it, by exactly one', async () => {
    const auditor = await system.mint('auditor');
    const { restatement, learnerTimesAttended: step, sessionDate } = { restatement: await requestEvaluationJob<{ changes: Change[] }>(
      system.urls.reporting,
      auditor,
      'GET',
      `/evaluations/${result.midTerm.evaluationId}/restatement`,
    ), ...result.lateAttendanceCorrection };
    expect(sessionDate <= result.midTerm.asOf).toBe(true);
    const attended = restatement.changes.filter((change) => change.path.endsWith('learnerTimesAttended'));
    expect(attended.map((change) => change.path)).toEqual(expect.arrayContaining(['courses.learnerTimesAttended', 'programme.national.learnerTimesAttended']));
    for (const change of attended) {
      expect({ path: change.path, moved: (change.after as number) - (change.before as number) }).toEqual({ path: change.path, moved: step });
      expect(change.causedBy.map((cause) => cause.type)).toEqual(['AttendanceCorrected.v1']);
    }
    expectProgrammeRestatedAsTheGroundTruthSays(result.facts, restatement.changes, result.midTerm.asOf);
  });

  it('restates the 2029 annual evaluation by a mark posted after it about a session in 2029, by exactly one', async () => {
    const auditor = await system.mint('auditor');
    const restatement = await requestEvaluationJob<{ changes: Change[] }>(system.urls.reporting, auditor, 'GET', `/evaluations/${result.annual2029.evaluationId}/restatement`);
    expect(result.lateMark.sessionDate <= result.annual2029.asOf).toBe(true);
    const attended = restatement.changes.filter((change) => change.path.endsWith('learnerTimesAttended'));
    expect(attended.map((change) => change.path)).toEqual(expect.arrayContaining(['courses.learnerTimesAttended', 'programme.national.learnerTimesAttended']));
    for (const change of attended) {
      expect({ path: change.path, moved: (change.after as number) - (change.before as number) }).toEqual({ path: change.path, moved: 1 });
      expect(change.causedBy.map((cause) => cause.type)).toEqual(['AttendanceRecorded.v1']);
    }
    expectProgrammeRestatedAsTheGroundTruthSays(result.facts, restatement.changes, result.annual2029.asOf);
  });

  it('restates the mid-term by no fact about a later date, though marks, certificates, revocations, a reissue, feedback and a rename were posted after it', async () => {
    const issuedOn = '2029-01-20';
    const asOf = result.midTerm.asOf;
    const postedAfter = {
      laterMarks: result.facts.attendance.filter((mark) => mark.postedOn > issuedOn && mark.sessionDate > asOf).length,
      laterCertificates: result.facts.certificates.filter((certificate) => certificate.issuedOn > issuedOn).length,
      laterRevocations: result.facts.certificates.filter((certificate) => certificate.revokedOn !== null && certificate.revokedOn > issuedOn).length,
      laterFeedback: result.facts.feedback.filter((feedback) => feedback.postedOn > issuedOn).length,
      laterReissues: result.facts.certificates.filter((certificate) => certificate.replacesCertificateId !== null && certificate.issuedOn > issuedOn).length,
    };
    process.stdout.write(`posted after the mid-term, about later dates: ${JSON.stringify(postedAfter)}\n`);
    expect(postedAfter.laterMarks).toBeGreaterThan(0);
    expect(postedAfter.laterCertificates).toBeGreaterThan(0);
    expect(postedAfter.laterRevocations).toBeGreaterThan(0);
    expect(postedAfter.laterReissues).toBeGreaterThan(0);
    const auditor = await system.mint('auditor');
    const restatement = await requestEvaluationJob<{ changes: Change[] }>(system.urls.reporting, auditor, 'GET', `/evaluations/${result.midTerm.evaluationId}/restatement`);
    const causes = new Set(restatement.changes.flatMap((change) => change.causedBy.map((cause) => cause.type)));
    expect([...causes].sort()).toEqual(['AttendanceCorrected.v1', 'StaffRosterDeclared.v1']);
  });

  it('names the renamed agency as it was on each as-of date: the old name in the mid-term and its restatement, the new one in the final', async () => {
    const { agencyId, nameBefore, nameAfter } = result.lateRename;
    const auditor = await system.mint('auditor');
    const nameIn = async (evaluationId: string) => {
      const issued = await get<{ reportJson: string }>('reporting', auditor, `/evaluations/${evaluationId}`);
      return (JSON.parse(issued.body.reportJson) as { agencies: { agencyId: string; nameVi: string | null }[] }).agencies.find((row) => row.agencyId === agencyId)?.nameVi;
    };
    expect(await nameIn(result.midTerm.evaluationId)).toBe(nameBefore);
    expect(await nameIn(result.final.evaluationId)).toBe(nameAfter);
    const restatement = await requestEvaluationJob<{ changes: Change[] }>(system.urls.reporting, auditor, 'GET', `/evaluations/${result.midTerm.evaluationId}/restatement`);
    expect(restatement.changes.filter((change) => change.path.includes('nameVi') || change.causedBy.some((cause) => cause.type === 'AgencyRenamed.v1'))).toEqual([]);
  });

  it('keeps an agency to its own records, and an auditor to reading', async () => {
    const [own, other] = result.facts.agencies;
    const agency = await system.mint('agency-integration', { agencyId: own!.agencyId });
    expect((await get('enrolment', agency, `/agencies/${other!.agencyId}/trainees`)).status).toBe(403);
    expect(await post('enrolment', agency, `/agencies/${other!.agencyId}/rosters`, { asOf: '2027-01-01', regular: 1, nonRegular: 1 })).toBe(403);
    expect((await get('enrolment', agency, `/agencies/${own!.agencyId}/trainees`)).status).toBe(200);
    const progress = await get<{ agencyId: string }>('reporting', agency, '/progress');
    expect(progress.body.agencyId).toBe(own!.agencyId);
    const certificates = await get<{ agencyId: string }[]>('certification', agency, `/certificates?agencyId=${other!.agencyId}`);
    expect(certificates.status).toBe(403);

    const auditor = await system.mint('auditor');
    expect(await post('reporting', auditor, '/evaluations', { kind: 'ad-hoc', asOf: '2027-12-31' })).toBe(403);
    expect(await post('enrolment', auditor, `/agencies/${own!.agencyId}/rosters`, { asOf: '2027-01-01', regular: 1, nonRegular: 1 })).toBe(403);
    expect(await post('certification', auditor, `/runs/${result.facts.runs[0]!.runId}/certificates`, { holders: [] })).toBe(403);
    expect(await post('courseDelivery', auditor, '/courses', {})).toBe(403);
  });
});
