import type { RecordedEvent } from './port';

/**
 * Turns the data of a stored event of type `from` into the data of type `to`. It sees the whole
 * recorded event (as of type `from`) for context, e.g. its metadata's `occurredAt`.
 */
export type Upcast<TFromData = unknown, TToData = unknown> = (data: TFromData, event: RecordedEvent) => TToData;

/**
 * The event types of the log change over the years, the stored events never do. Registering an
 * upcaster per retired shape lets every read path (stream reads, whole-log reads, subscriptions)
 * hand out only current shapes, so deciders and projections only know the current types.
 * Upcasters chain: `X.v1 → X.v2` and `X.v2 → X.v3` turn a stored `X.v1` into an `X.v3`.
 */
/**
 * Rewrites, on read, a stored event whose shape its type's current rules refuse, keeping its type:
 * e.g. a time stored without seconds before the boundary wrote one canonical form. It returns the
 * very event it was given when there is nothing to repair, so sound events read byte for byte as stored.
 */
export type Repair = (event: RecordedEvent) => RecordedEvent;

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, { readonly to: string; readonly upcast: Upcast }>();
  private readonly repairs: Repair[] = [];
  /** Types whose data some repair may change; null once a repair did not say which. */
  private repairedDataTypes: Set<string> | null = new Set();

  register<TFromData, TToData>(from: string, to: string, upcast: Upcast<TFromData, TToData>): this {
    if (from === to) throw new Error(`An upcaster must change the event type: ${from}`);
    if (this.upcasters.has(from)) throw new Error(`An upcaster from ${from} is already registered`);
    if (this.finalType(to) === from) throw new Error(`Upcasting ${from} to ${to} would loop back to ${from}`);
    this.upcasters.set(from, { to, upcast: upcast as Upcast });
    return this;
  }

  /** The type a stored event of `type` is read as. */
  finalType(type: string): string {
    let current = type;
    for (let next = this.upcasters.get(current); next; next = this.upcasters.get(current)) current = next.to;
    return current;
  }

  /**
   * Repairs apply to every event read, after its upcasters, in the order registered. A repair that
   * names the types whose data it may change (`dataOf`) lets readers of data alone take every other
   * type as stored; without the list, any type's data may change.
   */
  repair(repair: Repair, options: { readonly dataOf?: readonly string[] } = {}): this {
    this.repairs.push(repair);
    if (options.dataOf === undefined) this.repairedDataTypes = null;
    else for (const type of options.dataOf) this.repairedDataTypes?.add(type);
    return this;
  }

  /** Whether an event stored as `type` is read with its type and data exactly as stored. */
  readsDataAsStored(type: string): boolean {
    return !this.upcasters.has(type) && this.repairedDataTypes !== null && !this.repairedDataTypes.has(type);
  }

  upcast<TEvent extends RecordedEvent>(event: TEvent): RecordedEvent {
    let current: RecordedEvent = event;
    for (let next = this.upcasters.get(current.type); next; next = this.upcasters.get(current.type)) {
      current = { ...current, type: next.to, data: next.upcast(current.data, current) };
    }
    for (const repair of this.repairs) current = repair(current);
    return current;
  }

  /**
   * The stored types a reader must fetch to receive exactly the events that are read as one of
   * `types`: those types themselves unless they are upcast to something else, plus every retired
   * type whose chain ends in one of them. Lets the stores filter by type on the server.
   */
  storedTypesFor(types: readonly string[]): string[] {
    const wanted = new Set(types);
    const candidates = new Set([...types, ...this.upcasters.keys()]);
    return [...candidates].filter((type) => wanted.has(this.finalType(type)));
  }
}
