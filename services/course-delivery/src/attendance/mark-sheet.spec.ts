import { MarkSheet } from './mark-sheet';

describe('a mark sheet', () => {
  it('keeps what an earlier sheet sees when a later one adds to it', () => {
    const empty = MarkSheet.empty<string>();
    const one = empty.withMark('R1', 'first', 'S1/T1', 'present');
    const two = one.withMark('R2', 'second', 'S1/T2', 'absent');

    expect([empty.mark('R1'), empty.markCount]).toEqual([undefined, 0]);
    expect([one.mark('R1'), one.mark('R2'), one.markCount]).toEqual(['first', undefined, 1]);
    expect([two.mark('R1'), two.mark('R2'), two.status('S1/T2'), two.markCount]).toEqual(['first', 'second', 'absent', 2]);
  });

  it('lets an earlier sheet grow apart from a later one without either seeing the other', () => {
    const one = MarkSheet.empty<string>().withMark('R1', 'first', 'S1/T1', 'present');
    const later = one.withStatus('S1/T1', 'excused').withMark('R2', 'later', 'S1/T2', 'present');
    const apart = one.withMark('R3', 'apart', 'S1/T3', 'absent');

    expect([apart.status('S1/T1'), apart.mark('R2'), apart.mark('R3'), apart.markCount]).toEqual(['present', undefined, 'apart', 2]);
    expect([later.status('S1/T1'), later.mark('R2'), later.mark('R3'), later.markCount]).toEqual(['excused', 'later', undefined, 2]);
    expect(later.withMark('R4', 'after', 'S1/T4', 'present').mark('R3')).toBeUndefined();
    expect(one.status('S1/T1')).toBe('present');
  });
});
