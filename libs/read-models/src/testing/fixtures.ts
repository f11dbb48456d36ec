import { randomBytes } from 'node:crypto';
import type { GlobalPosition } from '@training-ledger/event-store';
import mongoose, { type Connection } from 'mongoose';
import type { CheckpointPosition } from '../checkpoint';
import type { ProjectableEvent } from '../projectable-event';
import type { EventSourceFactory } from '../runner';

export interface ScratchDatabase {
  readonly name: string;
  readonly connection: Connection;
  /** Another connection to the same database, for writes that must really run side by side. */
  open(options?: mongoose.ConnectOptions): Promise<Connection>;
  drop(): Promise<void>;
}

/** A database of its own for one test file, on the server MONGO_URL names; dropped by `drop()`. */
export async function scratchDatabase(prefix = 'read_models'): Promise<ScratchDatabase> {
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('MONGO_URL is not set: integration tests need a MongoDB-compatible server');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const extra: Connection[] = [];
  const connect = async (options: mongoose.ConnectOptions = {}): Promise<Connection> =>
    mongoose.createConnection(url, { dbName: name, serverSelectionTimeoutMS: 10_000, ...options }).asPromise();
  const connection = await connect();
  return {
    name,
    connection,
    async open(options) {
      const another = await connect(options);
      extra.push(another);
      return another;
    },
    async drop() {
      await connection.dropDatabase();
      await Promise.all([connection, ...extra].map((each) => each.close()));
    },
  };
}

export function globalPositionAt(sequence: number): GlobalPosition {
  return `${'0'.repeat(16)}:${sequence.toString(16).padStart(16, '0')}` as GlobalPosition;
}

let nextSequence = 1;

/** An event as the service's own log would deliver it, numbered in one global order. */
export function logEvent<TData>(
  type: string,
  data: TData,
  origin: { service?: string; streamName: string; streamPosition: number },
): ProjectableEvent<string, TData> {
  const sequence = nextSequence++;
  return {
    eventId: `evt-${sequence}-${randomBytes(4).toString('hex')}`,
    type,
    data,
    metadata: {
      correlationId: `corr-${sequence}`,
      causationId: null,
      actor: { id: 'programme-office', roles: ['programme-officer'] },
      occurredAt: '2026-06-01T08:00:00.000+07:00',
      recordedAt: '2026-06-01T01:00:00.000Z',
    },
    source: {
      service: origin.service ?? 'registry',
      streamName: origin.streamName,
      streamPosition: BigInt(origin.streamPosition),
    },
    feedPosition: { kind: 'event-log', globalPosition: globalPositionAt(sequence) },
  };
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Documents of a collection without the projector's bookkeeping, sorted by id. */
export async function documentsOf(connection: Connection, collection: string): Promise<Record<string, unknown>[]> {
  const db = connection.db;
  if (!db) throw new Error('connection is not open');
  const documents = await db.collection(collection).find({}).toArray();
  return documents
    .map((document) => {
      const { _v: _positions, ...rest } = document;
      void _positions;
      return rest as Record<string, unknown>;
    })
    .sort((a, b) => String(a._id).localeCompare(String(b._id)));
}

/**
 * An in-process event log feeding a runner the way the event store would: after a checkpoint,
 * in global order, live (waiting for appends until the signal aborts) or catch-up (ending once
 * caught up). Records where each reader started.
 */
export class InProcessFeed {
  readonly events: ProjectableEvent[] = [];
  readonly openedFrom: (CheckpointPosition | null)[] = [];
  private wakeUp: (() => void) | null = null;

  append(...events: ProjectableEvent[]): void {
    this.events.push(...events);
    this.wakeUp?.();
  }

  readonly live: EventSourceFactory = (from, signal) => this.read(from, signal, true);
  readonly catchUp: EventSourceFactory = (from, signal) => this.read(from, signal, false);

  private async *read(from: CheckpointPosition | null, signal: AbortSignal, live: boolean): AsyncGenerator<ProjectableEvent> {
    this.openedFrom.push(from);
    if (from && from.kind !== 'event-log') throw new Error('InProcessFeed serves event-log checkpoints only');
    let index = from ? this.events.findIndex((event) => positionOf(event) > from.globalPosition) : 0;
    if (index === -1) index = this.events.length;
    for (;;) {
      while (index < this.events.length) {
        if (signal.aborted) return;
        yield this.events[index++];
      }
      if (!live || signal.aborted) return;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.wakeUp = null;
    }
  }
}

function positionOf(event: ProjectableEvent): GlobalPosition {
  if (event.feedPosition.kind !== 'event-log') throw new Error('InProcessFeed holds event-log events only');
  return event.feedPosition.globalPosition;
}

export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
