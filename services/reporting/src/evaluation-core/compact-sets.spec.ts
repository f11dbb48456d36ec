import fc from 'fast-check';
import { CompactStringSet, Interned, TripleIndex } from './compact-sets';

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

  it('CompactStringSet keeps UUIDs apart from their upper-case forms and from texts one character off', () => {
    const nearUuid = fc
      .tuple(fc.uuid(), fc.nat({ max: 35 }), fc.constantFrom('-', 'g', 'A', '0', 'f', 'ÿ', '\u00ff', '\uffff'))
      .map(([uuid, at, character]) => uuid.slice(0, at) + character + uuid.slice(at + 1));
    const texts = fc.oneof(fc.uuid(), fc.uuid().map((uuid) => uuid.toUpperCase()), nearUuid, fc.string({ minLength: 36, maxLength: 36 }), fc.string({ minLength: 17, maxLength: 17 }));
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 2_000 }), (strings) => {
        const compact = new CompactStringSet();
        const reference = new Set<string>();
        for (const text of [...strings, ...strings]) {
          expect(compact.add(text)).toBe(!reference.has(text));
          reference.add(text);
        }
        expect(compact.size).toBe(reference.size);
      }),
      { numRuns: 60 },
    );
    const compact = new CompactStringSet();
    const id = '0b7c7a39-5d7e-4c55-8f0e-9b8f1f7c1a11';
    expect([compact.add(id), compact.add(id.toUpperCase()), compact.add(id), compact.add(id.replace('-', '0'))]).toEqual([true, true, false, true]);
  });

  it('CompactStringSet finds every one of 300,000 strings again after many tables of growth', () => {
    const compact = new CompactStringSet();
    const texts = Array.from({ length: 300_000 }, (_, index) => (index % 3 === 0 ? `e${index.toString(36)}` : `${index.toString(16).padStart(8, '0')}-5d7e-4c55-8f0e-9b8f1f7c1a11`));
    const firstAdds = texts.map((text) => compact.add(text));
    const secondAdds = texts.map((text) => compact.add(text));
    expect([firstAdds.every(Boolean), secondAdds.some(Boolean), compact.size]).toEqual([true, false, 300_000]);
  });

  it('Interned numbers each string once, in the order first seen, asked in runs or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('RUN-1', 'RUN-2', 'S1', 'S10', ''), fc.nat({ max: 3 })), { maxLength: 300 }), (asked) => {
        const interned = new Interned();
        const reference = new Map<string, number>();
        const numbers: number[] = [];
        const expected: number[] = [];
        for (const [text, repeats] of asked) {
          for (let time = 0; time <= repeats; time += 1) {
            // A copy equal in content, as each parsed message brings its own.
            const copy = [...text].join('');
            if (!reference.has(copy)) reference.set(copy, reference.size);
            numbers.push(interned.numberOf(copy));
            expected.push(reference.get(copy) as number);
          }
        }
        expect(numbers).toEqual(expected);
        expect(interned.values).toEqual([...reference.keys()]);
      }),
      { numRuns: 200 },
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
