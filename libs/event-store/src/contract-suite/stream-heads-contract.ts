import type { EventStore, RecordedEvent, StreamHead } from '../port';
import { sampleEvents, uniqueCategory } from './fixtures';

/** The heads `readAll` of the category ends on, read event by event: what `readStreamHeads` must give without reading them. */
async function headsByReading(store: EventStore, category: string): Promise<StreamHead[]> {
  const read: RecordedEvent[] = await store.readAll('start', { filter: { streamCategories: [category] }, limit: 10_000 });
  const heads = new Map<string, StreamHead>();
  for (const event of read) heads.set(event.streamName, { streamName: event.streamName, lastRevision: event.streamPosition, lastGlobalPosition: event.globalPosition });
  return [...heads.values()].sort((a, b) => (a.streamName < b.streamName ? -1 : 1));
}

/** Cases of `readStreamHeads`, run inside the event store contract. */
export function describeStreamHeadsContract(storeOf: () => EventStore): void {
  describe('stream heads', () => {
    it('gives no heads for a category without events', async () => {
      expect(await storeOf().readStreamHeads(uniqueCategory('contractheadsnone'))).toEqual({ heads: [], through: null });
    });

    it("gives each stream's last revision and place, as reading the category ends on, and no other category's", async () => {
      const store = storeOf();
      const category = uniqueCategory('contractheads');
      await store.appendToStream(`${category}-b`, sampleEvents(3), { expectedVersion: 'no_stream' });
      await store.appendToStream(`${category}-a`, sampleEvents(2), { expectedVersion: 'no_stream' });
      const last = await store.appendToStream(`${category}-b`, sampleEvents(1), { expectedVersion: 2n });
      await store.appendToStream(`${uniqueCategory('contractheadsother')}-a`, sampleEvents(1), { expectedVersion: 'no_stream' });

      const read = await store.readStreamHeads(category);

      expect(read.heads).toEqual(await headsByReading(store, category));
      expect(read.heads.map((head) => [head.streamName, head.lastRevision])).toEqual([
        [`${category}-a`, 1n],
        [`${category}-b`, 3n],
      ]);
      expect(read.through).toBe(last.lastGlobalPosition);
    });

    it('gives the heads as they were at an earlier point of the log, leaving out what came later', async () => {
      const store = storeOf();
      const category = uniqueCategory('contractheadsthen');
      await store.appendToStream(`${category}-a`, sampleEvents(2), { expectedVersion: 'no_stream' });
      const then = await store.readStreamHeads(category);
      await store.appendToStream(`${category}-a`, sampleEvents(2), { expectedVersion: 1n });
      await store.appendToStream(`${category}-b`, sampleEvents(1), { expectedVersion: 'no_stream' });

      expect(await store.readStreamHeads(category, { through: then.through! })).toEqual(then);
      expect((await store.readStreamHeads(category)).heads.map((head) => [head.streamName, head.lastRevision])).toEqual([
        [`${category}-a`, 3n],
        [`${category}-b`, 0n],
      ]);
    });
  });
}
