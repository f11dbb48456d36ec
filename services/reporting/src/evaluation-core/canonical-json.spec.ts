import { canonicalJson, CanonicalJsonError, sha256Hex } from './canonical-json';

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

  it('hashes the UTF-8 bytes of the text with SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('Bộ')).toBe(sha256Hex(Buffer.from('Bộ', 'utf8')));
  });
});
