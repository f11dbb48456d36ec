import { canonicalJson, CanonicalJsonError, sortedKeyJson } from '@training-ledger/decider';
import { createHash } from 'node:crypto';
import type { GlobalPosition } from '../global-position';

export const LOG_SEALED_TYPE = 'LogSealed.v1';
export const SEAL_STREAM_CATEGORY = 'seal';

export function sealStreamName(service: string): string {
  return `${SEAL_STREAM_CATEGORY}-${service}`;
}

/** The chain hash before the first event. */
export const GENESIS_CHAIN_HASH = '0'.repeat(64);

/** How many hex digits of each event's own hash a seal keeps, to name the first event that differs. */
export const EVENT_DIGEST_LENGTH = 16;

/**
 * A service's seal of its log: the hash chained over every event of the log (seals excepted) in
 * read order, up to and including `throughPosition`, and a short digest of each event it added.
 */
export interface LogSeal {
  readonly service: string;
  /** 1 for the first seal of a log, then one more each time. */
  readonly sequence: number;
  /** The last event of the previous seal (exclusive); null for the first seal. */
  readonly fromPosition: string | null;
  readonly throughPosition: string;
  /** Events sealed from the start of the log through `throughPosition`. */
  readonly eventCount: number;
  readonly previousChainHash: string;
  readonly chainHash: string;
  /** One per event of (fromPosition, throughPosition], in read order. */
  readonly eventDigests: readonly string[];
}

/**
 * An event as the seal covers it: as stored (never upcast or repaired on read, which a later
 * release may change), with the time the log accepted it.
 */
export interface SealableEvent {
  readonly eventId: string;
  readonly streamName: string;
  readonly streamPosition: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly globalPosition: GlobalPosition;
}

/**
 * The bytes an event contributes to the chain. A fraction stored before canonical JSON refused
 * fractions would stop sealing for good: such an event falls back to sorted-key JSON.
 */
export function sealedForm(event: SealableEvent): string {
  const form = {
    eventId: event.eventId,
    streamName: event.streamName,
    streamPosition: event.streamPosition.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
  try {
    return canonicalJson(form);
  } catch (error) {
    if (error instanceof CanonicalJsonError) return sortedKeyJson(form);
    throw error;
  }
}

export interface SealedEventHash {
  readonly digest: string;
  readonly chainHash: string;
}

/** The event's own short digest, and the chain hash once it is added. */
export function chainEvent(previousChainHash: string, event: SealableEvent): SealedEventHash {
  const form = sealedForm(event);
  const digest = createHash('sha256').update(form).digest('hex').slice(0, EVENT_DIGEST_LENGTH);
  const chainHash = createHash('sha256').update(previousChainHash).update('\n').update(form).digest('hex');
  return { digest, chainHash };
}

/** Where the chain stands after a seal. */
export interface ChainState {
  readonly sequence: number;
  readonly throughPosition: string | null;
  readonly eventCount: number;
  readonly chainHash: string;
}

export const UNSEALED: ChainState = { sequence: 0, throughPosition: null, eventCount: 0, chainHash: GENESIS_CHAIN_HASH };

export function stateAfter(seal: LogSeal): ChainState {
  return { sequence: seal.sequence, throughPosition: seal.throughPosition, eventCount: seal.eventCount, chainHash: seal.chainHash };
}

/** The seal being gathered: the events read since the last seal, hashed as they come. */
export class PendingSeal {
  private readonly digests: string[] = [];
  private chainHash: string;
  private throughPosition: string | null = null;

  constructor(
    private readonly service: string,
    private readonly after: ChainState,
  ) {
    this.chainHash = after.chainHash;
  }

  add(event: SealableEvent): void {
    const hashed = chainEvent(this.chainHash, event);
    this.chainHash = hashed.chainHash;
    this.digests.push(hashed.digest);
    this.throughPosition = event.globalPosition;
  }

  get size(): number {
    return this.digests.length;
  }

  /** The seal over what was added; null when nothing was. */
  seal(): LogSeal | null {
    if (this.throughPosition === null) return null;
    return {
      service: this.service,
      sequence: this.after.sequence + 1,
      fromPosition: this.after.throughPosition,
      throughPosition: this.throughPosition,
      eventCount: this.after.eventCount + this.digests.length,
      previousChainHash: this.after.chainHash,
      chainHash: this.chainHash,
      eventDigests: [...this.digests],
    };
  }
}

/**
 * A seal of the service's own log, which the chain leaves out. Only the seal stream's seals: an
 * event put anywhere else, even in a stream named like a seal stream, is chained like any other.
 */
export function isSealOf(service: string, event: { readonly streamName: string; readonly type: string }): boolean {
  return event.streamName === sealStreamName(service) && event.type === LOG_SEALED_TYPE;
}
