import { PostgresEventStore, verifyLog, type LogSeal, type LogVerification } from '@training-ledger/event-store';
import type { Pool } from 'pg';
import { eventStoreSchemaOf } from './event-log-connection';

export const SEALED_SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;

/**
 * The seals of a service that reporting archived from its topic (reporting's inbox holds each
 * consumed message as `IntegrationEventArchived.v1`, with the message's type and data).
 */
export async function archivedSeals(pool: Pool, reportingSchema: string, service: string): Promise<LogSeal[]> {
  const { rows } = await pool.query<{ seal: LogSeal }>(
    `SELECT data->'data' AS seal FROM "${reportingSchema}".events
     WHERE stream_category = 'inbox' AND data->>'type' = 'LogSealed.v1' AND data->>'sourceService' = $1
     ORDER BY transaction_id, global_position`,
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
