import { chainEvent, GENESIS_CHAIN_HASH, type LogSeal, type SealableEvent } from './seal-chain';

/** Where the log, recomputed, first stops agreeing with a set of seals. */
export interface SealDifference {
  /** Which copy of the seals disagrees: `log` (the service's own) or `archive` (reporting's). */
  readonly source: string;
  readonly sequence: number;
  /** The global position of the first event that differs, or of the seal's end when the log ran out. */
  readonly position: string;
  readonly streamName: string | null;
  readonly streamPosition: string | null;
  readonly eventId: string | null;
  readonly reason: string;
}

/**
 * Follows the log event by event against one copy of its seals. Fed the events in read order (seals
 * excepted), it names the first one whose digest, position or chain hash the seals disagree with.
 */
export class SealCheck {
  private readonly seals: readonly LogSeal[];
  private sealIndex = 0;
  private indexInSeal = 0;
  private chainHash = GENESIS_CHAIN_HASH;
  private lastPosition: string | null = null;
  private difference: SealDifference | null = null;
  /** A seal missing or out of chain: reported unless an event before it differs. */
  private readonly gap: SealDifference | null;

  constructor(
    readonly source: string,
    seals: readonly LogSeal[],
  ) {
    const sorted = [...seals].sort((a, b) => a.sequence - b.sequence);
    this.gap = this.gapIn(sorted);
    this.seals = this.gap ? sorted.filter((seal) => seal.sequence < this.gap!.sequence) : sorted;
  }

  /** Takes the next event of the log; false once a difference is found (the rest need not be read). */
  accept(event: SealableEvent): boolean {
    if (this.difference) return false;
    const { digest, chainHash } = chainEvent(this.chainHash, event);
    this.chainHash = chainHash;
    this.lastPosition = event.globalPosition;
    const seal = this.seals[this.sealIndex];
    if (!seal) return true;
    const at = (reason: string): false => {
      this.difference = {
        source: this.source,
        sequence: seal.sequence,
        position: event.globalPosition,
        streamName: event.streamName,
        streamPosition: event.streamPosition.toString(),
        eventId: event.eventId,
        reason,
      };
      return false;
    };
    if (seal.eventDigests[this.indexInSeal] !== digest) return at(`the event differs from what seal ${seal.sequence} recorded`);
    this.indexInSeal += 1;
    if (this.indexInSeal < seal.eventDigests.length) return true;
    if (seal.throughPosition !== event.globalPosition) return at(`seal ${seal.sequence} ends at ${seal.throughPosition}, the log's event at this place is elsewhere`);
    if (seal.chainHash !== chainHash) return at(`the chain hash differs from seal ${seal.sequence}'s`);
    this.sealIndex += 1;
    this.indexInSeal = 0;
    return true;
  }

  /** The first difference, once every event was given: a seal covering events the log no longer holds is one too. */
  finish(): SealDifference | null {
    if (this.difference) return this.difference;
    const seal = this.seals[this.sealIndex];
    if (!seal) return this.gap;
    this.difference = {
      source: this.source,
      sequence: seal.sequence,
      position: this.lastPosition ?? seal.throughPosition,
      streamName: null,
      streamPosition: null,
      eventId: null,
      reason: `the log ends before seal ${seal.sequence}'s last event ${seal.throughPosition}: events are missing`,
    };
    return this.difference;
  }

  /** How many seals the log agreed with so far. */
  get sealsMatched(): number {
    return this.sealIndex;
  }

  private gapIn(seals: readonly LogSeal[]): SealDifference | null {
    let previous: LogSeal | null = null;
    for (const seal of seals) {
      const expected: number = (previous?.sequence ?? 0) + 1;
      const chained = seal.previousChainHash === (previous?.chainHash ?? GENESIS_CHAIN_HASH);
      if (seal.sequence !== expected || !chained) {
        return {
          source: this.source,
          sequence: Math.min(seal.sequence, expected),
          position: previous?.throughPosition ?? seal.fromPosition ?? seal.throughPosition,
          streamName: null,
          streamPosition: null,
          eventId: null,
          reason: seal.sequence !== expected ? `seal ${expected} is missing` : `seal ${seal.sequence} does not follow seal ${previous?.sequence ?? 0}'s chain hash`,
        };
      }
      previous = seal;
    }
    return null;
  }
}

/**
 * The seals one source holds, once per sequence. A relay that re-sent a seal after a crash archived
 * it twice; two different seals under one sequence mean one of them was made up.
 */
export function distinctSeals(source: string, seals: readonly LogSeal[]): { seals: LogSeal[]; conflict: SealDifference | null } {
  const bySequence = new Map<number, LogSeal>();
  for (const seal of seals) {
    const known = bySequence.get(seal.sequence);
    if (!known) bySequence.set(seal.sequence, seal);
    else if (known.chainHash !== seal.chainHash || known.throughPosition !== seal.throughPosition) {
      return {
        seals: [],
        conflict: { source, sequence: seal.sequence, position: seal.throughPosition, streamName: null, streamPosition: null, eventId: null, reason: `two different seals numbered ${seal.sequence}` },
      };
    }
  }
  return { seals: [...bySequence.values()], conflict: null };
}

/** The earliest of several differences in the log's read order (positions sort as text). */
export function firstDifference(differences: readonly (SealDifference | null)[]): SealDifference | null {
  return differences
    .filter((difference): difference is SealDifference => difference !== null)
    .reduce<SealDifference | null>((first, difference) => (first === null || difference.position < first.position ? difference : first), null);
}
