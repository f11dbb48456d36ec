import type { Pool } from 'pg';
import { EventStoreSchema } from './schema';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Grants an existing role what an application needs to use the store, and nothing that could
 * rewrite history: on the event log only INSERT and SELECT. Without ownership the role can neither
 * update or delete events (refused twice: by privileges and by the log's triggers) nor drop the
 * triggers. Run it as the schema's owner, after the migrations.
 */
export async function grantAppendOnlyAccess(pool: Pool, role: string, schemaName?: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new TypeError(`Role name must be a lowercase identifier: ${role}`);
  const schema = new EventStoreSchema(schemaName);
  const grantee = `"${role}"`;
  await pool.query(`
    GRANT USAGE ON SCHEMA ${schema.quotedName} TO ${grantee};
    GRANT SELECT, INSERT ON ${schema.events} TO ${grantee};
    GRANT SELECT, INSERT, UPDATE ON ${schema.streams}, ${schema.checkpoints} TO ${grantee};
    GRANT SELECT ON ${schema.migrations} TO ${grantee};
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema.quotedName} TO ${grantee};
    GRANT EXECUTE ON FUNCTION ${schema.appendFunction}(text, bigint, jsonb, boolean) TO ${grantee};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema.idempotencyKeys} TO ${grantee};
    GRANT EXECUTE ON FUNCTION ${schema.appendCompletingKeyFunction}(text, bigint, jsonb, boolean, text, text, text, text) TO ${grantee};
    GRANT EXECUTE ON FUNCTION ${schema.refuseUnclaimedKeyFunction}(text, text) TO ${grantee};
  `);
}
