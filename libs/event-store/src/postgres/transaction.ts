import type { Pool, PoolClient } from 'pg';

/** What a unit of work asks for when it ends without throwing: keep its writes, or undo them. */
export type TransactionOutcome<T> = { readonly commit: T } | { readonly rollback: T };

/**
 * Runs `work` in one transaction on one pooled connection. A thrown error rolls back; a
 * connection whose rollback fails is discarded rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<TransactionOutcome<T>>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const outcome = await work(client);
    if ('commit' in outcome) {
      await client.query('COMMIT');
      return outcome.commit;
    }
    await client.query('ROLLBACK');
    return outcome.rollback;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
