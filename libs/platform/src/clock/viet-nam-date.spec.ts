import { vietnameseDate } from './viet-nam-date';

describe('vietnameseDate', () => {
  it('is the date in Viet Nam, seven hours ahead of UTC, from an instant or its ISO text', () => {
    expect(vietnameseDate(new Date('2028-12-31T16:59:59.999Z'))).toBe('2028-12-31');
    expect(vietnameseDate('2028-12-31T17:00:00.000Z')).toBe('2029-01-01');
    expect(vietnameseDate('2029-01-01T06:30:00+07:00')).toBe('2029-01-01');
  });
});
