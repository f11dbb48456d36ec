/**
 * Numbers as Vietnamese administrative documents print them: 7.030 learner-times, 35,00%. Shares are
 * rewritten digit by digit from their decimal strings, never through floating point, so the printed
 * figure is exactly the sealed one.
 */
export function countText(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "0.3500" → "35,00%"; null (no roster) → "—". */
export function shareText(share: string | null): string {
  return share === null ? '—' : percentText(share, 2);
}

/** "0.30", "0.40" → "30–40%". */
export function bandText(band: { readonly min: string; readonly max: string }): string {
  return `${percentText(band.min, 0).slice(0, -1)}–${percentText(band.max, 0)}`;
}

/** A decimal share as a percentage with at least `places` decimals, and more only when it has them. */
export function percentText(decimal: string, places: number): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`"${decimal}" is not a decimal share`);
  const fraction = (match[2] ?? '').padEnd(2 + places, '0');
  const whole = (BigInt(match[1]) * 100n + BigInt(fraction.slice(0, 2))).toString();
  const decimals = fraction.slice(2).replace(/0+$/, '').padEnd(places, '0');
  return decimals ? `${countText(Number(whole))},${decimals}%` : `${countText(Number(whole))}%`;
}

/** "117.1667" → "117,2" with one place: rounded half up on the digits, never through floating point. */
export function decimalText(decimal: string, places: number): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`"${decimal}" is not a decimal number`);
  const digits = (match[2] ?? '').padEnd(places + 1, '0');
  const scaled = BigInt(match[1] + digits.slice(0, places)) + (Number(digits[places]) >= 5 ? 1n : 0n);
  const text = scaled.toString().padStart(places + 1, '0');
  const whole = countText(Number(text.slice(0, text.length - places)));
  return places === 0 ? whole : `${whole},${text.slice(text.length - places)}`;
}

/** A calendar date as Vietnamese documents print it: "2028-12-31" → "31/12/2028". */
export function calendarDateText(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** The share as a plain number, for drawing and spreadsheets only. */
export function shareNumber(share: string): number {
  return Number(share);
}

/** A table cell as the HTML and PDF print it: shares as percentages, decimals to one place, counts grouped. */
export function printedCell(format: 'share' | 'decimal' | undefined, cell: string | number | null): string {
  if (cell === null) return '—';
  if (format === 'share' && typeof cell === 'string') return shareText(cell);
  if (format === 'decimal' && typeof cell === 'string') return decimalText(cell, 1);
  return typeof cell === 'number' ? countText(cell) : cell;
}
