import { Pool } from 'pg';
import { eventStoreSchemaOf } from '../event-log-connection';
import { prepareEventLog } from '../event-log-migration';

/**
 * The migration step of deployment: `npm run migrate -- [--create-app-role] [service ...]` (all four
 * services when none is named), run as the owner of the event-log schemas before the services start.
 *
 *   MIGRATION_DATABASE_URL   the owner's connection (DATABASE_URL when unset)
 *   DATABASE_APP_ROLE        the role the services connect as, granted append and read only
 *   DATABASE_APP_PASSWORD    with --create-app-role: the password it is created with, if the server asks for one
 *   EVENT_STORE_SCHEMA       the schema, when one service is named and it is not <service>_event_store
 */
async function main(args: readonly string[]): Promise<void> {
  const createAppRole = args.includes('--create-app-role');
  const named = args.filter((arg) => !arg.startsWith('--'));
  const services = named.length > 0 ? named : ['enrolment', 'course-delivery', 'certification', 'reporting'];
  const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  const appRole = process.env.DATABASE_APP_ROLE;
  if (!ownerUrl) throw new Error('Set MIGRATION_DATABASE_URL (or DATABASE_URL) to the connection of the schemas’ owner');
  if (!appRole) throw new Error('Set DATABASE_APP_ROLE to the role the services connect as');
  if (process.env.EVENT_STORE_SCHEMA && services.length !== 1) throw new Error('EVENT_STORE_SCHEMA names the schema of one service: name exactly one');
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    for (const service of services) {
      const schema = process.env.EVENT_STORE_SCHEMA ?? eventStoreSchemaOf(service);
      const applied = await prepareEventLog(pool, schema, { appRole, createAppRole, appRolePassword: process.env.DATABASE_APP_PASSWORD });
      console.log(`${service}: schema ${schema} ${applied.length > 0 ? `migrated (${applied.join(', ')})` : 'up to date'}; ${appRole} may append and read`);
    }
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
