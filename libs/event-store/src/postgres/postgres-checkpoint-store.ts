import type { Pool } from 'pg';
import { parseGlobalPosition, type GlobalPosition } from '../global-position';
import type { CheckpointStore } from '../port';
import { EventStoreSchema } from './schema';

/**
 * Checkpoints in the event store's schema (its migrations create the table). Bookkeeping rather
 * than history, so rows are updated in place — but only forwards.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  private readonly schema: EventStoreSchema;

  constructor(
    private readonly pool: Pool,
    schemaName?: string,
  ) {
    this.schema = new EventStoreSchema(schemaName);
  }

  async load(name: string): Promise<GlobalPosition | null> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.schema.checkpoints} WHERE name = $1`,
      [name],
    );
    return rows[0] ? parseGlobalPosition(rows[0].position) : null;
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.schema.checkpoints} AS c (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
       WHERE c.position < excluded.position`,
      [name, parseGlobalPosition(position)],
    );
  }
}
