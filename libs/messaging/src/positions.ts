import type { StreamRevision } from '@training-ledger/event-store';

/**
 * Stream revisions travel as decimal strings: Kafka payloads are JSON, and a JSON number loses
 * precision above 2^53. Global positions are already text and travel as they are.
 */
export function formatStreamRevision(revision: StreamRevision): string {
  return revision.toString();
}

export function parseStreamRevision(text: string): StreamRevision {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) {
    throw new RangeError(`streamPosition must be a non-negative decimal string, got ${JSON.stringify(text)}`);
  }
  return BigInt(text);
}
