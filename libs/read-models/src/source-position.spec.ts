import {
  decodeFieldSegment,
  decodePosition,
  encodeFieldSegment,
  encodePosition,
  parseDecimalPosition,
  parseSourceStreamKey,
  POSITION_WIDTH,
  sourceStreamKey,
} from './source-position';

describe('encodePosition', () => {
  it('pads to a fixed width so that string order is numeric order', () => {
    const positions = [0n, 1n, 9n, 10n, 99n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n];
    const encoded = positions.map(encodePosition);
    expect(encoded.every((text) => text.length === POSITION_WIDTH)).toBe(true);
    expect([...encoded].reverse().sort()).toEqual(encoded);
    expect(encoded.map(decodePosition)).toEqual(positions);
  });

  it('rejects positions outside the unsigned 64-bit range', () => {
    expect(() => encodePosition(-1n)).toThrow(RangeError);
    expect(() => encodePosition(2n ** 64n)).toThrow(RangeError);
  });
});

describe('parseDecimalPosition', () => {
  it('reads decimal strings, safe integers and bigints', () => {
    expect(parseDecimalPosition('18446744073709551615', 'x')).toBe(2n ** 64n - 1n);
    expect(parseDecimalPosition(42, 'x')).toBe(42n);
    expect(parseDecimalPosition(7n, 'x')).toBe(7n);
  });

  it('refuses anything else', () => {
    expect(() => parseDecimalPosition('-1', 'offset')).toThrow(/offset/);
    expect(() => parseDecimalPosition('1e3', 'offset')).toThrow(RangeError);
    expect(() => parseDecimalPosition(1.5, 'offset')).toThrow(RangeError);
  });
});

describe('source stream keys', () => {
  it('never contains a dot or starts with a dollar sign', () => {
    const key = sourceStreamKey('enrolment', '$nomination.2026-07/01 ở Hà Nội');
    expect(key).not.toContain('.');
    expect(key.startsWith('$')).toBe(false);
    expect(key).toMatch(/^[A-Za-z0-9_%/-]+$/);
  });

  it('round-trips both parts, even when they contain the separator', () => {
    const cases = [
      { service: 'enrolment', streamName: 'nomination-7f1c' },
      { service: 'a/b', streamName: 'c/d' },
      { service: 'x%2Fy', streamName: '100%' },
      { service: 'certification', streamName: 'Chứng nhận.$1' },
    ];
    for (const parts of cases) {
      expect(parseSourceStreamKey(sourceStreamKey(parts.service, parts.streamName))).toEqual(parts);
    }
  });

  it('keeps distinct (service, stream) pairs distinct', () => {
    expect(sourceStreamKey('a/b', 'c')).not.toBe(sourceStreamKey('a', 'b/c'));
    expect(sourceStreamKey('a.b', 'c')).not.toBe(sourceStreamKey('a_b', 'c'));
    expect(encodeFieldSegment('%2E')).not.toBe(encodeFieldSegment('.'));
  });

  it('leaves plain names readable', () => {
    expect(sourceStreamKey('course-delivery', 'run_2026-01')).toBe('course-delivery/run_2026-01');
    expect(decodeFieldSegment(encodeFieldSegment('.'))).toBe('.');
    expect(encodeFieldSegment('.')).toBe('%2E');
  });

  it('refuses empty parts', () => {
    expect(() => sourceStreamKey('', 'x')).toThrow(RangeError);
  });
});
