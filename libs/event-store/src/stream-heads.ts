import type { GlobalPosition } from './global-position';
import type { EventStore, ReadStreamHeadsOptions, StreamHead, StreamHeads } from './port';

// An archived batch entry holds up to 60,000 characters: a page of 500 stays near 30 MB at worst.
const PAGE = 500;

/** Orders heads by stream name in UTF-16 code units and names the latest as the point read through. */
export function streamHeadsOf(heads: Iterable<StreamHead>): StreamHeads {
  const ordered = [...heads].sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
  let through: GlobalPosition | null = null;
  for (const head of ordered) if (through === null || head.lastGlobalPosition > through) through = head.lastGlobalPosition;
  return { heads: ordered, through };
}

/**
 * Stream heads found by reading the category through `readAll`: for a log that cannot look up the
 * last event of each stream at a point of the log by itself.
 */
export async function streamHeadsByReadingAll(store: Pick<EventStore, 'readAll'>, category: string, options: ReadStreamHeadsOptions = {}): Promise<StreamHeads> {
  const heads = new Map<string, StreamHead>();
  let after: GlobalPosition | null = null;
  for (;;) {
    const page = await store.readAll(after === null ? 'start' : { after }, { limit: PAGE, filter: { streamCategories: [category] } });
    for (const event of page) {
      if (options.through !== undefined && event.globalPosition > options.through) return streamHeadsOf(heads.values());
      heads.set(event.streamName, { streamName: event.streamName, lastRevision: event.streamPosition, lastGlobalPosition: event.globalPosition });
    }
    if (page.length < PAGE) return streamHeadsOf(heads.values());
    after = page.at(-1)!.globalPosition;
  }
}
