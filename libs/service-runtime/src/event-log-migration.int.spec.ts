import { PostgresEventStore } from '@training-ledger/event-store';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { appRoleUrl, prepareEventLog } from './event-log-migration';

/** What ships: the owner migrates, the service connects as a role that can append and read, and nothing else. */
describe('the event log as the application role sees it', () => {
  const ownerUrl = process.env.DATABASE_URL ?? '';
  const owner = new Pool({ connectionString: ownerUrl, max: 2 });
  const suffix = randomBytes(4).toString('hex');
  const schema = `approle_${suffix}`;
  const appRole = `ledger_app_${suffix}`;
  let app: Pool;

  beforeAll(async () => {
    expect(await prepareEventLog(owner, schema, { appRole, createAppRole: true })).toEqual([1, 2, 3, 4, 5, 6, 7]);
    app = new Pool({ connectionString: appRoleUrl(ownerUrl, appRole), max: 2 });
  });

  afterAll(async () => {
    await app?.end();
    await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await owner.query(`DROP OWNED BY "${appRole}"`);
    await owner.query(`DROP ROLE IF EXISTS "${appRole}"`);
    await owner.end();
  });

  it('appends and reads without migrating, and the step is safe to run again', async () => {
    const store = await PostgresEventStore.create({ pool: app, schema, migrate: false });
    const metadata = { correlationId: 'c-1', actor: { id: 'svc', roles: [] }, occurredAt: '2027-05-15T01:00:00Z' };
    await store.appendToStream('run-1', [{ type: 'Happened.v1', data: { n: 1 }, metadata }], { expectedVersion: 'no_stream' });
    expect((await store.readStream('run-1')).map((event) => event.data)).toEqual([{ n: 1 }]);
    expect(await prepareEventLog(owner, schema, { appRole, createAppRole: true })).toEqual([]);
  });

  it('cannot rewrite history: update, delete, truncate, drop, alter, disable a trigger or create a function', async () => {
    const refused: Record<string, string> = {};
    for (const statement of [
      `UPDATE "${schema}".events SET data = '{}'`,
      `DELETE FROM "${schema}".events`,
      `TRUNCATE "${schema}".events`,
      `DROP TABLE "${schema}".events`,
      `ALTER TABLE "${schema}".events ADD COLUMN forged text`,
      `ALTER TABLE "${schema}".events DISABLE TRIGGER events_refuse_update_delete`,
      `CREATE FUNCTION "${schema}".rewrite() RETURNS void LANGUAGE sql AS 'SELECT 1'`,
      `CREATE FUNCTION public.rewrite() RETURNS void LANGUAGE sql AS 'SELECT 1'`,
    ]) {
      const error = (await app.query(statement).then(() => null, (caught: { code?: string }) => caught)) as { code?: string } | null;
      refused[statement] = error?.code ?? 'succeeded';
    }
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((statement) => [statement, '42501'])));
  });

  it('refuses to start a store on a schema the migration step has not prepared, naming the step', async () => {
    await expect(PostgresEventStore.create({ pool: app, schema: `never_${suffix}`, migrate: false })).rejects.toThrow(
      /lacks migrations 1, 2, 3, 4, 5, 6, 7: run the migration step as the schema's owner first \(npm run migrate\)/,
    );
  });
});
