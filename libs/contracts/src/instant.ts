import { z } from 'zod';

/**
 * The one written form of a date-time in every contract: seconds always written, a fraction only
 * to the millisecond and only when not zero, and the offset the sender stated (`Z` for UTC, else
 * `±HH:MM`). The local offset is kept because the day a Vietnamese session was held is the day
 * at +07:00, not in UTC.
 */
export const CANONICAL_INSTANT_EXAMPLE = '2027-05-15T08:05:00+07:00';

const INSTANT_FORM =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

export type InstantReading =
  | { readonly kind: 'instant'; readonly canonical: string; readonly epochMs: number }
  | { readonly kind: 'refused'; readonly reason: string };

const INSTANT_REASON = `must be a date and time with seconds optional and an offset, e.g. ${CANONICAL_INSTANT_EXAMPLE} or 2027-05-15T01:05Z`;

/**
 * Reads the RFC 3339 / ISO 8601 forms integrations really send — with or without seconds, with a
 * fraction, `Z` or an offset with or without its colon, `T` or a space — and refuses a time without
 * an offset (its instant is unknowable) and any impossible date or time.
 */
export function readInstant(text: string): InstantReading {
  const written = canonicalForm(text);
  return written.kind === 'refused' ? written : { kind: 'instant', canonical: written.canonical, epochMs: Date.parse(written.canonical) };
}

/** The instant's canonical text, without reading the time it names: what checking a contract needs. */
function canonicalForm(text: string): { readonly kind: 'canonical'; readonly canonical: string } | Extract<InstantReading, { kind: 'refused' }> {
  const parts = INSTANT_FORM.exec(text);
  if (!parts) return { kind: 'refused', reason: INSTANT_REASON };
  const [, year, month, day, hour, minute, second = '00', fraction, zulu, sign, offsetHours, offsetMinutes] = parts;
  if (!isCalendarDay(Number(year), Number(month), Number(day))) {
    return { kind: 'refused', reason: `${year}-${month}-${day} is not a day of the calendar` };
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return { kind: 'refused', reason: `${hour}:${minute}:${second} is not a time of day` };
  }
  if (!zulu && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59)) {
    return { kind: 'refused', reason: `${sign}${offsetHours}:${offsetMinutes} is not a UTC offset` };
  }
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const offset = zulu ? 'Z' : `${sign}${offsetHours}:${offsetMinutes}`;
  const canonical = `${year}-${month}-${day}T${hour}:${minute}:${second}${millis === '000' ? '' : `.${millis}`}${offset}`;
  return { kind: 'canonical', canonical };
}

/** The canonical form, or `null` when the text is no instant. */
export function canonicalInstant(text: string): string | null {
  const written = canonicalForm(text);
  return written.kind === 'canonical' ? written.canonical : null;
}

export function isCalendarDate(text: string): boolean {
  const parts = DATE_FORM.exec(text);
  return parts !== null && isCalendarDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0);
}

export const CALENDAR_DATE_REASON = 'must be a calendar date YYYY-MM-DD that exists, e.g. 2027-03-15';

/** A date of the calendar, written YYYY-MM-DD; 2027-02-31 is refused. */
export const calendarDateSchema = z.string().refine(isCalendarDate, CALENDAR_DATE_REASON);

/** An instant in its canonical form only: what the boundary stores and the contracts carry. */
export const canonicalInstantSchema = z
  .string()
  .refine((text) => canonicalInstant(text) === text, `must be an instant in the canonical form, e.g. ${CANONICAL_INSTANT_EXAMPLE}`);
