import { randomBytes, randomUUID } from 'node:crypto';
import { DatabaseError, Pool } from 'pg';
import { prepareBatch } from '../append-batch';
import { SubscriptionProbe, describeEventStoreContract, sampleEvents, uniqueCategory } from '../contract-suite';
import { type ExpectedVersion, WrongExpectedVersionError } from '../port';
import { appendStatement } from './append-statement';
import { grantAppendOnlyAccess } from './append-only-role';
import { MIGRATIONS, migrateEventStore } from './migrations';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { PostgresEventStore } from './postgres-event-store';
import { EventStoreSchema } from './schema';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required for the PostgreSQL event store tests');

/** Appends with the store's statement alone, as a process that neither wakes nor notifies anybody. */
async function appendUnannounced(pool: Pool, schema: string, stream: string, count: number, expected: ExpectedVersion): Promise<void> {
  const batch = prepareBatch(stream, sampleEvents(count));
  const { rowCount } = await pool.query(appendStatement(new EventStoreSchema(schema), stream, expected, batch, undefined));
  expect(rowCount).toBe(1);
}

const uniqueSchema = (): string => `es_test_${randomBytes(5).toString('hex')}`;

async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

describeEventStoreContract('PostgreSQL', async ({ upcasters }) => {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const schema = uniqueSchema();
  const store = await PostgresEventStore.create({ pool, schema, upcasters, pollIntervalMs: 200 });
  return {
    store,
    checkpoints: new PostgresCheckpointStore(pool, schema),
    // Sleeps inside the appending transaction, after the sequence handed out the positions.
    lingerBeforeCommit: async () => {
      await pool.query(`
        CREATE FUNCTION "${schema}".linger_before_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_sleep(random() * 0.02);
          RETURN NULL;
        END
        $$;
        CREATE TRIGGER events_linger_before_commit AFTER INSERT ON "${schema}".events
          FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".linger_before_commit();`);
      return async () => {
        await pool.query(`DROP TRIGGER events_linger_before_commit ON "${schema}".events;
          DROP FUNCTION "${schema}".linger_before_commit();`);
      };
    },
    dispose: async () => {
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
});

describe('PostgreSQL event store', () => {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const schemas: string[] = [];

  async function newStore(options: { pollIntervalMs?: number } = {}): Promise<{ store: PostgresEventStore; schema: string }> {
    const schema = uniqueSchema();
    schemas.push(schema);
    return { store: await PostgresEventStore.create({ pool, schema, ...options }), schema };
  }

  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  async function failure(query: Promise<unknown>): Promise<DatabaseError> {
    const error = await query.then(
      () => null,
      (rejection: unknown) => rejection,
    );
    if (!(error instanceof DatabaseError)) throw new Error(`Expected a database error, got ${String(error)}`);
    return error;
  }

  it('refuses to update, delete or truncate recorded events, even for the owner', async () => {
    const { store, schema } = await newStore();
    await store.appendToStream(`${uniqueCategory('immutable')}-1`, sampleEvents(2), { expectedVersion: 'no_stream' });
    try {
      for (const statement of [
        `UPDATE "${schema}".events SET data = '{}'`,
        `UPDATE "${schema}".events SET event_type = 'Changed' WHERE false`,
        `DELETE FROM "${schema}".events`,
        `TRUNCATE "${schema}".events`,
      ]) {
        const error = await failure(pool.query(statement));
        expect(error.message).toMatch(/the event log is append-only/);
      }
      const { rows } = await pool.query(`SELECT count(*)::int AS count FROM "${schema}".events`);
      expect(rows[0].count).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('lets an append-only role append and read, and neither rewrite events nor lift the guard', async () => {
    const { store: ownerStore, schema } = await newStore();
    await ownerStore.close();
    const role = `es_writer_${randomBytes(5).toString('hex')}`;
    await pool.query(`CREATE ROLE "${role}" NOLOGIN`);
    const rolePool = new Pool({ connectionString: databaseUrl, max: 3, options: `-c role=${role}` });
    try {
      await grantAppendOnlyAccess(pool, role, schema);
      const store = await PostgresEventStore.create({ pool: rolePool, schema, migrate: false });
      const stream = `${uniqueCategory('writer')}-1`;
      await store.appendToStream(stream, sampleEvents(2), { expectedVersion: 'no_stream' });
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.readAll('start')).toHaveLength(2);
      await store.close();

      for (const statement of [
        `UPDATE "${schema}".events SET data = '{}'`,
        `DELETE FROM "${schema}".events`,
        `TRUNCATE "${schema}".events`,
        `ALTER TABLE "${schema}".events DISABLE TRIGGER events_refuse_update_delete`,
      ]) {
        const error = await failure(rolePool.query(statement));
        expect({ statement, code: error.code }).toEqual({ statement, code: '42501' });
      }
    } finally {
      await rolePool.end();
      await dropSchema(pool, schema);
      await pool.query(`DROP OWNED BY "${role}"`);
      await pool.query(`DROP ROLE "${role}"`);
    }
  });

  it('appends with one statement; a refused append leaves nothing behind and reads the revision it met', async () => {
    const statements: string[] = [];
    const countingPool = new Pool({ connectionString: databaseUrl, max: 2 });
    countingPool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const [statement] = args as [string | { text: string }];
        const text = typeof statement === 'string' ? statement : statement.text;
        // Notifications to other processes are sent apart from the appends: see the notifications spec.
        if (!text.includes('pg_notify')) statements.push(text);
        return query(...args);
      };
    });
    const schema = uniqueSchema();
    schemas.push(schema);
    const store = await PostgresEventStore.create({ pool: countingPool, schema });
    const stream = `${uniqueCategory('one-statement')}-1`;
    const withIds = sampleEvents(2).map((event) => ({ ...event, eventId: randomUUID() }));
    try {
      statements.length = 0;
      await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' });
      await store.appendToStream(stream, withIds, { expectedVersion: 0n });
      expect(statements).toHaveLength(2);

      statements.length = 0;
      await expect(store.appendToStream(stream, sampleEvents(1), { expectedVersion: 0n })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await expect(store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        actual: 2n,
      });
      expect(statements).toHaveLength(4);
      await expect(store.appendToStream(`${stream}-none`, sampleEvents(1), { expectedVersion: 'exists' })).rejects.toMatchObject({
        actual: 'no_stream',
      });
      await expect(store.appendToStream(stream, withIds, { expectedVersion: 5n })).resolves.toMatchObject({ written: false, nextExpectedVersion: 2n });
      expect((await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 2n })).nextExpectedVersion).toBe(3n);
      expect((await store.appendToStream(stream, withIds, { expectedVersion: 'any' })).written).toBe(false);
      expect((await store.readStream(stream)).map((event) => event.streamPosition)).toEqual([0n, 1n, 2n, 3n]);
    } finally {
      await store.close();
      await countingPool.end();
    }
  });

  it('reads recordedAt as the Date of the stored instant prints it, whatever the session time zone', async () => {
    const hanoi = new Pool({ connectionString: databaseUrl, max: 2, options: '-c timezone=Asia/Ho_Chi_Minh' });
    const schema = uniqueSchema();
    schemas.push(schema);
    const store = await PostgresEventStore.create({ pool: hanoi, schema });
    try {
      const stream = `recorded-${randomUUID()}`;
      await store.appendToStream(stream, sampleEvents(3), { expectedVersion: 'no_stream' });
      const { rows } = await hanoi.query<{ recorded_at: Date; microseconds: string }>(
        `SELECT recorded_at, extract(microseconds FROM recorded_at)::text AS microseconds FROM "${schema}".events WHERE stream_name = $1 ORDER BY stream_position`,
        [stream],
      );
      const events = await store.readStream(stream);
      expect(events.map((event) => event.metadata.recordedAt)).toEqual(rows.map((row) => row.recorded_at.toISOString()));
      // The server keeps microseconds; a Date, and so the event, keeps the milliseconds they begin with.
      expect(rows.some((row) => Number(row.microseconds) % 1_000 !== 0)).toBe(true);
    } finally {
      await store.close();
      await hanoi.end();
    }
  });

  it('applies each migration once, also when several processes start together', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const applied = await Promise.all([1, 2, 3].map(() => migrateEventStore(pool, schema)));
    const allVersions = MIGRATIONS.map((migration) => migration.version);
    expect(applied.flat().sort()).toEqual(allVersions);
    expect(applied.filter((versions) => versions.length > 0)).toHaveLength(1);
    expect(await migrateEventStore(pool, schema)).toEqual([]);
    const { rows } = await pool.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(rows.map((row) => row.version)).toEqual(allVersions);
  });

  it('keeps delivering live events by polling when no notification arrives', async () => {
    const { store, schema } = await newStore({ pollIntervalMs: 100 });
    const category = uniqueCategory('polled');
    const probe = new SubscriptionProbe(store.subscribe('start', { filter: { streamCategories: [category] } }));
    try {
      await appendUnannounced(pool, schema, `${category}-1`, 1, 'no_stream');
      expect(await probe.take(1)).toHaveLength(1);
      await appendUnannounced(pool, schema, `${category}-1`, 2, 0n);
      expect((await probe.take(2, 5_000)).map((event) => event.streamPosition)).toEqual([1n, 2n]);
    } finally {
      await store.close();
    }
  });

  it('holds an event back while an older transaction is open, then delivers it', async () => {
    const { store } = await newStore({ pollIntervalMs: 100 });
    const category = uniqueCategory('horizon');
    const filter = { streamCategories: [category] };
    const probe = new SubscriptionProbe(store.subscribe('start', { filter }));
    let delivered = false;
    const delivery = probe.take(1, 10_000).then((events) => {
      delivered = true;
      return events;
    });
    const olderTransaction = await pool.connect();
    try {
      await olderTransaction.query('BEGIN');
      await olderTransaction.query('SELECT pg_current_xact_id()');
      await store.appendToStream(`${category}-1`, sampleEvents(1), { expectedVersion: 'no_stream' });

      expect(await store.readAll('start', { filter })).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(delivered).toBe(false);
    } finally {
      await olderTransaction.query('COMMIT');
      olderTransaction.release();
    }
    expect(await delivery).toHaveLength(1);
    expect(await store.readAll('start', { filter })).toHaveLength(1);
    await store.close();
  });

  it('ends its own pool on close, and leaves a pool it was given open', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const owning = await PostgresEventStore.create({ connectionString: databaseUrl, schema });
    expect(await owning.ping()).toBe(true);
    await owning.close();
    expect(await owning.ping()).toBe(false);

    const borrowing = await PostgresEventStore.create({ pool, schema });
    await borrowing.close();
    await expect(pool.query('SELECT 1')).resolves.toBeDefined();
  });
});
