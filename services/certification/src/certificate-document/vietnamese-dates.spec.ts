import { englishLongDate, vietnameseLongDate, vietnameseShortDate } from './vietnamese-dates';

describe('certificate dates', () => {
  it('writes the Vietnamese long form as administrative documents do', () => {
    expect(vietnameseLongDate('2027-03-15')).toBe('ngày 15 tháng 3 năm 2027');
    expect(vietnameseLongDate('2027-12-31')).toBe('ngày 31 tháng 12 năm 2027');
  });

  it('pads days below 10 and the months January and February with a zero', () => {
    expect(vietnameseLongDate('2027-02-05')).toBe('ngày 05 tháng 02 năm 2027');
    expect(vietnameseLongDate('2028-01-09')).toBe('ngày 09 tháng 01 năm 2028');
    expect(vietnameseLongDate('2027-11-01')).toBe('ngày 01 tháng 11 năm 2027');
  });

  it('writes the short Vietnamese and the English forms', () => {
    expect(vietnameseShortDate('2027-03-01')).toBe('01/03/2027');
    expect(englishLongDate('2027-03-01')).toBe('1 March 2027');
    expect(englishLongDate('2028-02-29')).toBe('29 February 2028');
  });

  it('refuses dates that do not exist', () => {
    expect(() => vietnameseLongDate('2027-02-29')).toThrow(/No such date/);
    expect(() => englishLongDate('15/03/2027')).toThrow(/YYYY-MM-DD/);
  });
});
