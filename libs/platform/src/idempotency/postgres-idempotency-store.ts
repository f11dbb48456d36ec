import { EventStoreSchema, type IdempotencyKeyAnswer } from '@training-ledger/event-store';
import type { Pool } from 'pg';
import { assertIdempotencyKey, claimRenewedEvery, type IdempotencyBegin, type IdempotencyClaim, type IdempotencyStore, type IdempotentResponse } from './idempotency-store';

export interface PostgresIdempotencyStoreOptions {
  /** The event log's schema, which holds the keys' table (its migration 6). */
  readonly schema?: string;
  /** The endpoint's keys, apart from those of the service's other endpoints. */
  readonly store: string;
  /** As for the MongoDB store: a pending key not held for this long may be taken over. 15 s when omitted. */
  readonly staleAfterMs?: number;
  readonly clock?: () => Date;
}

interface KeyRow {
  readonly request_hash: string;
  readonly state: 'pending' | 'completed';
  readonly response: string | null;
  readonly started_at: Date;
}

/**
 * The Idempotency-Keys of an endpoint in the event log's own database, so that an append can
 * complete its request's key with its events, in the same transaction (`answerInAppend`).
 */
export class PostgresIdempotencyStore<TResponse = IdempotentResponse> implements IdempotencyStore<TResponse> {
  private readonly table: string;
  private readonly schemaName: string;
  private readonly store: string;
  private readonly staleAfterMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly pool: Pool,
    options: PostgresIdempotencyStoreOptions,
  ) {
    const schema = new EventStoreSchema(options.schema);
    this.table = schema.idempotencyKeys;
    // A prepared statement's name is cut at 63 bytes: the schema alone (at most 40) keeps it whole.
    this.schemaName = schema.name;
    this.store = options.store;
    this.staleAfterMs = options.staleAfterMs ?? 15_000;
    this.clock = options.clock ?? (() => new Date());
  }

  async begin(key: string, scope: string, requestHash: string): Promise<IdempotencyBegin<TResponse>> {
    assertIdempotencyKey(key);
    // A key abandoned between our insert and our read leaves nothing to read: try the insert again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const claimed = await this.pool.query({
        name: `idempotency-claim:${this.schemaName}`,
        text: `INSERT INTO ${this.table} (store, scope, key, request_hash, state, started_at) VALUES ($1, $2, $3, $4, 'pending', $5)
               ON CONFLICT DO NOTHING`,
        values: [this.store, scope, key, requestHash, this.clock()],
      });
      if (claimed.rowCount === 1) return { state: 'new' };
      const {
        rows: [existing],
      } = await this.pool.query<KeyRow>(
        `SELECT request_hash, state, response, started_at FROM ${this.table} WHERE store = $1 AND scope = $2 AND key = $3`,
        [this.store, scope, key],
      );
      if (!existing) continue;
      if (existing.request_hash !== requestHash) return { state: 'mismatch' };
      if (existing.state === 'completed') return { state: 'replay', response: JSON.parse(existing.response ?? 'null') as TResponse };
      return (await this.takeOverIfStale(key, scope, existing.started_at)) ? { state: 'new' } : { state: 'in-progress' };
    }
    throw new Error(`Idempotency key ${scope}/${key} keeps disappearing`);
  }

  async complete(key: string, scope: string, response: TResponse): Promise<void> {
    const result = await this.pool.query(
      `UPDATE ${this.table} SET state = 'completed', response = $4, completed_at = $5 WHERE store = $1 AND scope = $2 AND key = $3`,
      [this.store, scope, key, responseJsonOf(response), this.clock()],
    );
    if (result.rowCount === 0) throw new Error(`Idempotency key ${scope}/${key} was never begun`);
  }

  answerInAppend(key: string, scope: string, response: TResponse): IdempotencyKeyAnswer {
    return { store: this.store, scope, key, responseJson: responseJsonOf(response) };
  }

  async abandon(key: string, scope: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE store = $1 AND scope = $2 AND key = $3 AND state = 'pending'`, [this.store, scope, key]);
  }

  hold(key: string, scope: string): IdempotencyClaim {
    return claimRenewedEvery(this.staleAfterMs / 3, () =>
      this.pool.query(`UPDATE ${this.table} SET started_at = $4 WHERE store = $1 AND scope = $2 AND key = $3 AND state = 'pending'`, [this.store, scope, key, this.clock()]),
    );
  }

  /** Retention: forget this endpoint's keys begun before `cutoff`. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const result = await this.pool.query(`DELETE FROM ${this.table} WHERE store = $1 AND started_at < $2`, [this.store, cutoff]);
    return result.rowCount ?? 0;
  }

  private async takeOverIfStale(key: string, scope: string, startedAt: Date): Promise<boolean> {
    const now = this.clock();
    if (now.getTime() - startedAt.getTime() < this.staleAfterMs) return false;
    const result = await this.pool.query(
      `UPDATE ${this.table} SET started_at = $5 WHERE store = $1 AND scope = $2 AND key = $3 AND state = 'pending' AND started_at = $4`,
      [this.store, scope, key, startedAt, now],
    );
    return result.rowCount === 1;
  }
}

function responseJsonOf(response: unknown): string {
  return JSON.stringify(response) ?? 'null';
}
