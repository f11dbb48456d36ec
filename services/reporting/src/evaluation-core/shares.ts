/** An exact fraction with a positive denominator. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * `part / whole` written with four decimal places, rounding half up, in integer arithmetic only,
 * so that every machine writes the same figure. Null when there is no whole to share.
 */
export function fourPlaceShare(part: number, whole: number): string | null {
  requireCount(part, 'part');
  requireCount(whole, 'whole');
  if (whole === 0) return null;
  const scale = 10_000n;
  const numerator = BigInt(part) * scale * 2n + BigInt(whole);
  const tenThousandths = numerator / (BigInt(whole) * 2n);
  const fraction = (tenThousandths % scale).toString().padStart(4, '0');
  return `${tenThousandths / scale}.${fraction}`;
}

const decimalPattern = /^(0|[1-9]\d*)(\.\d+)?$/;

export function isDecimal(text: string): boolean {
  return decimalPattern.test(text);
}

/** A non-negative decimal string such as "0.30" as an exact fraction. */
export function parseDecimal(text: string): Fraction {
  const match = decimalPattern.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal number such as 0.30`);
  const places = match[2] ? match[2].length - 1 : 0;
  return { numerator: BigInt(match[1] + (match[2]?.slice(1) ?? '')), denominator: 10n ** BigInt(places) };
}

export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function requireCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a count`);
}
