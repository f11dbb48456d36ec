import { StreamStateCache } from './stream-state-cache';

interface Sheet {
  readonly marks: number;
}

const sheet = (marks: number, revision: number) => ({ revision: BigInt(revision), state: { marks } });

describe('StreamStateCache', () => {
  it('keeps at most maxStreams states, dropping the least recently used', () => {
    const cache = new StreamStateCache<Sheet>({ maxStreams: 2 });
    cache.set('attendance-RUN-1', sheet(1, 0));
    cache.set('attendance-RUN-2', sheet(1, 0));
    cache.get('attendance-RUN-1');
    cache.set('attendance-RUN-3', sheet(1, 0));

    expect(cache.get('attendance-RUN-2')).toBeUndefined();
    expect(cache.get('attendance-RUN-1')?.state).toEqual({ marks: 1 });
    expect(cache.get('attendance-RUN-3')?.state).toEqual({ marks: 1 });
    expect(cache.size).toEqual({ streams: 2, weight: 2 });
  });

  it('keeps weighed states only while their weights fit in maxWeight, however few streams they are', () => {
    const cache = new StreamStateCache<Sheet>({ maxStreams: 500, weigh: (state) => state.marks, maxWeight: 30_000 });
    cache.set('attendance-RUN-1', sheet(12_000, 11_999));
    cache.set('attendance-RUN-2', sheet(12_000, 11_999));
    cache.get('attendance-RUN-1');
    cache.set('attendance-RUN-3', sheet(12_000, 11_999));

    expect(cache.get('attendance-RUN-2')).toBeUndefined();
    expect(cache.get('attendance-RUN-1')?.revision).toBe(11_999n);
    expect(cache.get('attendance-RUN-3')?.revision).toBe(11_999n);
    expect(cache.size).toEqual({ streams: 2, weight: 24_000 });
  });

  it('weighs a state again when it grows, and evicts others to make room', () => {
    const cache = new StreamStateCache<Sheet>({ weigh: (state) => state.marks, maxWeight: 10_000 });
    cache.set('attendance-RUN-1', sheet(4_000, 3_999));
    cache.set('attendance-RUN-2', sheet(4_000, 3_999));
    cache.set('attendance-RUN-2', sheet(7_000, 6_999));

    expect(cache.get('attendance-RUN-1')).toBeUndefined();
    expect(cache.size).toEqual({ streams: 1, weight: 7_000 });
  });

  it('does not keep a state heavier than the whole budget, nor its stale predecessor', () => {
    const cache = new StreamStateCache<Sheet>({ weigh: (state) => state.marks, maxWeight: 10_000 });
    cache.set('attendance-RUN-1', sheet(9_000, 8_999));
    cache.set('attendance-RUN-1', sheet(11_000, 10_999));

    expect(cache.get('attendance-RUN-1')).toBeUndefined();
  });

  it('counts an empty state as weighing one, so that it is still kept', () => {
    const cache = new StreamStateCache<Sheet>({ weigh: (state) => state.marks, maxWeight: 10 });
    cache.set('attendance-RUN-1', sheet(0, 0));

    expect(cache.get('attendance-RUN-1')?.state).toEqual({ marks: 0 });
    expect(cache.size).toEqual({ streams: 1, weight: 1 });
  });

  it('never replaces a state with one folded to an earlier revision', () => {
    const cache = new StreamStateCache<Sheet>();
    cache.set('attendance-RUN-1', sheet(5, 4));
    cache.set('attendance-RUN-1', sheet(3, 2));

    expect(cache.get('attendance-RUN-1')?.revision).toBe(4n);
  });

  it('refuses a weight function without a budget, and a budget without a weight function', () => {
    expect(() => new StreamStateCache<Sheet>({ weigh: (state) => state.marks })).toThrow(RangeError);
    expect(() => new StreamStateCache<Sheet>({ maxWeight: 10 })).toThrow(RangeError);
  });
});
