import { dayText, instantText, vietnameseToday } from './dates';

describe('console dates', () => {
  it('writes calendar dates as dd/mm/yyyy', () => {
    expect(dayText('2027-09-20')).toBe('20/09/2027');
    expect(dayText(null)).toBe('—');
    expect(dayText('not a date')).toBe('not a date');
  });

  it('writes instants in Viet Nam time, across midnight UTC', () => {
    expect(instantText('2028-12-31T18:30:00.000Z')).toBe('01/01/2029 01:30');
  });

  it("takes today's date in Viet Nam", () => {
    expect(vietnameseToday(new Date('2026-12-05T17:00:00Z'))).toBe('2026-12-06');
    expect(vietnameseToday(new Date('2026-12-05T16:59:59Z'))).toBe('2026-12-05');
  });
});
