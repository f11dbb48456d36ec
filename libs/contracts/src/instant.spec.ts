import fc from 'fast-check';
import { isoDateTime } from './common';
import { canonicalInstant, isCalendarDate, readInstant } from './instant';

describe('the canonical instant', () => {
  it.each([
    ['2027-05-15T08:05+07:00', '2027-05-15T08:05:00+07:00'],
    ['2027-05-15T08:05:00+07:00', '2027-05-15T08:05:00+07:00'],
    ['2027-05-15 08:05:07+0700', '2027-05-15T08:05:07+07:00'],
    ['2027-05-15t01:05z', '2027-05-15T01:05:00Z'],
    ['2027-05-15T01:05:00.000Z', '2027-05-15T01:05:00Z'],
    ['2027-05-15T01:05:00.1234567-03:30', '2027-05-15T01:05:00.123-03:30'],
    ['2028-02-29T23:59:59,5+07:00', '2028-02-29T23:59:59.500+07:00'],
  ])('reads %s as %s', (sent, canonical) => {
    expect(canonicalInstant(sent)).toBe(canonical);
  });

  it.each([
    ['2027-02-31T08:00:00+07:00', '2027-02-31 is not a day of the calendar'],
    ['2027-02-29T08:00+07:00', '2027-02-29 is not a day of the calendar'],
    ['2027-05-15T24:00:00Z', '24:00:00 is not a time of day'],
    ['2027-05-15T08:60Z', '08:60:00 is not a time of day'],
    ['2027-05-15T08:05:00+15:00', '+15:00 is not a UTC offset'],
    ['2027-05-15T08:05:00', 'must be a date and time'],
    ['15/05/2027 08:05', 'must be a date and time'],
    ['', 'must be a date and time'],
  ])('refuses %s: %s', (sent, reason) => {
    const reading = readInstant(sent);
    expect(reading.kind).toBe('refused');
    expect(reading.kind === 'refused' && reading.reason).toContain(reason);
  });

  it('writes a form the published contract accepts, naming the same instant, for every instant it reads', () => {
    const instant = fc.record({
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
      offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
      seconds: fc.boolean(),
      fraction: fc.constantFrom('', '.5', '.123', '.000', '.123456789'),
      separator: fc.constantFrom('T', ' '),
      colon: fc.boolean(),
    });
    fc.assert(
      fc.property(instant, ({ date, offsetMinutes, seconds, fraction, separator, colon }) => {
        const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString();
        const sign = offsetMinutes < 0 ? '-' : '+';
        const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
        const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
        const clock = seconds ? `${local.slice(11, 19)}${fraction}` : local.slice(11, 16);
        const sent = `${local.slice(0, 10)}${separator}${clock}${sign}${hours}${colon ? ':' : ''}${minutes}`;
        const reading = readInstant(sent);
        if (reading.kind !== 'instant') throw new Error(`${sent} refused: ${reading.reason}`);
        expect(isoDateTime.safeParse(reading.canonical).success).toBe(true);
        expect(canonicalInstant(reading.canonical)).toBe(reading.canonical);
        const time = date.getTime();
        const fractionMs = Math.floor(Number(`0${fraction || '.0'}`.slice(0, 5)) * 1000);
        const expected = seconds ? Math.floor(time / 1000) * 1000 + fractionMs : Math.floor(time / 60_000) * 60_000;
        expect(reading.epochMs).toBe(expected);
      }),
    );
  });

  it('knows the calendar', () => {
    expect(['2028-02-29', '2027-12-31', '2000-02-29'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-1-1'].map(isCalendarDate)).toEqual([
      false, false, false, false, false, false,
    ]);
  });
});
