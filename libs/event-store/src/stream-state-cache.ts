import type { Decider, DomainEvent } from '@training-ledger/decider';
import { LRUCache } from 'lru-cache';
import type { EventStore, RecordedEvent, StreamRevision } from './port';

export interface CachedStreamState<TState> {
  readonly revision: StreamRevision;
  readonly state: TState;
}

export interface StreamStateCacheOptions<TState> {
  /** How many streams are kept at most. */
  readonly maxStreams?: number;
  /**
   * For states that grow with their stream (a run's attendance sheet holds every mark): what one
   * state weighs, in the unit of `maxWeight`. States are then also kept only while their weights
   * add up to no more than `maxWeight`; the least recently used go first.
   */
  readonly weigh?: (state: TState) => number;
  readonly maxWeight?: number;
}

/**
 * The folded state of recently used streams, at the revision it was folded to. Reading a stream
 * then costs only the events appended since, by this process or any other. A state is only ever
 * stored as folded from the log (or from what was just appended under optimistic concurrency),
 * and deciders never mutate a state, so sharing one is safe. A state evicted is folded again from
 * the log when next needed.
 */
export class StreamStateCache<TState> {
  private readonly states: LRUCache<string, CachedStreamState<TState>>;
  private readonly weighed: boolean;

  constructor(options: StreamStateCacheOptions<TState> = {}) {
    const { maxStreams = 500, weigh, maxWeight } = options;
    if ((weigh === undefined) !== (maxWeight === undefined)) {
      throw new RangeError('A stream state cache needs both weigh and maxWeight, or neither');
    }
    this.weighed = weigh !== undefined;
    this.states =
      weigh && maxWeight !== undefined
        ? new LRUCache({
            max: maxStreams,
            maxSize: maxWeight,
            sizeCalculation: (entry) => Math.max(1, Math.ceil(weigh(entry.state))),
          })
        : new LRUCache({ max: maxStreams });
  }

  get(streamName: string): CachedStreamState<TState> | undefined {
    return this.states.get(streamName);
  }

  set(streamName: string, entry: CachedStreamState<TState>): void {
    const current = this.states.get(streamName);
    if (current === undefined || current.revision < entry.revision) this.states.set(streamName, entry);
  }

  /** Streams held now, and what their states weigh together (their count when states are not weighed). */
  get size(): { readonly streams: number; readonly weight: number } {
    return { streams: this.states.size, weight: this.weighed ? this.states.calculatedSize : this.states.size };
  }
}

export interface LoadedStreamState<TState> {
  readonly state: TState;
  /** The revision the state was folded to; null while the stream has no event. */
  readonly revision: StreamRevision | null;
}

/** The stream's current state: what the cache holds plus the events since, or a fold of the whole stream. */
export async function loadStreamState<TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Pick<Decider<never, TEvent, TState>, 'evolve' | 'initialState'>,
  streamName: string,
  cache?: StreamStateCache<TState>,
): Promise<LoadedStreamState<TState>> {
  const cached = cache?.get(streamName);
  const history = cached
    ? await store.readStream(streamName, { fromRevision: cached.revision + 1n })
    : await store.readStream(streamName);
  return foldRead(decider, streamName, cached, history, cache);
}

/** The current state of each stream, as `loadStreamState` gives it, the streams read together in one read. */
export async function loadStreamStates<TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Pick<Decider<never, TEvent, TState>, 'evolve' | 'initialState'>,
  streamNames: readonly string[],
  cache?: StreamStateCache<TState>,
): Promise<ReadonlyMap<string, LoadedStreamState<TState>>> {
  const names = [...new Set(streamNames)];
  const cached = new Map(names.map((streamName) => [streamName, cache?.get(streamName)]));
  const histories = await store.readStreams(
    names.map((streamName) => {
      const known = cached.get(streamName);
      return known ? { streamName, fromRevision: known.revision + 1n } : { streamName };
    }),
  );
  const loaded = new Map<string, LoadedStreamState<TState>>();
  for (const streamName of names) {
    loaded.set(streamName, foldRead(decider, streamName, cached.get(streamName), histories.get(streamName) ?? [], cache));
  }
  return loaded;
}

/** The cached state (or the initial one) with the events read since, kept in the cache. */
function foldRead<TEvent extends DomainEvent, TState>(
  decider: Pick<Decider<never, TEvent, TState>, 'evolve' | 'initialState'>,
  streamName: string,
  cached: CachedStreamState<TState> | undefined,
  history: readonly RecordedEvent[],
  cache?: StreamStateCache<TState>,
): LoadedStreamState<TState> {
  // The stream holds what this decider produced before, upcast to the current shapes on reading.
  let state = cached ? cached.state : decider.initialState();
  for (const event of history as unknown as readonly TEvent[]) state = decider.evolve(state, event);
  const revision = history.at(-1)?.streamPosition ?? cached?.revision ?? null;
  if (cache && revision !== null) cache.set(streamName, { revision, state });
  return { state, revision };
}
