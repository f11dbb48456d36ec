import fc from 'fast-check';
import { CompactStringSet, TripleIndex } from './compact-sets';

describe('compact sets', () => {
  it('CompactStringSet answers as a Set of strings does, for any strings, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.uuid()), { maxLength: 3_000 }), (strings) => {
        const compact = new CompactStringSet();
        const reference = new Set<string>();
        for (const text of strings) {
          expect(compact.add(text)).toBe(!reference.has(text));
          reference.add(text);
        }
        expect(compact.size).toBe(reference.size);
      }),
      { numRuns: 60 },
    );
  });

  it('TripleIndex numbers each triple once, in the order first seen, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 12 }), fc.nat({ max: 90 })), { maxLength: 5_000 }), (triples) => {
        const index = new TripleIndex();
        const reference = new Map<string, number>();
        for (const [a, b, c] of triples) {
          const key = `${a}/${b}/${c}`;
          if (!reference.has(key)) reference.set(key, reference.size);
          const number = index.numberOf(a, b, c);
          expect(number).toBe(reference.get(key));
          expect([index.part(number, 0), index.part(number, 1), index.part(number, 2)]).toEqual([a, b, c]);
        }
        expect(index.size).toBe(reference.size);
      }),
      { numRuns: 40 },
    );
  });
});
