import fc from 'fast-check';
import { bandStatus } from './evaluation';
import { compareFractions, fourPlaceShare, parseDecimal } from './shares';

describe('shares written with four places (tỷ lệ), rounded half up in integer arithmetic', () => {
  it.each([
    [140, 400, '0.3500'],
    [2, 3, '0.6667'],
    [1, 3, '0.3333'],
    [1, 20_000, '0.0001'],
    [1, 30_000, '0.0000'],
    [3, 80_000, '0.0000'],
    [5, 100_000, '0.0001'],
    [400, 400, '1.0000'],
    [500, 400, '1.2500'],
    [0, 7, '0.0000'],
  ])('writes %i of %i as %s', (part, whole, share) => {
    expect(fourPlaceShare(part, whole)).toBe(share);
  });

  it('has no share of nothing', () => {
    expect(fourPlaceShare(0, 0)).toBeNull();
  });

  it('agrees with exact rounding half up: (2q − 1)·whole ≤ 20000·part < (2q + 1)·whole for q ten-thousandths', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (part, whole) => {
        const q = BigInt((fourPlaceShare(part, whole) as string).replace('.', ''));
        const scaled = 20_000n * BigInt(part);
        expect((2n * q - 1n) * BigInt(whole) <= scaled && scaled < (2n * q + 1n) * BigInt(whole)).toBe(true);
      }),
    );
  });

  it('reads decimal strings as exact fractions', () => {
    expect(compareFractions(parseDecimal('0.30'), parseDecimal('0.3'))).toBe(0);
    expect(compareFractions(parseDecimal('0.2999'), parseDecimal('0.30'))).toBe(-1);
    expect(() => parseDecimal('.3')).toThrow(RangeError);
  });
});

describe('band status (đạt, chưa đạt, vượt mục tiêu)', () => {
  const phase1 = { min: '0.30', max: '0.40' };
  it.each([
    [119, 400, 'below'],
    [120, 400, 'within'],
    [160, 400, 'within'],
    [161, 400, 'above'],
    [0, 0, 'no-roster'],
  ])('judges %i trained of %i on the roster as %s', (trained, roster, status) => {
    expect(bandStatus(trained, roster, phase1)).toBe(status);
  });

  it('is no-phase without a phase', () => {
    expect(bandStatus(1, 2, null)).toBe('no-phase');
  });
});
