import {
  compareGlobalPositions,
  globalPosition,
  globalPositionParts,
  isGlobalPosition,
  parseGlobalPosition,
} from './global-position';

describe('global positions', () => {
  it('sort as text exactly as the pairs they encode', () => {
    const pairs: [bigint, bigint][] = [
      [0n, 0n],
      [0n, 9n],
      [0n, 10n],
      [1n, 0n],
      [9n, 2n ** 40n],
      [10n, 1n],
      [255n, 0n],
      [256n, 0n],
      [2n ** 64n - 1n, 2n ** 64n - 1n],
    ];
    const positions = pairs.map(([major, minor]) => globalPosition(major, minor));
    const shuffled = [...positions].reverse();
    expect(shuffled.sort()).toEqual(positions);
    expect([...positions].reverse().sort(compareGlobalPositions)).toEqual(positions);
    expect(positions.map((position) => globalPositionParts(position))).toEqual(
      pairs.map(([major, minor]) => ({ major, minor })),
    );
  });

  it('are fixed-width text that survives JSON', () => {
    const position = globalPosition(0x2e1n, 3n);
    expect(position).toBe('00000000000002e1:0000000000000003');
    expect(parseGlobalPosition(JSON.parse(JSON.stringify({ position })).position)).toBe(position);
  });

  it('refuse parts outside 64 unsigned bits and malformed text', () => {
    expect(() => globalPosition(-1n, 0n)).toThrow(RangeError);
    expect(() => globalPosition(0n, 2n ** 64n)).toThrow(RangeError);
    for (const text of ['', '12', '00000000000002E1:0000000000000003', '2e1:3', '00000000000002e1-0000000000000003']) {
      expect(isGlobalPosition(text)).toBe(false);
      expect(() => parseGlobalPosition(text)).toThrow(TypeError);
    }
  });
});
