import { figureLabel } from './figure-label';

describe('figureLabel', () => {
  it('reads a figure path in Vietnamese, keeping identities', () => {
    expect(figureLabel('agencies[BNG].trained.regular', 'vi')).toBe('Cơ quan BNG › Đã được bồi dưỡng › Thường xuyên');
    expect(figureLabel('national.learnerTimesAttended', 'vi')).toBe('Toàn quốc › Lượt học viên tham dự');
  });

  it('reads it in English, and keeps words it does not know', () => {
    expect(figureLabel('byRank[specialist].medianClassSize', 'en')).toBe('By rank specialist › medianClassSize');
  });
});
