import { vietnameseDate } from '@training-ledger/platform';
import fc from 'fast-check';
import { dayInVietNam, stableJson } from './inbox-reader';

/** stableJson as input digests were first written with it: the bytes it gives must never change. */
function firstStableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => firstStableJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${firstStableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('inbox reader', () => {
  it('dates an instant in Viet Nam as vietnameseDate does, whatever the instant', () => {
    const instants = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true }).map((date) => date.toISOString());
    fc.assert(fc.property(instants, (instant) => expect(dayInVietNam(instant)).toBe(vietnameseDate(instant))), { numRuns: 2_000 });
    for (const instant of ['2027-03-15T16:59:59.999Z', '2027-03-15T17:00:00.000Z', '2027-12-31T17:00:00.000Z', '2028-02-28T20:00:00.000Z', '2027-03-15T10:00:00+07:00']) {
      expect(dayInVietNam(instant)).toBe(vietnameseDate(instant));
    }
  });

  it('writes stable JSON with keys in code-unit order at every depth, leaving out undefined properties', () => {
    expect(stableJson({ b: 1, a: [{ d: undefined, c: 'x' }, undefined, null], é: true, Z: 1.5 })).toBe('{"Z":1.5,"a":[{"c":"x"},null,null],"b":1,"é":true}');
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined }))), (value) => {
        expect(stableJson(value)).toBe(firstStableJson(value));
      }),
      { numRuns: 500 },
    );
  });
});
