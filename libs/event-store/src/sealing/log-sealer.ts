import { parseGlobalPosition, type GlobalPosition } from '../global-position';
import type { EventStore, ReadAllFrom, ReadAllOptions, RecordedEvent } from '../port';
import { isSealOf, LOG_SEALED_TYPE, PendingSeal, sealStreamName, stateAfter, UNSEALED, type ChainState, type LogSeal } from './seal-chain';

/** A log that can be sealed: read as stored, and appended to. */
export interface SealableLog extends Pick<EventStore, 'appendToStream' | 'readStream'> {
  readAllAsStored(from: ReadAllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]>;
}

export interface LogSealerOptions {
  readonly service: string;
  readonly log: SealableLog;
  /** Seal as soon as this many events are unsealed; 500 when omitted. */
  readonly everyEvents?: number;
  /** Seal what is unsealed once its oldest event has waited this long; a minute when omitted. */
  readonly everyMs?: number;
  /** How often the log is looked at; the smaller of `everyMs` and 5 s when omitted. */
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

const PAGE = 1_000;

/**
 * Seals a service's log at a bounded interval: every `everyEvents` events or `everyMs`, whichever
 * comes first. Each seal is appended to the log's seal stream at the revision that follows the last
 * seal, so that two replicas sealing at once cannot fork the chain: the loser reloads and goes on.
 */
export class LogSealer {
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  private state: ChainState | null = null;
  private pending: PendingSeal | null = null;
  private pendingSince: number | null = null;
  private readPosition: GlobalPosition | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LogSealerOptions) {
    this.everyEvents = options.everyEvents ?? 500;
    this.everyMs = options.everyMs ?? 60_000;
    if (!Number.isInteger(this.everyEvents) || this.everyEvents < 1) throw new RangeError('everyEvents must be a positive integer');
    if (!(this.everyMs > 0)) throw new RangeError('everyMs must be positive');
    this.pollMs = options.pollMs ?? Math.min(this.everyMs, 5_000);
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running.catch(() => undefined);
  }

  /**
   * Reads the log past the last seal and seals it, `everyEvents` at a time; the remainder too when
   * `force` is set or its oldest event has waited `everyMs`. Returns the seals appended.
   */
  sealNow(force = true): Promise<LogSeal[]> {
    const work = this.running.catch(() => undefined).then(() => this.tick(force));
    this.running = work;
    return work;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sealNow(false)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  private async tick(force: boolean): Promise<LogSeal[]> {
    try {
      return await this.sealUnsealed(force);
    } catch (error) {
      // Another replica sealed first, or the log failed: start again from the last seal recorded.
      this.state = null;
      throw error;
    }
  }

  private async sealUnsealed(force: boolean): Promise<LogSeal[]> {
    if (this.state === null) await this.load();
    const sealed: LogSeal[] = [];
    for (;;) {
      const from: ReadAllFrom = this.readPosition === null ? 'start' : { after: this.readPosition };
      const page = await this.options.log.readAllAsStored(from, { limit: PAGE });
      for (const event of page) {
        this.readPosition = event.globalPosition;
        if (isSealOf(this.options.service, event)) continue;
        if (this.pendingSince === null) this.pendingSince = this.now().getTime();
        this.pending!.add(event);
        if (this.pending!.size >= this.everyEvents) sealed.push(await this.append());
      }
      if (page.length < PAGE) break;
    }
    const waited = this.pendingSince !== null && this.now().getTime() - this.pendingSince >= this.everyMs;
    if (this.pending!.size > 0 && (force || waited)) sealed.push(await this.append());
    return sealed;
  }

  private async load(): Promise<void> {
    this.state = stateAfterLastSeal(await readSeals(this.options.log, this.options.service));
    this.pending = new PendingSeal(this.options.service, this.state);
    this.pendingSince = null;
    this.readPosition = this.state.throughPosition === null ? null : parseGlobalPosition(this.state.throughPosition);
  }

  private async append(): Promise<LogSeal> {
    const seal = this.pending!.seal()!;
    await this.options.log.appendToStream(
      sealStreamName(this.options.service),
      [
        {
          type: LOG_SEALED_TYPE,
          data: seal,
          metadata: { correlationId: `seal-${this.options.service}-${seal.sequence}`, actor: { id: this.options.service, roles: [] }, occurredAt: this.now().toISOString() },
        },
      ],
      { expectedVersion: seal.sequence === 1 ? 'no_stream' : BigInt(seal.sequence - 2) },
    );
    this.state = stateAfter(seal);
    this.pending = new PendingSeal(this.options.service, this.state);
    this.pendingSince = null;
    return seal;
  }
}

/** Every seal the service's log holds, in order. */
export async function readSeals(log: Pick<EventStore, 'readStream'>, service: string): Promise<LogSeal[]> {
  const seals: LogSeal[] = [];
  for (let from = 0n; ; from += BigInt(PAGE)) {
    const page = await log.readStream(sealStreamName(service), { fromRevision: from, maxCount: PAGE });
    for (const event of page) if (event.type === LOG_SEALED_TYPE) seals.push(event.data as LogSeal);
    if (page.length < PAGE) return seals;
  }
}

function stateAfterLastSeal(seals: readonly LogSeal[]): ChainState {
  const last = seals.at(-1);
  return last ? stateAfter(last) : UNSEALED;
}
