import { LocalTokenAuthority } from '@training-ledger/auth';
import { globalPosition } from '@training-ledger/event-store';
import { createKafkaClient, encodeIntegrationMessage } from '@training-ledger/messaging';
import type { Producer } from 'kafkajs';
import { buildServices, freePort, IsolatedEnvironment, ServiceProcess } from '@training-ledger/test-servers';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sessions = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
const completionRule = { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null };

/** Certification as two processes of one deployment, fed the facts of a run through Kafka as the other services publish them. */
describe('certification over Kafka and HTTP', () => {
  const isolated = IsolatedEnvironment.create('certification');
  const runId = `run-${randomUUID()}`;
  const eligible = Array.from({ length: 40 }, (_, index) => `trainee-${String(index).padStart(2, '0')}`);
  const ineligible = ['trainee-absent-1', 'trainee-absent-2'];
  let authority: LocalTokenAuthority;
  let processes: ServiceProcess[] = [];
  let certifier: string;
  const keysDir = mkdtempSync(join(tmpdir(), 'issuer-keys-'));
  const RATE_LIMIT = 40;
  let producer: Producer;
  let position = 0n;
  let message: (service: 'enrolment' | 'course-delivery', streamName: string, type: string, data: unknown) => { key: string; value: string; headers: Record<string, string> };

  const call = async (service: ServiceProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${certifier}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & Record<string, unknown>[] };
  };

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    certifier = await authority.mint({ roles: ['certifier'], subject: 'certifier-mofa-1' });
    await buildServices();
    const environment = {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      MONGO_URL: process.env.MONGO_URL ?? '',
      AUTH_JWKS_FILE: authority.jwksFile,
      ...isolated.settings,
    };
    const ports = [await freePort(), await freePort()];
    const shared = {
      ...environment,
      SERVICE_NAME: 'certification',
      PUBLIC_BASE_URL: `http://127.0.0.1:${ports[0]}`,
      ISSUER_KEYS_FILE: join(keysDir, 'issuer.json'),
      VERIFY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      TRUST_PROXY: 'loopback',
    };
    processes = ports.map((port) => new ServiceProcess('certification', port, shared));
    for (const service of processes) service.start();
    await Promise.all(processes.map((service) => service.waitUntilReady()));

    const kafka = createKafkaClient({ clientId: 'certification-test', brokers: environment.KAFKA_BROKERS.split(',') });
    producer = kafka.producer();
    await producer.connect();
    message = (service: 'enrolment' | 'course-delivery', streamName: string, type: string, data: unknown) => {
      position += 1n;
      const encoded = encodeIntegrationMessage({
        eventId: randomUUID(),
        type,
        data,
        metadata: { correlationId: randomUUID(), causationId: null, actor: { id: service, roles: [] }, occurredAt: '2027-03-19T10:00:00.000Z', recordedAt: '2027-03-19T10:00:00.000Z' },
        source: { service, streamName, streamPosition: position, globalPosition: globalPosition(1n, position) },
      });
      return { key: encoded.key, value: encoded.value, headers: encoded.headers };
    };
    const runStream = `course-run-${runId}`;
    const runFacts = { runId, courseId: 'KN-DP-01', courseCode: 'KN-DP-01', level: 'universal', trainingGroup: 'skills-and-style', format: 'in-person' };
    await producer.send({
      topic: `${isolated.topicPrefix}course-delivery.events.v1`,
      messages: [
        message('course-delivery', 'course-KN-DP-01', 'CourseDefined.v1', {
          courseId: 'KN-DP-01', code: 'KN-DP-01', titleVi: 'Kỹ năng đàm phán quốc tế', titleEn: 'International negotiation skills',
          trainingGroup: 'skills-and-style', level: 'universal', sector: null, requirementGroups: ['skills-and-style'], format: 'in-person',
          lengthDays: 5, lengthHours: 35, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'], completionRule,
        }),
        message('course-delivery', runStream, 'CourseRunScheduled.v1', {
          ...runFacts, providerInstitutionId: 'HVNG', hostAgencyId: null, venue: 'Học viện Ngoại giao', startDate: '2027-03-15', endDate: '2027-03-19',
          nominationDeadline: '2027-03-01', capacity: 50, agencyQuotas: [], waitlistPolicy: 'auto-approve', eligibleTargetGroups: ['regular'],
          eligibleRanks: ['specialist'], completionRule, sessions: [], lecturers: [],
        }),
      ],
    });
    await producer.send({
      topic: `${isolated.topicPrefix}enrolment.events.v1`,
      messages: [...eligible, ...ineligible].map((traineeId) =>
        message('enrolment', `run-nominations-${runId}`, 'NominationApproved.v1', {
          nominationId: `n-${traineeId}`, runId, traineeId, agencyId: 'BTC', targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false,
        }),
      ),
    });
    const attendance = [...eligible, ...ineligible].flatMap((traineeId) =>
      sessions.map((sessionId, index) =>
        message('course-delivery', `attendance-${runId}`, 'AttendanceRecorded.v1', {
          runId, sessionId, traineeId, status: ineligible.includes(traineeId) && index < 5 ? 'absent' : 'present',
          observedAt: '2027-03-15T08:05:00+07:00', recordId: `${traineeId}/${sessionId}`, postedBy: 'HVNG',
        }),
      ),
    );
    await producer.send({ topic: `${isolated.topicPrefix}course-delivery.events.v1`, messages: attendance });
    await producer.send({
      topic: `${isolated.topicPrefix}course-delivery.events.v1`,
      messages: [
        message('course-delivery', runStream, 'CourseRunCompleted.v1', {
          ...runFacts, completedOn: '2027-03-19', sessionsHeld: sessions, hasForeignLecturer: false, hostAgencyId: null, completionRule,
        }),
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(processes.map((service) => service.stop()));
    await isolated.dispose();
    authority?.dispose();
    rmSync(keysDir, { recursive: true, force: true });
  });

  const worklistOf = async (service: ServiceProcess) => (await call(service, 'GET', `/runs/${runId}/worklist`)).body as unknown as { traineeId: string }[];

  it('lists every eligible trainee, and only those, on the certifier’s worklist once the run completes', async () => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      if ((await worklistOf(processes[0]!)).length === eligible.length) break;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    expect((await worklistOf(processes[0]!)).map((entry) => entry.traineeId)).toEqual(eligible);
    // The preview before issuing names the others too, each with the completion rule's reasons.
    const preview = (await call(processes[0]!, 'GET', `/runs/${runId}/eligibility`)).body as unknown as { traineeId: string; eligible: boolean; reasons: string[]; certified: boolean }[];
    expect(preview.filter((entry) => entry.eligible).map((entry) => entry.traineeId)).toEqual(eligible);
    const notEligible = preview.filter((entry) => !entry.eligible);
    expect(notEligible.map((entry) => entry.traineeId).sort()).toEqual([...ineligible].sort());
    expect(notEligible.every((entry) => entry.reasons.length > 0 && !entry.certified)).toBe(true);
  }, 70_000);

  it('numbers certificates issued in parallel from two processes without a duplicate or a gap', async () => {
    const holders = eligible.map((traineeId) => ({ traineeId, holderName: `Nguyễn Văn ${traineeId}` }));
    const halves = [holders.filter((_, index) => index % 2 === 0), holders.filter((_, index) => index % 2 === 1)];
    // Each process issues its half one by one while the other does, and both then try the whole run at once.
    const oneByOne = halves.map((half, side) =>
      (async () => {
        for (const holder of half) {
          await call(processes[side]!, 'POST', `/runs/${runId}/trainees/${holder.traineeId}/certificate`, { holderName: holder.holderName });
        }
      })(),
    );
    const bulk = processes.map((service) =>
      call(service, 'POST', `/runs/${runId}/certificates`, { holders: [...holders, { traineeId: ineligible[0], holderName: 'Trần Thị B' }] }, { 'Idempotency-Key': randomUUID() }),
    );
    const [, , ...bulkResults] = await Promise.all([...oneByOne, ...bulk]);
    for (const result of bulkResults as unknown as { status: number; body: { items: { traineeId: string; result: string; rule?: string }[] } }[]) {
      expect(result.status).toBe(200);
      expect(result.body.items.find((item) => item.traineeId === ineligible[0])).toMatchObject({ result: 'refused', rule: 'trainee-eligible' });
    }

    let listed: { certificateNumber: string; traineeId: string }[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      listed = (await call(processes[1]!, 'GET', `/certificates?runId=${runId}`)).body as unknown as typeof listed;
      if (listed.length >= eligible.length) break;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    expect(listed.map((certificate) => certificate.traineeId).sort()).toEqual(eligible);
    expect(listed.map((certificate) => certificate.certificateNumber).sort()).toEqual(
      eligible.map((_, index) => `${year}/${String(index + 1).padStart(6, '0')}`),
    );
    expect(await worklistOf(processes[0]!)).toEqual([]);

    const paged = await fetch(`${processes[0]!.url}/certificates?runId=${runId}&limit=1&offset=1`, { headers: { authorization: `Bearer ${certifier}` } });
    expect(paged.headers.get('x-total-count')).toBe(String(eligible.length));
    expect(((await paged.json()) as { certificateNumber: string }[]).map((certificate) => certificate.certificateNumber)).toEqual([`${year}/000002`]);
    expect((await call(processes[0]!, 'GET', `/certificates?limit=0`)).status).toBe(400);
  }, 120_000);

  it('refuses a second certificate for the same trainee and run until the first is revoked', async () => {
    const [trainee] = eligible;
    const again = await call(processes[0]!, 'POST', `/runs/${runId}/trainees/${trainee}/certificate`, { holderName: 'Nguyễn Văn A' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ rule: 'issued-once-per-trainee-and-run' });

    const listed = (await call(processes[0]!, 'GET', `/certificates?traineeId=${trainee}`)).body as unknown as { _id: string }[];
    const revoked = await call(processes[1]!, 'POST', `/certificates/${listed[0]!._id}/revoke`, { reason: 'name misprinted' });
    expect(revoked).toMatchObject({ status: 200, body: { revoked: true } });
    const revokedAgain = await call(processes[0]!, 'POST', `/certificates/${listed[0]!._id}/revoke`, { reason: 'again' });
    expect(revokedAgain.status).toBe(409);
    expect(revokedAgain.body).toMatchObject({ rule: 'revoked-once' });

    const reissued = await call(processes[0]!, 'POST', `/certificates/${listed[0]!._id}/reissue`, { holderName: 'Nguyễn Văn Anh' });
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ result: 'accepted', certificateNumber: expect.stringMatching(/\/000041$/) });
    // Verifiable at once, before the read model has caught up with the register.
    const verified = await fetch(`${processes[1]!.url}/verify/${reissued.body.verificationCode as string}`);
    expect(await verified.json()).toMatchObject({ status: 'valid', holderName: 'Nguyễn Văn Anh' });
  }, 60_000);

  it('flags a certificate for review when a late correction makes its holder ineligible, and revokes nothing', async () => {
    const holder = eligible[2]!;
    await producer.send({
      topic: `${isolated.topicPrefix}course-delivery.events.v1`,
      messages: ['S1', 'S2', 'S3'].map((sessionId) =>
        message('course-delivery', `attendance-${runId}`, 'AttendanceCorrected.v1', {
          runId, sessionId, traineeId: holder, previousStatus: 'present', newStatus: 'absent', correctedBy: 'HVNG', reason: 'signed in by a colleague',
        }),
      ),
    });
    let flagged: { status: string; flaggedForReview: string[] | null }[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      flagged = (await call(processes[0]!, 'GET', `/certificates?traineeId=${holder}`)).body as unknown as typeof flagged;
      if (flagged[0]?.flaggedForReview) break;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    expect(flagged).toMatchObject([{ status: 'valid', flaggedForReview: ['attended 7 of 10 sessions (0.7000), below the required 0.8000'] }]);
  }, 40_000);

  it('answers bad input with a problem naming the field, and writes nothing', async () => {
    const empty = await call(processes[0]!, 'POST', `/runs/${runId}/certificates`, { holders: [] }, { 'Idempotency-Key': randomUUID() });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('holders');
    const unknownRun = await call(processes[0]!, 'POST', `/runs/no-such-run/trainees/t-1/certificate`, { holderName: 'A' });
    expect(unknownRun.status).toBe(404);
    const malformed = await call(processes[0]!, 'POST', `/certificates/not-a-certificate/revoke`, { reason: 'x' });
    expect(malformed.status).toBe(404);
  });

  describe('a credential anyone can verify', () => {
    let certificate: { _id: string; certificateNumber: string; verificationCode: string };
    let jwt: string;

    beforeAll(async () => {
      const listed = (await call(processes[0]!, 'GET', `/certificates?traineeId=${eligible[1]}`)).body as unknown as (typeof certificate)[];
      certificate = listed[0]!;
      const response = await fetch(`${processes[1]!.url}/certificates/${certificate._id}/credential`, { headers: { authorization: `Bearer ${certifier}` } });
      expect(response.status).toBe(200);
      jwt = await response.text();
    });

    it('is an EdDSA VC-JWT that a standard JWT verifier accepts with the published keys alone', async () => {
      expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: expect.any(String) });
      const publishedKeys = createRemoteJWKSet(new URL(`${processes[0]!.url}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(jwt, publishedKeys, { issuer: `${processes[0]!.url}/issuer` });
      expect(payload).toMatchObject({
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      });
      const systemId = (payload.credentialSubject as { identifier: { identityType: string; hashed: boolean; identityHash: string }[] }).identifier.find(
        (identity) => identity.identityType === 'systemId',
      );
      expect(systemId).toMatchObject({ hashed: true, identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/) });
    });

    it('prints as an A4 PDF for the holder', async () => {
      const response = await fetch(`${processes[0]!.url}/certificates/${certificate._id}/certificate.pdf`, { headers: { authorization: `Bearer ${certifier}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('verifies as valid by number, by code and as a presented credential, without a token, showing only what is printed', async () => {
      const byNumber = await fetch(`${processes[1]!.url}/verify/${encodeURIComponent(certificate.certificateNumber)}`);
      expect(byNumber.status).toBe(200);
      const answer = (await byNumber.json()) as Record<string, unknown>;
      expect(answer).toMatchObject({ status: 'valid', certificateNumber: certificate.certificateNumber, courseTitleVi: 'Kỹ năng đàm phán quốc tế', holderName: 'N. V. T.', holderNameMasked: true });
      expect(Object.keys(answer)).not.toEqual(expect.arrayContaining(['traineeId', 'agencyId', 'basis']));
      const fullName = { holderName: `Nguyễn Văn ${eligible[1]}`, holderNameMasked: false };
      expect(await (await fetch(`${processes[0]!.url}/verify/${certificate.verificationCode}`)).json()).toMatchObject({ status: 'valid', ...fullName });
      const numberAndCode = `${processes[0]!.url}/verify/${encodeURIComponent(certificate.certificateNumber)}?code=${certificate.verificationCode}`;
      expect(await (await fetch(numberAndCode)).json()).toMatchObject(fullName);
      expect((await fetch(`${processes[0]!.url}/verify/${encodeURIComponent(certificate.certificateNumber)}?code=ABCDEFGHJK`)).status).toBe(404);
      const presented = await fetch(`${processes[0]!.url}/verify/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential: jwt }),
      });
      expect(await presented.json()).toMatchObject({ valid: true });
    });

    it('after revocation verifies as revoked, with its date and the kind of reason, never the certifier’s words, in every form', async () => {
      expect((await call(processes[0]!, 'POST', `/certificates/${certificate._id}/revoke`, { reason: 'attendance misreported by the provider', category: 'attendance-misreported' })).status).toBe(200);
      const revokedAnswer = (await (await fetch(`${processes[1]!.url}/verify/${certificate.verificationCode}`)).json()) as Record<string, unknown>;
      expect(revokedAnswer).toMatchObject({ status: 'revoked', revokedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), revocationCategory: 'attendance-misreported' });
      expect(JSON.stringify(revokedAnswer)).not.toContain('by the provider');
      const presented = await fetch(`${processes[1]!.url}/verify/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential: jwt }),
      });
      expect(await presented.json()).toEqual({ valid: false, reason: 'revoked' });
      const statusList = await fetch(`${processes[0]!.url}/status-lists/${certificate.certificateNumber.slice(0, 4)}`);
      const { payload } = await jwtVerify(await statusList.text(), createRemoteJWKSet(new URL(`${processes[0]!.url}/.well-known/jwks.json`)));
      expect(payload).toMatchObject({ type: expect.arrayContaining(['BitstringStatusListCredential']), credentialSubject: { statusPurpose: 'revocation' } });
    });

    it('lets nobody walk the register: numbers 000001–000050 yield status and initials, never a full name', async () => {
      const year = certificate.certificateNumber.slice(0, 4);
      const answers: Record<string, unknown>[] = [];
      for (let serial = 1; serial <= 50; serial += 1) {
        // Spread over both replicas, so that the walk stays under each one's rate limit.
        const response = await fetch(`${processes[serial % 2]!.url}/verify/${year}-${String(serial).padStart(6, '0')}`);
        if (response.status === 200) answers.push((await response.json()) as Record<string, unknown>);
        else expect(response.status).toBe(404);
      }
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) expect(answer).toMatchObject({ holderNameMasked: true, holderName: expect.stringMatching(/^(\p{Lu}\. )*\p{Lu}\.$/u) });
      expect(JSON.stringify(answers)).not.toContain('Nguyễn');
    });

    it('refuses a tampered credential, a malformed code and an unknown one with clear problems', async () => {
      const [header, body, signature] = jwt.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), name: 'Forged' })).toString('base64url')}.${signature}`;
      const presented = await fetch(`${processes[0]!.url}/verify/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential: tampered }),
      });
      expect(await presented.json()).toEqual({ valid: false, reason: 'bad-signature' });
      const malformed = await fetch(`${processes[0]!.url}/verify/not-a-code!`);
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      expect(await malformed.json()).toMatchObject({ errors: [{ field: 'code' }] });
      expect((await fetch(`${processes[0]!.url}/verify/2099-999999`)).status).toBe(404);
    });

    it('limits how often one client may verify', async () => {
      const statuses = await Promise.all(
        Array.from({ length: RATE_LIMIT + 5 }, () => fetch(`${processes[1]!.url}/verify/${certificate.verificationCode}`).then((response) => response.status)),
      );
      expect(statuses).toContain(429);
    });

    it('keys the limit on the real client the trusted ingress names, not on the ingress', async () => {
      const from = (client: string) => fetch(`${processes[1]!.url}/verify/${certificate.verificationCode}`, { headers: { 'x-forwarded-for': client } });
      expect((await from('127.0.0.1')).status).toBe(429);
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('203.0.113.8, 127.0.0.1')).status).toBe(200);
    });
  });
});
