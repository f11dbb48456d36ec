import { createKafkaClient } from '@training-ledger/messaging';
import { readWholeTopic } from '@training-ledger/messaging/testing';
import { buildServices, eventually } from '@training-ledger/test-servers';
import mongoose from 'mongoose';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { SystemProcesses } from '../simulation/system-processes';

const SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;
type Service = (typeof SERVICES)[number];
const PDF_TEXT_SCRIPT = join(__dirname, '../../services/certification/src/certificate-document/render-preview.mjs');

/** Letters only, so that the token reads back the same from every store whatever it normalises. */
const token = () => Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

/**
 * One trainee's name followed through every store and every answer of the running system, before
 * and after enrolment erases their personal data: the event logs, the read models, the Kafka topics,
 * reporting's archive, the public verification, the certificate list, the PDF and the credential.
 * At rest the name is only ever sealed; after the erasure no answer shows it, and a credential the
 * holder downloaded before still verifies.
 */
describe('erasure reaches every copy of a trainee’s name', () => {
  let system: SystemProcesses;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const nameToken = token();
  const fullName = `Vũ Thị ${nameToken[0]!.toUpperCase()}${nameToken.slice(1)}`;
  const erasureReasonToken = token();
  const trainee = `er-trainee-${tag}`;
  const course = `ER-${tag}`;
  const run = `RUN-ER-${tag}`;
  const tokens: Record<string, string> = {};
  let certificate: { certificateId: string; certificateNumber: string; verificationCode: string };
  let credentialBefore: string;
  const pdfDirectory = mkdtempSync(join(tmpdir(), 'erasure-trace-'));

  const call = async (service: keyof SystemProcesses['urls'], token: string | null, path: string, body?: unknown, at = '2027-05-20T10:00:00+07:00') => {
    const response = await fetch(`${system.urls[service]}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        // The public answers no simulated time: only the roles that may set it send it.
        ...(token ? { authorization: `Bearer ${token}`, 'x-simulated-now': at } : {}),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, bytes, text: bytes.toString('utf8') };
  };
  const json = async (...args: Parameters<typeof call>) => {
    const answer = await call(...args);
    return { status: answer.status, text: answer.text, body: answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {} };
  };
  const succeeded = async (...args: Parameters<typeof call>) => {
    const answer = await json(...args);
    expect({ path: args[2], status: answer.status, body: answer.status < 300 ? null : answer.body }).toEqual({ path: args[2], status: expect.any(Number), body: null });
    return answer.body;
  };

  /** Every row of every table of the service's event-log schema whose text holds the needle. */
  const rowsHolding = async (service: Service, needle: string): Promise<number> => {
    const schema = system.schemaOf(service);
    const tables = await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    let found = 0;
    for (const { table_name: table } of tables.rows) {
      const rows = await pool.query<{ count: string }>(`SELECT count(*) FROM "${schema}"."${table}" AS row WHERE row::text LIKE $1`, [`%${needle}%`]);
      found += Number(rows.rows[0]!.count);
    }
    return found;
  };

  /** Every document of every collection of the service's read-model database that holds the needle. */
  const documentsHolding = async (service: Service, needle: string): Promise<number> => {
    const connection = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: system.databaseOf(service) }).asPromise();
    try {
      let found = 0;
      for (const { name } of await connection.db!.listCollections().toArray()) {
        for (const document of await connection.db!.collection(name).find({}).toArray()) if (JSON.stringify(document).includes(needle)) found += 1;
      }
      return found;
    } finally {
      await connection.close();
    }
  };

  const kafka = createKafkaClient({ clientId: `erasure-trace-${tag}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') });
  /** Every message on every topic of this system that holds the needle, by topic. */
  const messagesHolding = async (needle: string): Promise<Record<string, number>> => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(system.isolated.topicPrefix));
    await admin.disconnect();
    const found: Record<string, number> = {};
    for (const topic of topics) {
      const holding = (await readWholeTopic(kafka, topic)).filter(({ message }) => (message.value?.toString('utf8') ?? '').includes(needle)).length;
      if (holding > 0) found[topic] = holding;
    }
    return found;
  };

  const pdfText = (bytes: Buffer, name: string): string => {
    const pdfPath = join(pdfDirectory, `${name}.pdf`);
    writeFileSync(pdfPath, bytes);
    const preview = JSON.parse(execFileSync('node', [PDF_TEXT_SCRIPT, pdfPath, join(pdfDirectory, `${name}.png`), '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
      pages: { text: string }[];
    };
    return preview.pages.map((page) => page.text).join('\n');
  };

  beforeAll(async () => {
    await buildServices();
    system = await SystemProcesses.start('erasure');
    tokens.admin = await system.mint('programme-admin');
    tokens.agency = await system.mint('agency-integration', { agencyId: 'BTP' });
    tokens.otherAgency = await system.mint('agency-integration', { agencyId: 'BNV' });
    tokens.institution = await system.mint('institution-integration', { institutionId: 'HVNG' });
    tokens.certifier = await system.mint('certifier');
    tokens.monitor = await system.mint('monitor');
    tokens.auditor = await system.mint('auditor');
    tokens.evaluator = await system.mint('evaluator');
    await succeeded('enrolment', tokens.admin, '/agencies', { code: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' }, '2026-06-01T09:00:00+07:00');
    await succeeded('courseDelivery', tokens.admin, '/courses', {
      courseId: course, code: course, titleVi: 'Luật quốc tế', titleEn: 'International law',
      trainingGroup: 'expertise', level: 'universal', requirementGroups: ['expertise'], format: 'in-person',
      lengthDays: 1, lengthHours: 7, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'],
      completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
    }, '2027-01-05T09:00:00+07:00');
    await succeeded('enrolment', tokens.agency, '/agencies/BTP/trainees', {
      traineeId: trainee, targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null,
      fullName, dateOfBirth: '1991-09-02', staffNumber: `BTP-${tag}`,
    }, '2027-01-15T09:00:00+07:00');
    await succeeded('courseDelivery', tokens.admin, '/runs', {
      runId: run, courseId: course, providerInstitutionId: 'HVNG', hostAgencyId: null, venue: 'Học viện Ngoại giao',
      startDate: '2027-05-15', endDate: '2027-05-15', nominationDeadline: '2027-05-01', capacity: 30, agencyQuotas: [],
      waitlistPolicy: 'auto-approve', lecturers: [],
      sessions: [{ sessionId: 'S1', date: '2027-05-15', startsAt: '2027-05-15T08:00:00+07:00', endsAt: '2027-05-15T11:30:00+07:00' }],
    }, '2027-01-10T09:00:00+07:00');
    const nominated = await eventually('enrolment knows the run', async () => {
      const answer = await json('enrolment', tokens.agency!, `/runs/${run}/nominations`, { nominations: [{ traineeId: trainee }] }, '2027-04-20T09:00:00+07:00');
      return answer.status === 404 ? null : answer;
    });
    const nominationId = (nominated.body.items as { nominationId: string }[])[0]!.nominationId;
    await succeeded('enrolment', tokens.admin, `/runs/${run}/nominations/${nominationId}/approve`, {}, '2027-04-25T09:00:00+07:00');
    await eventually('the approved trainee reaches course delivery', async () => {
      const roster = await json('courseDelivery', tokens.admin!, `/runs/${run}/roster`);
      return (roster.body.traineeIds as string[] | undefined)?.includes(trainee) ? roster : null;
    });
    await succeeded('courseDelivery', tokens.admin, `/runs/${run}/start`, {}, '2027-05-15T07:30:00+07:00');
    await succeeded('courseDelivery', tokens.institution, `/runs/${run}/attendance`, {
      marks: [{ recordId: `${run}/S1`, traineeId: trainee, sessionId: 'S1', status: 'present', observedAt: '2027-05-15T08:05:00+07:00' }],
    }, '2027-05-15T12:00:00+07:00');
    await succeeded('courseDelivery', tokens.admin, `/runs/${run}/complete`, {}, '2027-05-16T09:00:00+07:00');
    await eventually('certification finds the trainee eligible', async () => {
      const worklist = await json('certification', tokens.certifier!, `/runs/${run}/worklist`);
      return JSON.stringify(worklist.body).includes(trainee) ? worklist : null;
    });
    const issued = await succeeded('certification', tokens.certifier, `/runs/${run}/certificates`, { holders: [{ traineeId: trainee, holderName: fullName }] });
    certificate = (issued.items as (typeof certificate)[])[0]!;
    expect(certificate).toMatchObject({ result: 'issued' });
    await system.waitForQuiet();
  }, 600_000);

  afterAll(async () => {
    rmSync(pdfDirectory, { recursive: true, force: true });
    await pool.end();
    await system?.stop();
  });

  it('shows the name to those who may see it, and keeps it at rest only sealed', async () => {
    const traineeRecord = await json('enrolment', tokens.agency!, `/trainees/${trainee}`);
    expect(traineeRecord.body).toMatchObject({ erased: false, personalData: expect.objectContaining({ fullName }) });

    const verifiedByCode = await json('certification', null, `/verify/${certificate.verificationCode}`);
    expect(verifiedByCode.body).toMatchObject({ status: 'valid', holderName: fullName, holderNameErased: false });
    const verifiedByNumber = await json('certification', null, `/verify/${certificate.certificateNumber.replace('/', '-')}`);
    expect(verifiedByNumber.body).toMatchObject({ holderName: `V. T. ${nameToken[0]!.toUpperCase()}.`, holderNameMasked: true });

    const listedToCertifier = await json('certification', tokens.certifier!, `/certificates?runId=${run}`);
    expect(listedToCertifier.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: fullName, verificationCode: certificate.verificationCode })]);
    const listedToOwnAgency = await json('certification', tokens.agency!, `/certificates?runId=${run}`);
    expect(listedToOwnAgency.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: fullName })]);
    for (const role of ['monitor', 'auditor', 'evaluator'] as const) {
      const listed = await json('certification', tokens[role]!, `/certificates?runId=${run}`);
      expect({ role, listed: listed.body }).toEqual({
        role,
        listed: [expect.objectContaining({ certificateNumber: certificate.certificateNumber, holderDetails: 'withheld', holderName: null, verificationCode: null })],
      });
      expect(listed.text).not.toContain(nameToken);
      expect(listed.text).not.toContain(certificate.verificationCode);
    }

    const pdf = await call('certification', tokens.certifier!, `/certificates/${certificate.certificateId}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.bytes, 'before').normalize('NFC')).toContain(fullName.normalize('NFC'));

    const credential = await call('certification', tokens.agency!, `/certificates/${certificate.certificateId}/credential`);
    expect(credential.status).toBe(200);
    credentialBefore = credential.text;

    for (const service of SERVICES) {
      expect({ service, rows: await rowsHolding(service, nameToken), documents: await documentsHolding(service, nameToken) }).toEqual({ service, rows: 0, documents: 0 });
    }
    expect(await messagesHolding(nameToken)).toEqual({});
  });

  it('after the erasure no answer shows the name, the certificate stays valid, and a credential downloaded before still verifies', async () => {
    const erased = await json('enrolment', tokens.agency!, `/trainees/${trainee}/erasure`, { reason: `Yêu cầu của người lao động ${erasureReasonToken}` }, '2027-06-01T09:00:00+07:00');
    expect(erased.status).toBeLessThan(300);
    await eventually('certification hears of the erasure', async () => {
      const verified = await json('certification', null, `/verify/${certificate.verificationCode}`);
      return verified.body.holderNameErased === true ? verified : null;
    });
    await system.waitForQuiet();

    const traineeRecord = await json('enrolment', tokens.agency!, `/trainees/${trainee}`);
    expect(traineeRecord.body).toMatchObject({ erased: true, personalData: null });
    expect(traineeRecord.text).not.toContain(nameToken);

    const verifiedByCode = await json('certification', null, `/verify/${certificate.verificationCode}`);
    expect(verifiedByCode.body).toMatchObject({ status: 'valid', certificateNumber: certificate.certificateNumber, holderName: null, holderNameErased: true });
    const verifiedByNumber = await json('certification', null, `/verify/${certificate.certificateNumber.replace('/', '-')}`);
    expect(verifiedByNumber.body).toMatchObject({ status: 'valid', holderName: null, holderNameErased: true });

    const listed = await json('certification', tokens.certifier!, `/certificates?runId=${run}`);
    expect(listed.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: null, holderNameErased: true, status: 'valid' })]);
    expect(listed.text).not.toContain(nameToken);

    const pdf = await call('certification', tokens.certifier!, `/certificates/${certificate.certificateId}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    const printed = pdfText(pdf.bytes, 'after');
    expect(printed).not.toContain(nameToken.slice(1));
    expect(printed.normalize('NFC')).toContain('Họ tên đã được xóa');

    const credential = await json('certification', tokens.agency!, `/certificates/${certificate.certificateId}/credential`);
    expect(credential.status).toBe(409);
    expect(credential.body).toMatchObject({ rule: 'holder-not-erased' });
    const reissued = await json('certification', tokens.certifier!, `/runs/${run}/trainees/${trainee}/certificate`, { holderName: fullName });
    expect(reissued.status).toBe(409);

    const presented = await json('certification', null, '/verify/credential', { credential: credentialBefore });
    expect(presented.status).toBe(200);
    expect(presented.text).toContain(certificate.certificateNumber);
    expect(presented.body).toMatchObject({ valid: true });

    for (const service of SERVICES) {
      expect({ service, rows: await rowsHolding(service, nameToken), documents: await documentsHolding(service, nameToken) }).toEqual({ service, rows: 0, documents: 0 });
    }
    expect(await messagesHolding(nameToken)).toEqual({});

    for (const service of ['enrolment', 'certification'] as const) {
      const connection = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: system.databaseOf(service) }).asPromise();
      try {
        const key = await connection.db!.collection<{ _id: string }>('personal_data_keys').findOne({ _id: trainee });
        expect({ service, key }).toEqual({ service, key: { _id: trainee, keyId: expect.any(String), destroyedAt: expect.any(Date) } });
      } finally {
        await connection.close();
      }
    }
  });

  it('publishes the erasure with the trainee’s id alone: its reason stays in enrolment’s log, out of Kafka and the reporting archive', async () => {
    const published = (await readWholeTopic(kafka, `${system.isolated.topicPrefix}enrolment.events.v1`))
      .map(({ message }) => JSON.parse(message.value!.toString('utf8')) as { type: string; data: unknown })
      .filter(({ type }) => type === 'TraineePersonalDataErased.v1');
    expect(published.map(({ data }) => data)).toEqual([{ traineeId: trainee }]);
    expect(await messagesHolding(erasureReasonToken)).toEqual({});
    expect(await rowsHolding('reporting', erasureReasonToken)).toBe(0);
    expect(await rowsHolding('reporting', trainee)).toBeGreaterThan(0);
    expect(await rowsHolding('enrolment', erasureReasonToken)).toBeGreaterThan(0);
  });
});
