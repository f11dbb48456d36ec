import type { PreparedBatch, PreparedEvent } from '../append-batch';
import type { ExpectedVersion, IdempotencyKeyAnswer } from '../port';
import type { EventStoreSchema } from './schema';

/**
 * An append as one plain statement (migration 7): its first part takes the stream's row as the
 * expected version asks, its second inserts the batch after the revision that part returned. A
 * stream not at the expected version yields no row, so nothing is inserted and the statement
 * returns no row. With an Idempotency-Key, a third part completes the key; a key no longer claimed
 * raises ES003, which undoes the whole statement.
 *
 * A statement rather than a PL/pgSQL function: the function ran each statement in it apart, and a
 * single-event append through it was about a sixth slower (`bench:event-store`).
 */
export interface AppendStatement {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** The row an append returns; none when the stream was not at the expected version. */
export interface AppendedRow {
  readonly previous_revision: string;
  readonly transaction_id: string;
  readonly last_global_position: string;
}

/** SQLSTATE raised when the Idempotency-Key the append completes is no longer claimed. */
export const KEY_NOT_CLAIMED = 'ES003';

export function appendStatement(
  schema: EventStoreSchema,
  streamName: string,
  expected: ExpectedVersion,
  batch: PreparedBatch,
  key: IdempotencyKeyAnswer | undefined,
): AppendStatement {
  const values: unknown[] = [streamName, batch.events.length];
  const next = (value: unknown): string => `$${values.push(value)}`;
  const stream = streamPart(schema, expected, next);
  const rows = insertedRows(batch, next);
  let completed = '';
  let keyCheck = '';
  if (key) {
    const [response, store, scope, keyName] = [next(key.responseJson), next(key.store), next(key.scope), next(key.key)];
    completed = `, completed AS (
        UPDATE ${schema.idempotencyKeys} SET state = 'completed', response = ${response}, completed_at = now()
        WHERE store = ${store} AND scope = ${scope} AND key = ${keyName} AND state = 'pending' AND EXISTS (SELECT FROM stream)
        RETURNING 1)`;
    keyCheck = `, CASE WHEN EXISTS (SELECT FROM completed) THEN 0 ELSE ${schema.refuseUnclaimedKeyFunction}(${scope}, ${keyName}) END AS key_completed`;
  }
  const text = `WITH stream AS (${stream.sql}),
    appended AS (
      INSERT INTO ${schema.events} (stream_name, stream_position, event_id, event_type, data, metadata)
      ${rows.sql}
      RETURNING global_position)${completed}
    SELECT stream.previous::text AS previous_revision, pg_current_xact_id()::text AS transaction_id,
      (SELECT max(global_position) FROM appended)::text AS last_global_position${keyCheck}
    FROM stream`;
  // Prepared once per connection under this name; PostgreSQL takes 63 characters, a schema name 40.
  return { name: `append-${stream.check}-${rows.shape}${key ? '+key' : ''}:${schema.name}`, text, values };
}

/**
 * The batch's rows after the stream's revision. A single event, the shape of most commands, goes
 * as parameters of its own; a batch as one JSON array, taken apart by the database, with the
 * metadata its events share sent once rather than once per event.
 */
function insertedRows(batch: PreparedBatch, next: (value: unknown) => string): { readonly shape: string; readonly sql: string } {
  const { events, sharedMetadata } = batch;
  if (events.length === 1) {
    const [event] = events as [PreparedEvent];
    return {
      shape: '1',
      sql: `SELECT $1, stream.previous + 1, ${next(event.eventId)}::uuid, ${next(event.type)}, ${next(JSON.stringify(event.data))}::jsonb, ${next(JSON.stringify(event.metadata))}::jsonb
      FROM stream`,
    };
  }
  const rowsOf = (elements: string, metadata: string): string => `SELECT $1, stream.previous + e.ordinality, (e.value->>'eventId')::uuid, e.value->>'type', e.value->'data', ${metadata}
      FROM stream, jsonb_array_elements(${elements}::jsonb) WITH ORDINALITY AS e(value, ordinality)
      ORDER BY e.ordinality`;
  if (sharedMetadata === null) return { shape: 'n', sql: rowsOf(next(JSON.stringify(events)), `e.value->'metadata'`) };
  const elements = next(JSON.stringify(events.map(({ eventId, type, data }) => ({ eventId, type, data }))));
  return { shape: 'm', sql: rowsOf(elements, `${next(JSON.stringify(sharedMetadata))}::jsonb`) };
}

/** Takes the stream's row, locking it, and returns the revision before the batch as `previous`. */
function streamPart(
  schema: EventStoreSchema,
  expected: ExpectedVersion,
  next: (value: unknown) => string,
): { readonly check: string; readonly sql: string } {
  const advance = `SET revision = s.revision + $2::bigint`;
  const previous = `RETURNING s.revision - $2::bigint AS previous`;
  switch (expected) {
    case 'any':
      return {
        check: 'any',
        sql: `INSERT INTO ${schema.streams} AS s (stream_name, revision) VALUES ($1, $2::bigint - 1)
          ON CONFLICT (stream_name) DO UPDATE ${advance} ${previous}`,
      };
    case 'no_stream':
      return {
        check: 'nostream',
        sql: `INSERT INTO ${schema.streams} AS s (stream_name, revision) VALUES ($1, $2::bigint - 1)
          ON CONFLICT (stream_name) DO NOTHING ${previous}`,
      };
    case 'exists':
      return { check: 'exists', sql: `UPDATE ${schema.streams} AS s ${advance} WHERE s.stream_name = $1 ${previous}` };
    default:
      return {
        check: 'revision',
        sql: `UPDATE ${schema.streams} AS s ${advance} WHERE s.stream_name = $1 AND s.revision = ${next(expected.toString())}::bigint ${previous}`,
      };
  }
}
