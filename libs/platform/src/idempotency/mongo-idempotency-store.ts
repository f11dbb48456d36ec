import { Schema, type Connection, type Model } from 'mongoose';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { assertIdempotencyKey, claimRenewedEvery, type IdempotencyBegin, type IdempotencyClaim, type IdempotencyStore, type IdempotentResponse } from './idempotency-store';

interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  state: 'pending' | 'completed';
  /**
   * The response as deflated JSON text: bodies may hold keys MongoDB would refuse as field names,
   * and a bulk response (a result per item) is large and repetitive, so it shrinks tenfold.
   */
  responseDeflated?: Buffer;
  startedAt: Date;
  completedAt?: Date;
}

const DUPLICATE_KEY = 11000;

export interface MongoIdempotencyStoreOptions {
  readonly collection?: string;
  /**
   * A pending key not held for this long belongs to a request whose process died, and may be taken
   * over by a retry; a running request renews its hold three times within it. 15 s when omitted.
   */
  readonly staleAfterMs?: number;
  readonly clock?: () => Date;
}

/**
 * Works on MongoDB and on FerretDB 1.x: no transactions, only an insert guarded by the unique
 * (scope, key) index and plain reads and updates.
 */
export class MongoIdempotencyStore<TResponse = IdempotentResponse> implements IdempotencyStore<TResponse> {
  private readonly model: Model<IdempotencyRecord>;
  private readonly staleAfterMs: number;
  private readonly clock: () => Date;

  constructor(connection: Connection, options: MongoIdempotencyStoreOptions = {}) {
    const collection = options.collection ?? 'idempotency_keys';
    const modelName = `IdempotencyRecord:${collection}`;
    this.model = (connection.models[modelName] as Model<IdempotencyRecord> | undefined) ?? connection.model(modelName, recordSchema(), collection);
    this.staleAfterMs = options.staleAfterMs ?? 15_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Creates the unique (scope, key) index; call once at start-up. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async begin(key: string, scope: string, requestHash: string): Promise<IdempotencyBegin<TResponse>> {
    assertIdempotencyKey(key);
    // A key abandoned between our insert and our read leaves nothing to read: try the insert again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await this.tryInsert(key, scope, requestHash)) return { state: 'new' };
      const existing = await this.model.findOne({ scope, key }).lean<IdempotencyRecord>().exec();
      if (!existing) continue;
      if (existing.requestHash !== requestHash) return { state: 'mismatch' };
      if (existing.state === 'completed') return { state: 'replay', response: inflateResponse<TResponse>(existing.responseDeflated) };
      return (await this.takeOverIfStale(existing)) ? { state: 'new' } : { state: 'in-progress' };
    }
    throw new Error(`Idempotency key ${scope}/${key} keeps disappearing`);
  }

  async complete(key: string, scope: string, response: TResponse): Promise<void> {
    const result = await this.model
      .updateOne({ scope, key }, { $set: { state: 'completed', responseDeflated: deflateRawSync(JSON.stringify(response) ?? 'null'), completedAt: this.clock() } })
      .exec();
    if (result.matchedCount === 0) throw new Error(`Idempotency key ${scope}/${key} was never begun`);
  }

  async abandon(key: string, scope: string): Promise<void> {
    await this.model.deleteOne({ scope, key, state: 'pending' }).exec();
  }

  hold(key: string, scope: string): IdempotencyClaim {
    return claimRenewedEvery(this.staleAfterMs / 3, () => this.model.updateOne({ scope, key, state: 'pending' }, { $set: { startedAt: this.clock() } }).exec());
  }

  /** Retention: forget keys begun before `cutoff`. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const result = await this.model.deleteMany({ startedAt: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }

  private async tryInsert(key: string, scope: string, requestHash: string): Promise<boolean> {
    try {
      await this.model.create({ scope, key, requestHash, state: 'pending', startedAt: this.clock() });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  private async takeOverIfStale(existing: IdempotencyRecord): Promise<boolean> {
    const now = this.clock();
    if (now.getTime() - new Date(existing.startedAt).getTime() < this.staleAfterMs) return false;
    const result = await this.model
      .updateOne(
        { scope: existing.scope, key: existing.key, state: 'pending', startedAt: existing.startedAt },
        { $set: { startedAt: now } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}

function inflateResponse<TResponse>(deflated: Buffer | { buffer: Uint8Array } | undefined): TResponse {
  if (deflated === undefined) return null as TResponse;
  const bytes = Buffer.isBuffer(deflated) ? deflated : Buffer.from(deflated.buffer);
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as TResponse;
}

function recordSchema(): Schema<IdempotencyRecord> {
  const schema = new Schema<IdempotencyRecord>(
    {
      scope: { type: String, required: true },
      key: { type: String, required: true },
      requestHash: { type: String, required: true },
      state: { type: String, required: true, enum: ['pending', 'completed'] },
      responseDeflated: { type: Buffer },
      startedAt: { type: Date, required: true },
      completedAt: { type: Date },
    },
    { autoIndex: false, autoCreate: false, versionKey: false },
  );
  schema.index({ scope: 1, key: 1 }, { unique: true, name: 'scope_key_unique' });
  return schema;
}
