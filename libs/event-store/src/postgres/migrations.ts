import type { Pool } from 'pg';
import { EventStoreSchema } from './schema';
import { inTransaction } from './transaction';

export interface Migration {
  readonly version: number;
  readonly name: string;
  sql(schema: EventStoreSchema): string;
}

/** Applied in order, each once, each in the same transaction as its bookkeeping row. Never edit one that shipped: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log',
    sql: (s) => `
      CREATE TABLE ${s.streams} (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL CHECK (revision >= -1)
      );

      CREATE TABLE ${s.events} (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        stream_category text NOT NULL GENERATED ALWAYS AS (split_part(stream_name, '-', 1)) STORED,
        stream_position bigint NOT NULL CHECK (stream_position >= 0),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_position_key UNIQUE (stream_name, stream_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      );

      CREATE INDEX events_read_order_idx ON ${s.events} (transaction_id, global_position);

      CREATE FUNCTION ${s.quotedName}.notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_ARGV[0], '');
        RETURN NULL;
      END
      $$;

      CREATE TRIGGER events_notify_appended AFTER INSERT ON ${s.events}
        FOR EACH STATEMENT EXECUTE FUNCTION ${s.quotedName}.notify_events_appended('${s.channel}');
    `,
  },
  {
    version: 2,
    name: 'append-only event log',
    // Statement-level, so even a statement that matches no row is refused. A role that owns the
    // table could still drop the trigger: applications connect as a role with INSERT and SELECT
    // only (see grantAppendOnlyAccess).
    sql: (s) => `
      CREATE FUNCTION ${s.quotedName}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END
      $$;

      CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON ${s.events}
        FOR EACH STATEMENT EXECUTE FUNCTION ${s.quotedName}.refuse_event_change();

      CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON ${s.events}
        FOR EACH STATEMENT EXECUTE FUNCTION ${s.quotedName}.refuse_event_change();
    `,
  },
  {
    version: 3,
    name: 'subscription checkpoints',
    // Positions are fixed-width text that sorts like the position under a binary collation.
    sql: (s) => `
      CREATE TABLE ${s.checkpoints} (
        name text PRIMARY KEY,
        position text COLLATE "C" NOT NULL CHECK (position ~ '^[0-9a-f]{16}:[0-9a-f]{16}$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 4,
    name: 'append in one statement',
    // One call appends a batch: an append is then one round trip, committed on its own. It locks
    // the stream's row first, creating it or advancing its revision by the batch size, so appends
    // to one stream take turns and each statement that follows, with its own snapshot, sees what the
    // previous one committed. A refusal raises, which undoes the advance: ES001 when some event ids
    // of the batch are already stored (the caller decides between a retry and a violation), ES002
    // with the actual revision in the detail when the stream is not at the expected one.
    // p_expected: NULL for any, -1 for no stream, -2 for exists, else the revision. The streams'
    // pages keep room so that advancing a revision stays a heap-only update, with no index entry.
    sql: (s) => `
      ALTER TABLE ${s.streams} SET (fillfactor = 50);

      CREATE FUNCTION ${s.appendFunction}(
        p_stream_name text, p_expected bigint, p_events jsonb, p_check_event_ids boolean,
        OUT previous_revision bigint, OUT transaction_id text, OUT last_global_position bigint
      ) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_count bigint := jsonb_array_length(p_events);
        v_previous bigint;
      BEGIN
        INSERT INTO ${s.streams} AS s (stream_name, revision) VALUES (p_stream_name, v_count - 1)
          ON CONFLICT (stream_name) DO UPDATE SET revision = s.revision + v_count
          RETURNING s.revision - v_count INTO v_previous;
        IF p_check_event_ids AND EXISTS (
          SELECT FROM ${s.events} e
          WHERE e.event_id IN (SELECT (b.value->>'eventId')::uuid FROM jsonb_array_elements(p_events) AS b(value))
        ) THEN
          RAISE EXCEPTION 'event ids of the batch are already stored' USING ERRCODE = 'ES001';
        END IF;
        IF NOT (p_expected IS NULL OR p_expected = v_previous OR (p_expected = -2 AND v_previous >= 0)) THEN
          RAISE EXCEPTION 'stream % is not at the expected revision', p_stream_name
            USING ERRCODE = 'ES002', DETAIL = v_previous::text;
        END IF;
        WITH inserted AS (
          INSERT INTO ${s.events} (stream_name, stream_position, event_id, event_type, data, metadata)
          SELECT p_stream_name, v_previous + e.ordinality, (e.value->>'eventId')::uuid, e.value->>'type',
            e.value->'data', e.value->'metadata'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ordinality)
          ORDER BY e.ordinality
          RETURNING global_position
        )
        SELECT max(inserted.global_position) INTO last_global_position FROM inserted;
        previous_revision := v_previous;
        transaction_id := pg_current_xact_id()::text;
      END
      $$;
    `,
  },
  {
    version: 5,
    name: 'appends notify after their commit',
    // PostgreSQL serialises the commits of transactions that NOTIFY, so a notification in every
    // append's commit made concurrent appends take turns. The store now wakes subscriptions once
    // an append committed (PostgresEventStore). While a previous release still runs, its appends
    // reach other processes' subscriptions by their polling, and its subscriptions still hear the
    // new release's notifications, which keep the channel.
    sql: (s) => `
      DROP TRIGGER events_notify_appended ON ${s.events};
      DROP FUNCTION ${s.quotedName}.notify_events_appended();
    `,
  },
  {
    version: 6,
    name: 'idempotency keys next to the events',
    // An HTTP write's Idempotency-Key is claimed (pending) before its work and completed with its
    // answer. An append that answers a request completes its key in the same statement, so a
    // request's events are never kept without its answer: a retry after a crash replays it instead
    // of appending again. ES003 when the key is no longer claimed, which undoes the append.
    // The answer is JSON text: it is only ever replayed whole, and PostgreSQL compresses it.
    sql: (s) => `
      CREATE TABLE ${s.idempotencyKeys} (
        store text NOT NULL,
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'completed')),
        response text,
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        PRIMARY KEY (store, scope, key)
      );
      CREATE INDEX idempotency_keys_started_at_idx ON ${s.idempotencyKeys} (started_at);

      CREATE FUNCTION ${s.appendCompletingKeyFunction}(
        p_stream_name text, p_expected bigint, p_events jsonb, p_check_event_ids boolean,
        p_store text, p_scope text, p_key text, p_response text,
        OUT previous_revision bigint, OUT transaction_id text, OUT last_global_position bigint
      ) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        SELECT a.previous_revision, a.transaction_id, a.last_global_position
          INTO previous_revision, transaction_id, last_global_position
          FROM ${s.appendFunction}(p_stream_name, p_expected, p_events, p_check_event_ids) AS a;
        UPDATE ${s.idempotencyKeys} SET state = 'completed', response = p_response, completed_at = now()
          WHERE store = p_store AND scope = p_scope AND key = p_key AND state = 'pending';
        IF NOT FOUND THEN
          RAISE EXCEPTION 'idempotency key %/% is not claimed', p_scope, p_key USING ERRCODE = 'ES003';
        END IF;
      END
      $$;
    `,
  },
  {
    version: 7,
    name: 'append as a plain statement',
    // Appends are now one statement of their own (append-statement.ts): a single-event append runs
    // about a sixth faster than through the function of migration 4. A statement cannot raise by
    // itself, so one whose key is no longer claimed calls this function, which raises and so undoes
    // the statement. The functions of migrations 4 and 6 stay for a previous release still running.
    sql: (s) => `
      CREATE FUNCTION ${s.refuseUnclaimedKeyFunction}(p_scope text, p_key text) RETURNS integer
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'idempotency key %/% is not claimed', p_scope, p_key USING ERRCODE = 'ES003';
      END
      $$;
    `,
  },
];

/**
 * Brings the schema up to date. Safe to call from every process at start-up: an advisory lock
 * per schema makes concurrent callers take turns, and applied versions are skipped.
 * Returns the versions this call applied.
 */
export async function migrateEventStore(pool: Pool, schemaName?: string): Promise<number[]> {
  const schema = new EventStoreSchema(schemaName);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`event-store:migrate:${schema.name}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema.quotedName}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${schema.migrations} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema.migrations}`);
    const applied = new Set(rows.map((row) => row.version));
    const pending = MIGRATIONS.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO ${schema.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    return { commit: pending.map((migration) => migration.version) };
  });
}

/** The versions not yet applied to the schema: all of them when it was never migrated. */
export async function pendingMigrations(pool: Pool, schemaName?: string): Promise<number[]> {
  const schema = new EventStoreSchema(schemaName);
  const { rows: exists } = await pool.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [schema.migrations]);
  if (exists[0]?.table === null || exists[0]?.table === undefined) return MIGRATIONS.map((migration) => migration.version);
  const { rows } = await pool.query<{ version: number }>(`SELECT version FROM ${schema.migrations}`);
  const applied = new Set(rows.map((row) => row.version));
  return MIGRATIONS.filter((migration) => !applied.has(migration.version)).map((migration) => migration.version);
}
