import { describeVerification } from '@training-ledger/event-store';
import { Pool } from 'pg';
import { verifyServiceLogs } from '../log-verification';

/**
 * `npm run verify:log -- [--schema-prefix <prefix>] [service ...]`: recomputes each service's seal
 * chain from its log and compares it with the seals in the log and in reporting's archive. Names the
 * first position where they differ, and exits with 1 when any does.
 *
 *   DATABASE_URL     a connection that may read every service's event-log schema
 *   --schema-prefix  the schemas are <prefix>_<service> instead of <service>_event_store
 */
async function main(args: readonly string[]): Promise<void> {
  const prefixAt = args.indexOf('--schema-prefix');
  const prefix = prefixAt >= 0 ? args[prefixAt + 1] : undefined;
  if (prefixAt >= 0 && !prefix) throw new Error('--schema-prefix needs a value');
  const services = args.filter((arg, index) => !arg.startsWith('--') && (prefixAt < 0 || index !== prefixAt + 1));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to a connection that may read the event logs');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const verifications = await verifyServiceLogs({
      pool,
      services: services.length > 0 ? services : undefined,
      schemaOf: prefix ? (service) => `${prefix}_${service.replace(/-/g, '_')}` : undefined,
    });
    for (const verification of verifications) console.log(describeVerification(verification));
    if (verifications.some((verification) => verification.difference !== null)) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Verification failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
