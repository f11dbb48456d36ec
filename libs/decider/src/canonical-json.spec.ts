import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError, sortedKeyJson } from './canonical-json';

describe('canonical JSON: one text per report, on every machine', () => {
  it('orders object keys by UTF-16 code units at every depth, whatever order they were built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: 1, B: 2, _: 3, é: 4 })).toBe('{"B":2,"_":3,"a":1,"é":4}');
  });

  it('puts a key outside the basic plane (a surrogate pair, D83D…) before U+FF5A, as code units and not code points order them', () => {
    expect(canonicalJson({ 'ｚ': 1, '😀': 2 })).toBe('{"😀":2,"ｚ":1}');
  });

  it('writes no whitespace, keeps array order and leaves out undefined properties', () => {
    expect(canonicalJson({ list: ['z', 'a'], gone: undefined, yes: true, no: false })).toBe(
      '{"list":["z","a"],"no":false,"yes":true}',
    );
  });

  it('escapes strings as JSON does, Vietnamese kept as UTF-8 text', () => {
    expect(canonicalJson({ name: 'Bộ Ngoại giao "BNG"\n\u0001' })).toBe('{"name":"Bộ Ngoại giao \\"BNG\\"\\n\\u0001"}');
  });

  it('writes integers as they are and -0 as 0', () => {
    expect(canonicalJson([0, -0, 7030, -5, Number.MAX_SAFE_INTEGER])).toBe('[0,0,7030,-5,9007199254740991]');
  });

  it.each([
    ['a fraction', { share: 0.35 }, '$.share'],
    ['NaN', [Number.NaN], '$[0]'],
    ['infinity', { x: Infinity }, '$.x'],
    ['an unsafe integer', { x: 2 ** 60 }, '$.x'],
    ['a bigint', { offset: 5n }, '$.offset'],
    ['a date', { on: new Date(0) }, '$.on'],
    ['a map', new Map(), '$'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['a function', { f: () => 1 }, '$.f'],
  ])('refuses %s, naming where it is', (_, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ path }));
  });

  it('refuses a value that contains itself, but not one that shares a part twice', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow('refers to itself');
    const shared = { n: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"n":1},"b":{"n":1}}');
  });

  it('writes any JSON value of safe integers as its keys sorted, and refuses one with any other number', () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const value = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), member), fc.array(fc.dictionary(fc.string(), member)));
    fc.assert(
      fc.property(value, (candidate) => {
        if (holdsNumberBeyondCanonical(candidate)) {
          expect(() => canonicalJson(candidate)).toThrow(CanonicalJsonError);
        } else {
          expect(canonicalJson(candidate)).toBe(sortedKeyJsonAsFirstWritten(candidate));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('writes a value nested deeper than a hundred levels, and still names a refused part or a cycle deep inside', () => {
    let deep: unknown = { leaf: [1, 'x'] };
    for (let level = 0; level < 150; level += 1) deep = level % 2 === 0 ? { b: deep, a: level } : [deep];
    expect(canonicalJson(deep)).toBe(sortedKeyJsonAsFirstWritten(deep));
    const cyclic: Record<string, unknown> = { n: 1 };
    let holder: Record<string, unknown> = cyclic;
    for (let level = 0; level < 100; level += 1) holder = { inner: holder };
    cyclic.back = holder;
    expect(() => canonicalJson(holder)).toThrow('refers to itself');
    expect(() => canonicalJson({ z: [{ ok: 1 }, { share: 0.5 }] })).toThrow(expect.objectContaining({ path: '$.z[1].share' }));
  });
});

/** A number canonical JSON refuses: a fraction, or an integer beyond the safe range. */
function holdsNumberBeyondCanonical(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(holdsNumberBeyondCanonical);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNumberBeyondCanonical);
  return false;
}

/** The form the idempotency store and the personal-data vault wrote before they shared this one: the same bytes for every JSON value. */
function sortedKeyJsonAsFirstWritten(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => sortedKeyJsonAsFirstWritten(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${sortedKeyJsonAsFirstWritten(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('sorted-key JSON: values compared as they came', () => {
  it('writes what JSON.stringify writes, keys sorted at every depth, fractions and class instances included', () => {
    class Nomination {
      constructor(
        readonly traineeId: string,
        readonly score: number,
      ) {}
    }
    expect(sortedKeyJson({ b: [new Nomination('t1', 7.5)], a: undefined, c: new Date('2027-05-15T01:00:00Z') })).toBe(
      '{"b":[{"score":7.5,"traineeId":"t1"}],"c":"2027-05-15T01:00:00.000Z"}',
    );
  });

  it('gives the bytes stored fingerprints were made of, for every JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => sortedKeyJson(value) === sortedKeyJsonAsFirstWritten(value)), { numRuns: 500 });
  });
});
