import { LogSealer, PostgresEventStore, type LogSeal, type RecordedEvent } from '@training-ledger/event-store';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { verifyServiceLogs } from './log-verification';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required for the log verification tests');

const metadata = { correlationId: 'seal-test', actor: { id: 'tester', roles: [] }, occurredAt: '2027-03-01T02:00:00.000Z' };

/**
 * Sealing on real PostgreSQL, and what a superuser who lifts the append-only trigger to rewrite an
 * event leaves behind: verification names that event, from the log's own seals and, when the seals
 * in the log are gone too, from reporting's archived copies.
 */
describe('sealed logs', () => {
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const prefix = `seal_${randomBytes(4).toString('hex')}`;
  const schemaOf = (service: string) => `${prefix}_${service.replace(/-/g, '_')}`;
  let enrolment: PostgresEventStore;
  let reporting: PostgresEventStore;
  let seals: LogSeal[];

  beforeAll(async () => {
    enrolment = await PostgresEventStore.create({ pool, schema: schemaOf('enrolment') });
    reporting = await PostgresEventStore.create({ pool, schema: schemaOf('reporting') });
    for (let run = 1; run <= 4; run += 1) {
      await enrolment.appendToStream(
        `nominations-run${run}`,
        Array.from({ length: 3 }, (_, index) => ({ type: 'TraineeNominated.v1', data: { run, index, share: '0.75' }, metadata })),
        { expectedVersion: 'no_stream' },
      );
    }
    seals = await new LogSealer({ service: 'enrolment', log: enrolment, everyEvents: 5 }).sealNow();
    // What reporting's inbox holds for each seal it consumed from the enrolment topic: the first
    // archived alone (before batches), the others in one consumed batch.
    const archived = seals.map((seal, offset) => ({ offset: String(offset), key: 'seal-enrolment', eventId: randomUUIDLike(offset), type: 'LogSealed.v1', data: seal, occurredAt: metadata.occurredAt, sourceService: 'enrolment' }));
    const [first, ...rest] = archived;
    await reporting.appendToStream(
      'inbox-enrolment.events.v1.0',
      [
        { type: 'IntegrationEventArchived.v1', data: { topic: 'enrolment.events.v1', partition: 0, ...first }, metadata },
        {
          type: 'IntegrationEventsArchived.v1',
          data: { topic: 'enrolment.events.v1', partition: 0, firstOffset: rest[0]!.offset, lastOffset: rest.at(-1)!.offset, count: rest.length, messages: JSON.stringify(rest) },
          metadata,
        },
      ],
      { expectedVersion: 'no_stream' },
    );
  });

  afterAll(async () => {
    await enrolment?.close();
    await reporting?.close();
    for (const service of ['enrolment', 'reporting']) await pool.query(`DROP SCHEMA IF EXISTS "${schemaOf(service)}" CASCADE`);
    await pool.end();
  });

  const verifyEnrolment = async () => (await verifyServiceLogs({ pool, services: ['enrolment'], schemaOf }))[0]!;
  const asSuperuser = (statement: string) =>
    pool.query(`ALTER TABLE "${schemaOf('enrolment')}".events DISABLE TRIGGER events_refuse_update_delete;
      ${statement};
      ALTER TABLE "${schemaOf('enrolment')}".events ENABLE TRIGGER events_refuse_update_delete`);

  it('seals every event at the bounded interval, and the untouched log agrees with every seal', async () => {
    expect(seals.map((seal) => seal.eventDigests.length)).toEqual([5, 5, 2]);
    expect(seals.map((seal) => seal.eventCount)).toEqual([5, 10, 12]);
    const verification = await verifyEnrolment();
    expect(verification).toMatchObject({ events: 12, logSeals: 3, archivedSeals: 3, difference: null });
  });

  it('names the event a superuser rewrote with the trigger lifted, and exits with 1', async () => {
    const victim: RecordedEvent = (await enrolment.readStream('nominations-run3'))[1]!;
    await asSuperuser(`UPDATE "${schemaOf('enrolment')}".events SET data = jsonb_set(data, '{share}', '"1.00"') WHERE event_id = '${victim.eventId}'`);

    const { difference } = await verifyEnrolment();
    expect(difference).toMatchObject({ position: victim.globalPosition, streamName: 'nominations-run3', streamPosition: '1', eventId: victim.eventId, sequence: 2 });

    const cli = await promisify(execFile)('npx', ['tsx', '--tsconfig', 'tsconfig.json', 'libs/service-runtime/src/cli/verify-log.ts', '--schema-prefix', prefix, 'enrolment'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`FIRST DIFFERENCE at position ${victim.globalPosition} (stream nominations-run3 at 1, event ${victim.eventId})`);
  }, 60_000);

  it('still names it from reporting’s archive once the seals in the log are deleted too', async () => {
    const victim = (await enrolment.readStream('nominations-run3'))[1]!;
    await asSuperuser(`DELETE FROM "${schemaOf('enrolment')}".events WHERE stream_name = 'seal-enrolment'`);
    const verification = await verifyEnrolment();
    expect(verification.logSeals).toBe(0);
    expect(verification.difference).toMatchObject({ source: 'archive', position: victim.globalPosition, eventId: victim.eventId });
  });
});

function randomUUIDLike(offset: number): string {
  return `00000000-0000-4000-8000-${offset.toString().padStart(12, '0')}`;
}
