import { grantAppendOnlyAccess, migrateEventStore } from '@training-ledger/event-store';
import type { Pool } from 'pg';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface EventLogPreparation {
  /** The role that owns nothing and may only append to and read the log: what the service connects as. */
  readonly appRole: string;
  /** Create the application role (with LOGIN) when missing: local runs and tests; in production the DBA creates it. */
  readonly createAppRole?: boolean;
  /** Its password, where the server asks for one (Compose); none on a server that trusts loopback. */
  readonly appRolePassword?: string;
}

/**
 * The migration step, run by the schema's owner before the service starts: brings the log's schema
 * up to date and grants the application role INSERT and SELECT on the log (and what the checkpoints
 * need) and nothing more, so that not even the service itself can rewrite history.
 */
export async function prepareEventLog(
  ownerPool: Pool,
  schema: string,
  { appRole, createAppRole = false, appRolePassword }: EventLogPreparation,
): Promise<number[]> {
  if (!ROLE_NAME.test(appRole)) throw new TypeError(`The application role must be a lowercase identifier: ${appRole}`);
  if (createAppRole) {
    const password = appRolePassword === undefined ? '' : ` PASSWORD ${quoteLiteral(appRolePassword)}`;
    await ownerPool.query(`DO $$ BEGIN CREATE ROLE "${appRole}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${password}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  }
  const applied = await migrateEventStore(ownerPool, schema);
  await grantAppendOnlyAccess(ownerPool, appRole, schema);
  return applied;
}

/** The same server and database as `ownerUrl`, connecting as `appRole` (its password, if any, from `password`). */
export function appRoleUrl(ownerUrl: string, appRole: string, password?: string): string {
  const url = new URL(ownerUrl);
  url.username = appRole;
  url.password = password ?? '';
  return url.toString();
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
