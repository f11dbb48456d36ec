import { randomBytes } from 'node:crypto';
import type { EventMetadataInput, EventSubscription, EventToAppend, RecordedEvent } from '../port';

/** A category no other test run uses: letters and digits only, since `-` ends a category. */
export function uniqueCategory(label: string): string {
  return `${label}${randomBytes(6).toString('hex')}`;
}

export function contractMetadata(overrides: Partial<EventMetadataInput> = {}): EventMetadataInput {
  return {
    correlationId: `correlation-${randomBytes(4).toString('hex')}`,
    actor: { id: 'contract-suite', roles: ['tester'] },
    occurredAt: '2026-06-01T08:00:00.000Z',
    ...overrides,
  };
}

export function sampleEvents(count: number, type = 'ContractSampleRecorded', metadata = contractMetadata()): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({ type, data: { index }, metadata }));
}

/**
 * Reads a subscription step by step from one iterator, so a test can take some events, append
 * more, and take again. A deadline closes the subscription so that a missing event fails the test
 * instead of hanging it.
 */
export class SubscriptionProbe {
  private readonly iterator: AsyncIterator<RecordedEvent>;

  constructor(readonly subscription: EventSubscription) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  async take(count: number, timeoutMs = 30_000): Promise<RecordedEvent[]> {
    const received: RecordedEvent[] = [];
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      void this.subscription.close();
    }, timeoutMs);
    try {
      while (received.length < count) {
        const next = await this.iterator.next();
        if (next.done) {
          const reason = timedOut ? `nothing more came within ${timeoutMs} ms` : 'the subscription ended';
          throw new Error(`Received ${received.length} of ${count} events: ${reason}`);
        }
        received.push(next.value);
      }
      return received;
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Waits `quietMs` for one more event, then closes the subscription; resolves to that event if any came. */
  async closeAfterQuietPeriod(quietMs: number): Promise<RecordedEvent | null> {
    const next = this.iterator.next();
    const timer = setTimeout(() => void this.subscription.close(), quietMs);
    const result = await next;
    clearTimeout(timer);
    await this.subscription.close();
    return result.done ? null : result.value;
  }
}

export function isStrictlyIncreasing(values: readonly string[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1]! < value);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
