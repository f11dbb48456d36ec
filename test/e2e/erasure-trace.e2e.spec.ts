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
import { callService, certifyRun, type IssuedCertificate, type ServiceKey } from './support/certified-run';

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
  let run: string;
  const tokens: Record<string, string> = {};
  let certificate: IssuedCertificate;
  let credentialBefore: string;
  const pdfDirectory = mkdtempSync(join(tmpdir(), 'erasure-trace-'));

  const call = (service: ServiceKey, token: string | null, path: string, body?: unknown, at?: string) => callService(system, service, token, path, body, at);

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
    tokens.certifier = await system.mint('certifier');
    tokens.monitor = await system.mint('monitor');
    tokens.auditor = await system.mint('auditor');
    tokens.evaluator = await system.mint('evaluator');
    const certified = await certifyRun(system, `ER-${tag}`, [{ traineeId: trainee, fullName }]);
    run = certified.runId;
    certificate = certified.certificates[0]!;
    await system.waitForQuiet();
  }, 600_000);

  afterAll(async () => {
    rmSync(pdfDirectory, { recursive: true, force: true });
    await pool.end();
    await system?.stop();
  });

  it('shows the name to those who may see it, and keeps it at rest only sealed', async () => {
    const traineeRecord = await call('enrolment', tokens.agency!, `/trainees/${trainee}`);
    expect(traineeRecord.body).toMatchObject({ erased: false, personalData: expect.objectContaining({ fullName }) });
    const foundByName = await call('enrolment', tokens.agency!, `/agencies/BTP/trainees?q=${encodeURIComponent(nameToken)}`);
    expect(foundByName.body).toMatchObject({ trainees: [expect.objectContaining({ traineeId: trainee })] });

    const verifiedByCode = await call('certification', null, `/verify/${certificate.verificationCode}`);
    expect(verifiedByCode.body).toMatchObject({ status: 'valid', holderName: fullName, holderNameErased: false });
    const verifiedByNumber = await call('certification', null, `/verify/${certificate.certificateNumber.replace('/', '-')}`);
    expect(verifiedByNumber.body).toMatchObject({ holderName: `V. T. ${nameToken[0]!.toUpperCase()}.`, holderNameMasked: true });

    const listedToCertifier = await call('certification', tokens.certifier!, `/certificates?runId=${run}`);
    expect(listedToCertifier.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: fullName, verificationCode: certificate.verificationCode })]);
    const listedToOwnAgency = await call('certification', tokens.agency!, `/certificates?runId=${run}`);
    expect(listedToOwnAgency.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: fullName })]);
    for (const role of ['monitor', 'auditor', 'evaluator'] as const) {
      const listed = await call('certification', tokens[role]!, `/certificates?runId=${run}`);
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
    const erased = await call('enrolment', tokens.agency!, `/trainees/${trainee}/erasure`, { reason: `Yêu cầu của người lao động ${erasureReasonToken}` }, '2027-06-01T09:00:00+07:00');
    expect(erased.status).toBeLessThan(300);
    await eventually('certification hears of the erasure', async () => {
      const verified = await call('certification', null, `/verify/${certificate.verificationCode}`);
      return verified.body.holderNameErased === true ? verified : null;
    });
    await system.waitForQuiet();

    const traineeRecord = await call('enrolment', tokens.agency!, `/trainees/${trainee}`);
    expect(traineeRecord.body).toMatchObject({ erased: true, personalData: null });
    const foundByName = await call('enrolment', tokens.agency!, `/agencies/BTP/trainees?q=${encodeURIComponent(nameToken)}`);
    expect(foundByName.body).toMatchObject({ trainees: [] });
    expect(traineeRecord.text).not.toContain(nameToken);

    const verifiedByCode = await call('certification', null, `/verify/${certificate.verificationCode}`);
    expect(verifiedByCode.body).toMatchObject({ status: 'valid', certificateNumber: certificate.certificateNumber, holderName: null, holderNameErased: true });
    const verifiedByNumber = await call('certification', null, `/verify/${certificate.certificateNumber.replace('/', '-')}`);
    expect(verifiedByNumber.body).toMatchObject({ status: 'valid', holderName: null, holderNameErased: true });

    const listed = await call('certification', tokens.certifier!, `/certificates?runId=${run}`);
    expect(listed.body).toEqual([expect.objectContaining({ holderDetails: 'shown', holderName: null, holderNameErased: true, status: 'valid' })]);
    expect(listed.text).not.toContain(nameToken);

    const pdf = await call('certification', tokens.certifier!, `/certificates/${certificate.certificateId}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    const printed = pdfText(pdf.bytes, 'after');
    expect(printed).not.toContain(nameToken.slice(1));
    expect(printed.normalize('NFC')).toContain('Họ tên đã được xóa');

    const credential = await call('certification', tokens.agency!, `/certificates/${certificate.certificateId}/credential`);
    expect(credential.status).toBe(409);
    expect(credential.body).toMatchObject({ rule: 'holder-not-erased' });
    const reissued = await call('certification', tokens.certifier!, `/runs/${run}/trainees/${trainee}/certificate`, { holderName: fullName });
    expect(reissued.status).toBe(409);

    const presented = await call('certification', null, '/verify/credential', { credential: credentialBefore });
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
        const searchKey = await connection.db!.collection<{ _id: string }>('personal_data_search_keys').findOne({ _id: trainee });
        expect({ service, searchKey }).toEqual({ service, searchKey: null });
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
