import { LocalTokenAuthority } from '@training-ledger/auth';
import { globalPosition, PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import { buildServices, type EvaluationJobAnswer, followEvaluationJob, freePort, IsolatedEnvironment, requestEvaluationJob, ServiceProcess } from '@training-ledger/test-servers';
import type { Producer } from 'kafkajs';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { batchInputDigestRecord, computeEvaluation, digestBatches, type DigestedBatch, renderReport, reportCodeVersions } from '../evaluation-core';
import { type ArchivedMessage, encodeArchivedMessages } from '../inbox/archived-batch';
import { archiveEntry, digestedBatch, evaluationEvent, inboxPages, readWholeInbox } from '../inbox/inbox-reader';
import { PolicyService } from '../policy/policy.service';
import { EvaluationsService, type ReplayOutcome, type Restatement } from './evaluations.service';

type Service = 'enrolment' | 'course-delivery' | 'certification';
const topicOf = (service: Service) => `${service}.events.v1`;

/**
 * Reporting as a process fed through Kafka: issue an evaluation, receive late corrections, replay it
 * (identical), restate it (exactly the corrections show) and catch a tampered copy of its log.
 */
describe('evaluations issued from the log, replayed and restated', () => {
  const isolated = IsolatedEnvironment.create('reporting');
  let authority: LocalTokenAuthority;
  let reporting: ServiceProcess;
  let producer: Producer;
  let evaluator: string;
  let auditor: string;
  let position = 0n;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

  const send = async (service: Service, events: { type: string; data: unknown; stream: string; occurredAt?: string }[]) => {
    await producer.send({
      topic: `${isolated.topicPrefix}${topicOf(service)}`,
      messages: events.map(({ type, data, stream, occurredAt = '2026-09-20T03:00:00.000Z' }) => {
        position += 1n;
        const encoded = encodeIntegrationMessage({
          eventId: randomUUID(),
          type,
          data,
          metadata: { correlationId: randomUUID(), causationId: null, actor: { id: service, roles: [] }, occurredAt, recordedAt: occurredAt },
          source: { service, streamName: stream, streamPosition: position, globalPosition: globalPosition(1n, position) },
        });
        return { key: encoded.key, value: encoded.value, headers: encoded.headers };
      }),
    });
  };

  const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; location: string | null }> => {
    const response = await fetch(`${reporting.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T, location: response.headers.get('location') };
  };

  const certificate = (traineeId: string, agencyId: string, targetGroup: 'regular' | 'non-regular', issuedOn: string) => ({
    certificateId: `2026-${randomUUID()}`,
    certificateNumber: `2026/${String(Number(position % 999_999n) + 1).padStart(6, '0')}`,
    traineeId,
    agencyId,
    targetGroup,
    rank: 'specialist',
    leadership: false,
    runId: 'RUN-2026-UNI-01',
    courseId: 'KN-DP-01',
    courseCode: 'KN-DP-01',
    level: 'universal',
    trainingGroup: 'skills-and-style',
    format: 'in-person',
    runStartDate: '2026-07-06',
    runEndDate: '2026-07-10',
    issuedOn,
    issuedBy: 'certifier-mofa-1',
    basis: { attendanceShare: '0.9000', assessmentPassed: null, ruleVersion: 1 },
  });

  const certificates = [
    ...Array.from({ length: 12 }, (_, index) => certificate(`bng-${index}`, 'BNG', 'regular', '2026-07-15')),
    ...Array.from({ length: 3 }, (_, index) => certificate(`bng-nr-${index}`, 'BNG', 'non-regular', '2026-07-15')),
    ...Array.from({ length: 5 }, (_, index) => certificate(`hn-${index}`, 'HN', 'regular', '2026-08-20')),
  ];

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    evaluator = await authority.mint({ roles: ['evaluator'], subject: 'evaluator-mofa' });
    auditor = await authority.mint({ roles: ['auditor'], subject: 'state-audit-office' });
    await buildServices();
    reporting = new ServiceProcess('reporting', await freePort(), {
      SERVICE_NAME: 'reporting',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      MONGO_URL: process.env.MONGO_URL ?? '',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
    });
    reporting.start();
    await reporting.waitUntilReady();
    producer = createKafkaClient({ clientId: 'reporting-test', brokers: (process.env.KAFKA_BROKERS ?? '').split(',') }).producer();
    await producer.connect();

    await send('enrolment', [
      { type: 'AgencyRegistered.v1', stream: 'agency-BNG', data: { agencyId: 'BNG', code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'ministry', parentAgencyId: null } },
      { type: 'AgencyRegistered.v1', stream: 'agency-HN', data: { agencyId: 'HN', code: 'HN', nameVi: 'Thành phố Hà Nội', nameEn: 'Ha Noi', kind: 'province', parentAgencyId: null } },
      { type: 'StaffRosterDeclared.v1', stream: 'agency-BNG', data: { agencyId: 'BNG', declarationId: 'bng-2026', asOf: '2026-06-01', regular: 40, nonRegular: 10, byRank: [] } },
      { type: 'StaffRosterDeclared.v1', stream: 'agency-HN', data: { agencyId: 'HN', declarationId: 'hn-2026', asOf: '2026-06-01', regular: 20, nonRegular: 5, byRank: [] } },
    ]);
    await send(
      'certification',
      certificates.map((data) => ({ type: 'CertificateIssued.v1', stream: `certificate-register-2026`, data, occurredAt: `${data.issuedOn}T03:00:00.000Z` })),
    );
    await waitForInbox(4 + certificates.length);
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await reporting?.stop();
    await isolated.dispose();
    await pool.end();
    authority?.dispose();
  });

  async function waitForInbox(events: number): Promise<void> {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const { rows } = await pool.query<{ count: string }>(
        `SELECT coalesce(sum(CASE WHEN event_type = 'IntegrationEventsArchived.v1' THEN (data->>'count')::int ELSE 1 END), 0) AS count FROM ${isolated.schema}.events WHERE stream_category = 'inbox'`,
      );
      if (Number(rows[0]?.count) >= events) return;
      await new Promise((wait) => setTimeout(wait, 200));
    }
    throw new Error(`the inbox did not reach ${events} events`);
  }

  let evaluationId: string;
  let issuedSha256: string;

  it('issues an evaluation as of a date as a job, computed from the log, naming the versions and hashes it used', async () => {
    const accepted = await call<EvaluationJobAnswer>(evaluator, 'POST', '/evaluations', { kind: 'ad-hoc', asOf: '2026-09-30' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ kind: 'issue', state: expect.stringMatching(/^(queued|running)$/), progress: { eventsRead: 0 } });
    expect(accepted.location).toBe(`/evaluation-jobs/${accepted.body.jobId}`);
    expect(accepted.body.statusUrl).toBe(accepted.location);
    const issued = await followEvaluationJob<Record<string, unknown>>(reporting.url, evaluator, accepted.body);
    const done = await call<EvaluationJobAnswer>(evaluator, 'GET', accepted.body.statusUrl);
    expect(done.body).toMatchObject({ state: 'succeeded', progress: { eventsRead: 4 + certificates.length, eventsTotal: null }, resultUrl: `/evaluations/${issued.evaluationId}` });
    // The job is shown to the roles of the operation that asked for it, and to nobody else.
    const monitor = await authority.mint({ roles: ['monitor'], subject: 'home-affairs' });
    expect((await call(monitor, 'GET', accepted.body.statusUrl)).status).toBe(404);
    expect(issued).toMatchObject({
      kind: 'ad-hoc',
      asOf: '2026-09-30',
      coverageRuleVersion: 1,
      phaseTargetsVersion: 1,
      reportCodeVersion: expect.any(String),
      reportSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      inputDigestSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    evaluationId = issued.evaluationId as string;
    issuedSha256 = issued.reportSha256 as string;
    const full = await call<{ reportJson: string }>(auditor, 'GET', `/evaluations/${evaluationId}`);
    const report = JSON.parse(full.body.reportJson) as { agencies: { agencyId: string; trained: { regular: number; nonRegular: number }; share: { regular: string } }[] };
    expect(report.agencies.find((agency) => agency.agencyId === 'BNG')).toMatchObject({ trained: { regular: 12, nonRegular: 3 }, share: { regular: '0.3000' } });
    expect(report.agencies.find((agency) => agency.agencyId === 'HN')).toMatchObject({ trained: { regular: 5, nonRegular: 0 }, share: { regular: '0.2500' } });
  });

  it('exports the issued report as its sealed JSON, CSV, XLSX, HTML and PDF', async () => {
    const fetchReport = (format: string) => fetch(`${reporting.url}/evaluations/${evaluationId}/report.${format}`, { headers: { authorization: `Bearer ${auditor}` } });
    const json = await fetchReport('json');
    const bytes = Buffer.from(await json.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(issuedSha256);
    const csv = await (await fetchReport('csv')).text();
    expect(csv).toContain('Bộ Ngoại giao');
    const xlsx = Buffer.from(await (await fetchReport('xlsx')).arrayBuffer());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(await (await fetchReport('html')).text()).toContain(issuedSha256);
    const pdf = await fetchReport('pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetchReport('docx')).status).toBe(404);
  }, 60_000);

  it('shows live progress from its read models: everything to the programme office, its own agency to an agency', async () => {
    const hanoi = await authority.mint({ roles: ['agency-integration'], agencyId: 'HN', subject: 'hn-hr-system' });
    let national: { national: { trained: { regular: number } }; agencies: { agencyId: string }[] } | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      national = (await call<typeof national>(auditor, 'GET', '/progress?asOf=2026-09-30')).body;
      if (national?.national.trained.regular === 17) break;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    expect(national).toMatchObject({ national: { roster: { regular: 60, nonRegular: 15 }, trained: { regular: 17, nonRegular: 3 } } });
    expect(national?.agencies.map((agency) => agency.agencyId)).toEqual(['BNG', 'HN']);
    const own = await call<Record<string, unknown>>(hanoi, 'GET', '/progress?asOf=2026-09-30');
    expect(own.body).toMatchObject({ agencyId: 'HN', trained: { regular: 5 }, share: { regular: '0.2500' }, band: { regular: 'below' } });
    expect(JSON.stringify(own.body)).not.toContain('BNG');
  }, 40_000);

  it('refuses an auditor’s attempt to issue, and bad input naming the field', async () => {
    expect((await call(auditor, 'POST', '/evaluations', { kind: 'ad-hoc', asOf: '2026-09-30' })).status).toBe(403);
    const bad = await call<{ errors: { field: string }[] }>(evaluator, 'POST', '/evaluations', { kind: 'quarterly', asOf: '30/09/2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field).sort()).toEqual(['asOf', 'kind']);
    // Refused before any job is queued: an unknown policy version, an evaluation that does not exist.
    expect(await call(evaluator, 'POST', '/evaluations', { kind: 'ad-hoc', asOf: '2026-09-30', coverageRuleVersion: 9 })).toMatchObject({ status: 404, body: { field: 'coverageRuleVersion' } });
    expect((await call(auditor, 'POST', `/evaluations/${randomUUID()}/replay`)).status).toBe(404);
    expect((await call(auditor, 'GET', `/evaluations/${randomUUID()}/restatement`)).status).toBe(404);
  });

  describe('after late corrections', () => {
    const revoked = certificates[0]!;

    beforeAll(async () => {
      await send('certification', [
        {
          type: 'CertificateRevoked.v1',
          stream: 'certificate-register-2026',
          data: { certificateId: revoked.certificateId, certificateNumber: revoked.certificateNumber, traineeId: revoked.traineeId, agencyId: 'BNG', runId: revoked.runId, revokedOn: '2026-09-15', revokedBy: 'certifier-mofa-1', reason: 'attendance misreported' },
          occurredAt: '2026-10-05T03:00:00.000Z',
        },
      ]);
      await send('enrolment', [
        { type: 'StaffRosterDeclared.v1', stream: 'agency-HN', data: { agencyId: 'HN', declarationId: 'hn-2026-late', asOf: '2026-09-01', regular: 25, nonRegular: 5, byRank: [] }, occurredAt: '2026-10-06T03:00:00.000Z' },
      ]);
      await waitForInbox(4 + certificates.length + 2);
    }, 70_000);

    it('replays identically through the API, whatever was recorded since, with the events to read known from the start', async () => {
      const accepted = await call<EvaluationJobAnswer>(auditor, 'POST', `/evaluations/${evaluationId}/replay`);
      expect(accepted.status).toBe(202);
      const replay = await followEvaluationJob<ReplayOutcome>(reporting.url, auditor, accepted.body);
      expect(replay).toMatchObject({ outcome: 'identical', reportSha256: issuedSha256, eventsRead: 4 + certificates.length });
      expect((await call<EvaluationJobAnswer>(auditor, 'GET', accepted.body.statusUrl)).body.progress).toEqual({ eventsRead: 4 + certificates.length, eventsTotal: 4 + certificates.length });
    });

    it('restates the evaluation: exactly the corrections show, with the events that caused them', async () => {
      const asked = await Promise.all([auditor, evaluator, auditor].map((token) => call<EvaluationJobAnswer>(token, 'GET', `/evaluations/${evaluationId}/restatement`)));
      // Asked three times over the same archive, computed once.
      expect(asked.map((answer) => answer.status)).toEqual([202, 202, 202]);
      expect(new Set(asked.map((answer) => answer.body.jobId)).size).toBe(1);
      const restatement = await followEvaluationJob<Restatement>(reporting.url, evaluator, asked[0]!.body);
      expect((await call<EvaluationJobAnswer>(auditor, 'GET', `/evaluations/${evaluationId}/restatement`)).body.jobId).toBe(asked[0]!.body.jobId);
      expect(await requestEvaluationJob<Restatement>(reporting.url, auditor, 'GET', `/evaluations/${evaluationId}/restatement`)).toEqual(restatement);
      expect(restatement.eventsSinceIssue).toBe(2);
      expect(restatement.restatedSha256).not.toBe(issuedSha256);
      const changed = Object.fromEntries(restatement.changes.map((change) => [change.path, [change.before, change.after]]));
      expect(changed['agencies[BNG].trained.regular']).toEqual([12, 11]);
      expect(changed['agencies[HN].roster.regular']).toEqual([20, 25]);
      expect(changed['agencies[HN].share.regular']).toEqual(['0.2500', '0.2000']);
      // Beyond the two agencies and their totals, only the certified counts the revocation removes one from.
      const elsewhere = Object.entries(changed).filter(([path]) => !/^(agencies\[(BNG|HN)\]|national|agencyGroups|agencyKinds|programme\.)/.test(path));
      expect(changed['programme.national.learnerTimesCertified']).toEqual([20, 19]);
      expect(changed['programme.agencyGroups.ministries.learnerTimesCertified']).toEqual([15, 14]);
      expect(elsewhere.map(([path]) => path).sort()).toEqual([
        'byFormat.in-person.learnerTimesCertified',
        'byLevel.universal.learnerTimesCertified',
        'byRank.specialist.learnerTimesCertified',
        'byRank.specialist.peopleCertified',
        'byTrainingGroup.skills-and-style.learnerTimesCertified',
        'courses.learnerTimesCertified',
      ]);
      for (const [, [before, after]] of elsewhere) expect(after).toBe((before as number) - 1);
      const causes = restatement.changes.flatMap((change) => change.causedBy.map((cause) => cause.type));
      expect(new Set(causes)).toEqual(new Set(['CertificateRevoked.v1', 'StaffRosterDeclared.v1']));
    });
  });

  it('replays an evaluation issued under evaluation/1.0.0 identically after the upgrade, and restates it by 1.0.0', async () => {
    const store = await PostgresEventStore.create({ pool, schema: isolated.schema });
    const metadata = { correlationId: randomUUID(), actor: { id: 'evaluator-mofa-1', roles: ['evaluator'] }, occurredAt: '2026-10-01T02:00:00.000Z' };
    const beforeUpgrade = new EvaluationsService(store, new PolicyService(store), 'evaluation/1.0.0');
    const issued = await beforeUpgrade.issue({ kind: 'ad-hoc', asOf: '2026-09-30' }, '2026-10-01T09:00:00+07:00', metadata);
    expect(issued.reportCodeVersion).toBe('evaluation/1.0.0');
    expect(JSON.parse(issued.reportJson)).not.toHaveProperty('programme');

    const upgraded = new EvaluationsService(store, new PolicyService(store));
    expect(await upgraded.replay(issued.evaluationId)).toMatchObject({ outcome: 'identical', reportSha256: issued.reportSha256 });
    const throughTheService = await requestEvaluationJob<ReplayOutcome>(reporting.url, auditor, 'POST', `/evaluations/${issued.evaluationId}/replay`);
    expect(throughTheService).toMatchObject({ outcome: 'identical', reportSha256: issued.reportSha256 });
    const restated = await upgraded.restate(issued.evaluationId);
    expect(restated.changes.every((change) => !change.path.startsWith('programme'))).toBe(true);
  });

  it('issues, as the archive streams, the bytes and input digest the whole-archive evaluation computes, under every version', async () => {
    const store = await PostgresEventStore.create({ pool, schema: isolated.schema });
    const policies = new PolicyService(store);
    const metadata = { correlationId: randomUUID(), actor: { id: 'evaluator-mofa-1', roles: ['evaluator'] }, occurredAt: '2026-10-01T02:00:00.000Z' };
    for (const version of reportCodeVersions) {
      const issued = await new EvaluationsService(store, policies, version).issue({ kind: 'ad-hoc', asOf: '2026-09-30' }, '2026-10-01T09:00:00+07:00', metadata);
      const { partitions } = await readWholeInbox(store);
      const whole = computeEvaluation({
        asOf: '2026-09-30',
        kind: 'ad-hoc',
        coverageRule: await policies.coverageRule(issued.coverageRuleVersion),
        phaseTargets: await policies.phaseTargets(issued.phaseTargetsVersion),
        events: partitions.flatMap((partition) => partition.events.map((event) => evaluationEvent(event, event))).reverse(),
        reportCodeVersion: version,
      });
      expect(issued.reportJson).toBe(renderReport(whole).canonicalJson);
      const digests = [];
      for (const partition of partitions) {
        const entries: DigestedBatch[] = [];
        for await (const page of inboxPages(store, partition.streamName, partition.lastRevision)) entries.push(...page.map((row) => digestedBatch(archiveEntry(row))));
        digests.push(digestBatches(partition.topic, partition.partition, entries, { checkpointInterval: Math.max(1, Math.ceil(entries.length / 1_000)) }));
      }
      expect(issued.inputDigest).toEqual(batchInputDigestRecord(digests));
      expect(issued.inputs.map((range) => range.count)).toEqual(partitions.map((partition) => partition.events.length));
    }
  });

  it('fails loudly on a tampered copy of the log, naming the partition and offset where the inputs diverge', async () => {
    const copy = `${isolated.schema}_copy_${randomBytes(3).toString('hex')}`;
    const copyStore = await PostgresEventStore.create({ pool, schema: copy });
    try {
      await pool.query(`ALTER TABLE ${copy}.events DISABLE TRIGGER USER`);
      await pool.query(
        `INSERT INTO ${copy}.events (global_position, transaction_id, stream_name, stream_position, event_id, event_type, data, metadata, recorded_at)
         OVERRIDING SYSTEM VALUE
         SELECT global_position, transaction_id, stream_name, stream_position, event_id, event_type, data, metadata, recorded_at FROM ${isolated.schema}.events`,
      );
      const evaluations = new EvaluationsService(copyStore, new PolicyService(copyStore));
      expect(await evaluations.replay(evaluationId)).toMatchObject({ outcome: 'identical' });
      const auditorsCommand = () =>
        spawnSync('npx', ['tsx', '--tsconfig', 'tsconfig.json', 'services/reporting/src/cli/replay-evaluation.ts', evaluationId], {
          env: { ...process.env, EVENT_STORE_SCHEMA: copy },
          encoding: 'utf8',
        });
      const clean = auditorsCommand();
      expect(clean.status).toBe(0);
      expect(clean.stdout).toContain(`identical: evaluation ${evaluationId}`);
      expect(clean.stdout).toContain(issuedSha256);

      // A certificate's agency changed in the consumed batch that holds it.
      const { rows } = await pool.query<{ global_position: string; stream_name: string; messages: string }>(
        `SELECT global_position, stream_name, data->>'messages' AS messages FROM ${copy}.events
          WHERE stream_name LIKE 'inbox-certification.events.v1.%' AND event_type = 'IntegrationEventsArchived.v1' AND strpos(data->>'messages', '"CertificateIssued.v1"') > 0
          ORDER BY global_position LIMIT 1`,
      );
      const batch = rows[0]!;
      const messages = JSON.parse(batch.messages) as ArchivedMessage[];
      const victim = messages.findIndex((message) => message.type === 'CertificateIssued.v1');
      const tampered = { offset: messages[victim]!.offset, partition: Number(batch.stream_name.split('.').at(-1)) };
      messages[victim] = { ...messages[victim]!, data: { ...(messages[victim]!.data as object), agencyId: 'HN' } };
      await pool.query(`UPDATE ${copy}.events SET data = jsonb_set(data, '{messages}', to_jsonb($2::text)) WHERE global_position = $1`, [batch.global_position, encodeArchivedMessages(messages)]);
      const outcome = await evaluations.replay(evaluationId);
      expect(outcome.outcome).toBe('input-diverged');
      const [divergence] = outcome.outcome === 'input-diverged' ? outcome.divergences : [];
      // Placed within the consumed batch that holds it (on its offset when the batch holds it alone).
      expect(divergence).toMatchObject({ topic: 'certification.events.v1', partition: tampered.partition, reason: 'digest-differs' });
      expect(BigInt(divergence!.agreedThroughOffset ?? '-1')).toBeLessThan(BigInt(tampered.offset));
      expect(BigInt(divergence!.divergesByOffset)).toBeGreaterThanOrEqual(BigInt(tampered.offset));
      if (messages.length === 1) expect(divergence!.firstDivergentOffset).toBe(tampered.offset);
      expect(divergence?.message).toContain('certification.events.v1');
      const caught = auditorsCommand();
      expect(caught.status).toBe(2);
      expect(caught.stdout).toContain('INPUT DIVERGED');
      expect(caught.stdout).toContain(`offset ${divergence!.divergesByOffset}`);
    } finally {
      await copyStore.close();
      await pool.query(`DROP SCHEMA IF EXISTS ${copy} CASCADE`);
    }
  });
});
