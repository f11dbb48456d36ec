import { LocalTokenAuthority } from '@training-ledger/auth';
import { PostgresEventStore, type EventToAppend } from '@training-ledger/event-store';
import { buildServices, freePort, ServiceProcess } from '@training-ledger/test-servers';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The pipe end to end: an event appended to the enrolment log is relayed to Kafka by the
 * enrolment process, consumed by the reporting process and visible in its MongoDB read model —
 * and killing the relaying process mid-stream neither loses nor double-counts anything.
 */
describe('walking skeleton: enrolment log → Kafka → reporting read model', () => {
  const runId = randomBytes(4).toString('hex');
  const agencies = 500;
  const renamesPerAgency = 19;
  const totalEvents = agencies * (1 + renamesPerAgency);

  let authority: LocalTokenAuthority;
  let enrolment: ServiceProcess;
  let reporting: ServiceProcess;
  let enrolmentLog: PostgresEventStore;
  let readModels: Connection;

  const environment = (service: string): Record<string, string> => ({
    SERVICE_NAME: service,
    DATABASE_URL: process.env.DATABASE_URL!,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
    MONGO_URL: process.env.MONGO_URL!,
    AUTH_JWKS_FILE: authority.jwksFile,
    EVENT_STORE_SCHEMA: `skeleton_${runId}_${service.replace(/-/g, '_')}`,
    MONGO_DATABASE: `skeleton_${runId}_${service}`,
    KAFKA_TOPIC_PREFIX: `skeleton-${runId}.`,
  });

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    await buildServices();
    enrolment = new ServiceProcess('enrolment', await freePort(), environment('enrolment'));
    reporting = new ServiceProcess('reporting', await freePort(), environment('reporting'));
    enrolment.start();
    reporting.start();
    await Promise.all([enrolment.waitUntilReady(), reporting.waitUntilReady()]);
    enrolmentLog = await PostgresEventStore.create({
      connectionString: process.env.DATABASE_URL!,
      schema: `skeleton_${runId}_enrolment`,
    });
    readModels = await mongoose
      .createConnection(process.env.MONGO_URL!, { dbName: `skeleton_${runId}_reporting` })
      .asPromise();
  });

  afterAll(async () => {
    await Promise.allSettled([enrolment?.stop(), reporting?.stop()]);
    await readModels?.dropDatabase().catch(() => undefined);
    await readModels?.close();
    await enrolmentLog?.close();
    authority?.dispose();
  });

  it('carries an agency registered over HTTP into the reporting read model', async () => {
    const admin = await authority.mint({ roles: ['programme-admin'] });
    const monitor = await authority.mint({ roles: ['monitor'] });
    const registration = await fetch(`${enrolment.url}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'ministry' }),
    });
    expect(registration.status).toBe(200);

    const seen = await eventually(async () => {
      const response = await fetch(`${reporting.url}/agencies?kind=ministry`, {
        headers: { authorization: `Bearer ${monitor}` },
      });
      const page = (await response.json()) as { total: number; items: { code: string; nameVi: string }[] };
      return page.total === 1 ? page : null;
    });
    expect(seen.items).toEqual([expect.objectContaining({ code: 'BNG', nameVi: 'Bộ Ngoại giao', kind: 'ministry' })]);
  });

  it(`loses nothing and counts nothing twice when the relay is killed in the middle of ${totalEvents} events`, async () => {
    const appending = appendAgencyHistories(enrolmentLog, runId, agencies, renamesPerAgency);

    // Kill the relaying process once a good part, but not all, of the stream has reached reporting.
    await eventually(async () => ((await appliedEvents(readModels, runId)) >= totalEvents / 4 ? true : null), 120_000, 50);
    await enrolment.kill();
    const appliedAtKill = await appliedEvents(readModels, runId);
    await appending;
    expect(appliedAtKill).toBeLessThan(totalEvents);

    enrolment.start();
    await enrolment.waitUntilReady();

    const applied = await eventually(
      async () => {
        const count = await appliedEvents(readModels, runId);
        return count >= totalEvents ? count : null;
      },
      240_000,
    );
    // Give a duplicate that is still on its way the time to arrive, then count again.
    await new Promise((settle) => setTimeout(settle, 3_000));
    expect(applied).toBe(totalEvents);
    expect(await appliedEvents(readModels, runId)).toBe(totalEvents);

    const directory = readModels.collection(await activeCollection(readModels, 'agency-directory'));
    const renamedLast = await directory.countDocuments({
      _id: { $regex: `^S${runId}-` } as never,
      nameEn: { $regex: `rename ${renamesPerAgency}$` },
    });
    expect(renamedLast).toBe(agencies);
  });
});

async function appendAgencyHistories(
  log: PostgresEventStore,
  runId: string,
  agencies: number,
  renamesPerAgency: number,
): Promise<void> {
  const metadata = {
    correlationId: randomUUID(),
    actor: { id: 'walking-skeleton', roles: ['programme-admin'], agencyId: null },
    occurredAt: '2026-07-01T08:00:00.000Z',
  };
  const writers = 4;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = writer; index < agencies; index += writers) {
        const agencyId = `S${runId}-${String(index).padStart(5, '0')}`;
        const events: EventToAppend[] = [
          {
            type: 'AgencyRegistered.v1',
            data: { agencyId, code: agencyId, nameVi: `Sở ${index}`, nameEn: `Department ${index}`, kind: 'province', parentAgencyId: null },
            metadata,
          },
          ...Array.from({ length: renamesPerAgency }, (_, rename) => ({
            type: 'AgencyRenamed.v1',
            data: { agencyId, nameVi: `Sở ${index} (${rename + 1})`, nameEn: `Department ${index} rename ${rename + 1}` },
            metadata,
          })),
        ];
        await log.appendToStream(`agency-${agencyId}`, events, { expectedVersion: 'no_stream' });
      }
    }),
  );
}

/** Events the read model took: one per registered agency plus one per rename it counted. */
async function appliedEvents(connection: Connection, runId: string): Promise<number> {
  const name = await activeCollection(connection, 'agency-directory').catch(() => null);
  if (!name) return 0;
  const ofThisRun = { _id: { $regex: `^S${runId}-` } } as Record<string, unknown>;
  // FerretDB 1.x gets a $group with two accumulators wrong, so the two figures are asked for apart.
  const [agencies, renames] = await Promise.all([
    connection.collection(name).countDocuments(ofThisRun),
    connection
      .collection(name)
      .aggregate<{ renames: number }>([{ $match: ofThisRun }, { $group: { _id: null, renames: { $sum: '$renameCount' } } }])
      .toArray(),
  ]);
  return agencies + (renames[0]?.renames ?? 0);
}

async function activeCollection(connection: Connection, projection: string): Promise<string> {
  const pointer = await connection.collection<{ _id: string; activeCollection: string }>('projection_pointers').findOne({ _id: projection });
  if (!pointer) throw new Error(`projection ${projection} has no collection yet`);
  return pointer.activeCollection;
}

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, intervalMs));
  }
}
