import { PostgresEventStore, verifyLog, type LogSeal, type LogVerification } from '@training-ledger/event-store';
import type { Pool } from 'pg';
import { eventStoreSchemaOf } from './event-log-connection';

export const SEALED_SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;

/**
 * The seals of a service that reporting archived from its topic, in the order archived: reporting's
 * inbox holds each consumed message with its type and data, alone (`IntegrationEventArchived.v1`,
 * before batches) or in a consumed batch (`IntegrationEventsArchived.v1`, the messages as JSON text).
 */
export async function archivedSeals(pool: Pool, reportingSchema: string, service: string): Promise<LogSeal[]> {
  const { rows } = await pool.query<{ seal: LogSeal }>(
    `SELECT seal FROM (
       SELECT data->'data' AS seal, transaction_id, global_position, 0::bigint AS place FROM "${reportingSchema}".events
       WHERE stream_category = 'inbox' AND event_type = 'IntegrationEventArchived.v1' AND data->>'type' = 'LogSealed.v1' AND data->>'sourceService' = $1
       UNION ALL
       SELECT message.value->'data', e.transaction_id, e.global_position, message.place FROM "${reportingSchema}".events e
       CROSS JOIN LATERAL jsonb_array_elements((e.data->>'messages')::jsonb) WITH ORDINALITY AS message(value, place)
       WHERE e.stream_category = 'inbox' AND e.event_type = 'IntegrationEventsArchived.v1' AND strpos(e.data->>'messages', '"LogSealed.v1"') > 0
         AND message.value->>'type' = 'LogSealed.v1' AND message.value->>'sourceService' = $1
     ) archived
     ORDER BY transaction_id, global_position, place`,
    [service],
  );
  return rows.map((row) => row.seal);
}

export interface LogVerificationOptions {
  readonly pool: Pool;
  readonly services?: readonly string[];
  /** The event-log schema of a service; `<service>_event_store` when omitted. */
  readonly schemaOf?: (service: string) => string;
}

/** Every named service's log against its own seals and against reporting's archive of them. */
export async function verifyServiceLogs(options: LogVerificationOptions): Promise<LogVerification[]> {
  const schemaOf = options.schemaOf ?? eventStoreSchemaOf;
  const verifications: LogVerification[] = [];
  for (const service of options.services ?? SEALED_SERVICES) {
    const log = await PostgresEventStore.create({ pool: options.pool, schema: schemaOf(service), migrate: false });
    try {
      verifications.push(await verifyLog(service, log, await archivedSeals(options.pool, schemaOf('reporting'), service)));
    } finally {
      await log.close();
    }
  }
  return verifications;
}
