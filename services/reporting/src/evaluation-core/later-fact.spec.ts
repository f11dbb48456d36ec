import { isLaterFact } from './later-fact';

describe('isLaterFact', () => {
  it('puts the later date first, whatever the ids', () => {
    expect(isLaterFact('2029-05-02', 'a', '2029-05-01', 'z')).toBe(true);
    expect(isLaterFact('2029-05-01', 'z', '2029-05-02', 'a')).toBe(false);
  });

  it('breaks a tie of dates by the id, in UTF-16 code unit order, and never calls a fact later than itself', () => {
    expect(isLaterFact('2029-05-01', 'b', '2029-05-01', 'a')).toBe(true);
    expect(isLaterFact('2029-05-01', 'Z', '2029-05-01', 'a')).toBe(false);
    expect(isLaterFact('2029-05-01', 'a', '2029-05-01', 'a')).toBe(false);
  });
});
