/**
 * Tells subscriptions in other processes that appends committed, with at most one NOTIFY per
 * interval instead of one in every append's commit: PostgreSQL serialises the commits of all
 * transactions that notify, so a NOTIFY per append made concurrent writers take turns.
 *
 * The promise kept: every append reported by `appended()` is followed by a notification that
 * starts after it, at most `intervalMs` after the previous one. The first append after a quiet
 * spell is announced at once; the appends of a burst share one notification at the interval's end.
 * A notification that fails is dropped: subscriptions also poll, so it only costs latency.
 */
export class AppendNotifier {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending = false;
  private sending: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly types = new Set<string>();

  constructor(
    /** Sends the NOTIFY with the types appended since the last one, comma-separated, or '' when too many to name. */
    private readonly send: (payload: string) => Promise<unknown>,
    private readonly intervalMs: number,
  ) {
    if (!Number.isFinite(intervalMs) || intervalMs < 0) throw new RangeError(`Invalid notification interval: ${intervalMs}`);
  }

  /** Call once an append committed, with the types it wrote. */
  appended(types: readonly string[]): void {
    if (this.closed) return;
    for (const type of types) this.types.add(type);
    this.pending = true;
    this.sendWhenDue();
  }

  /** Sends what is still owed at once, then sends nothing more. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sending;
    if (this.pending) await this.sendNow();
  }

  private sendWhenDue(): void {
    if (!this.pending || this.sending || this.timer || this.closed) return;
    const wait = this.lastSentAt + this.intervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.sendWhenDue();
      }, wait);
      this.timer.unref();
      return;
    }
    this.sending = this.sendNow().then(() => {
      this.sending = null;
      this.sendWhenDue();
    });
  }

  private async sendNow(): Promise<void> {
    this.pending = false;
    this.lastSentAt = performance.now();
    const payload = [...this.types].join(',');
    this.types.clear();
    // PostgreSQL takes payloads below 8,000 bytes; an empty one wakes every subscription.
    await this.send(payload.length < MAX_PAYLOAD_LENGTH ? payload : '').catch(() => undefined);
  }
}

const MAX_PAYLOAD_LENGTH = 7_000;
