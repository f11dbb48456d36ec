import { searchFilter, searchKey } from './search';

describe('search by name or title', () => {
  it('folds Vietnamese diacritics, đ and case, in composed and decomposed forms', () => {
    expect(searchKey('Nguyễn Thị Hồng Nhung')).toBe('nguyen thi hong nhung');
    expect(searchKey('Đặng  Văn Đức'.normalize('NFD'))).toBe('dang van duc');
    expect(searchKey('Kỹ năng đàm phán quốc tế')).toBe('ky nang dam phan quoc te');
  });

  it('matches every word at the start of a word of the stored key', () => {
    const filter = searchFilter('nameKey', 'nguyen HỒNG')!;
    const matches = (stored: string) => filter.$and.every((condition) => condition.nameKey!.test(searchKey(stored)));
    expect(matches('Nguyễn Thị Hồng Nhung')).toBe(true);
    expect(matches('Hồng Nguyễn')).toBe(true);
    expect(matches('Nguyễn Thị Phương')).toBe(false);
    expect(matches('Vũ Nguyên Thông')).toBe(false);
  });

  it('treats the search as text, not as a pattern, and an empty search as none', () => {
    expect(searchFilter('k', '.*')!.$and[0]!.k!.test('anything')).toBe(false);
    expect(searchFilter('k', '   ')).toBeUndefined();
    expect(searchFilter('k', undefined)).toBeUndefined();
  });
});
