import type { AttendanceStatus } from '../common';
import { countsAsAttended, decimalShareOf, judgeCompletion, reachesPassMark, shareInTenThousandths } from './completion-rule';
import { type CompletionRule, decimalShare } from '../index';

const rule = (overrides: Partial<CompletionRule> = {}): CompletionRule => ({
  ruleVersion: 3,
  minAttendanceShare: '0.8000',
  excusedCountsAsAttended: false,
  assessmentRequired: false,
  passMark: null,
  ...overrides,
});

/** A run of `statuses.length` held sessions S1…Sn, the trainee marked with each status in turn. */
const evidence = (statuses: readonly (AttendanceStatus | undefined)[], assessmentPassed?: boolean, nominationApproved = true) => {
  const sessionsHeld = statuses.map((_, index) => `S${index + 1}`);
  return {
    sessionsHeld,
    statusOf: (sessionId: string) => statuses[sessionsHeld.indexOf(sessionId)],
    assessmentPassed,
    nominationApproved,
    runCancelled: false,
  };
};
const marks = (status: AttendanceStatus, count: number): AttendanceStatus[] => Array.from({ length: count }, () => status);

describe('the completion rule (điều kiện hoàn thành)', () => {
  describe('the attendance share, rounded down to four places', () => {
    it.each([
      [7, 9, '0.7777'],
      [2, 3, '0.6666'],
      [1, 3, '0.3333'],
      [4, 5, '0.8000'],
      [8, 10, '0.8000'],
      [1, 8, '0.1250'],
      [39, 49, '0.7959'],
      [9_999, 10_000, '0.9999'],
      [19_999, 20_000, '0.9999'],
      [1, 20_000, '0.0000'],
      [1, 10_000, '0.0001'],
      [7, 7, '1.0000'],
      [0, 7, '0.0000'],
      [0, 0, '0.0000'],
    ])('%i of %i is %s', (attended, held, share) => {
      expect(decimalShareOf(attended, held)).toBe(share);
      expect(decimalShare.safeParse(share).success).toBe(true);
    });

    it('compares shares as whole ten-thousandths', () => {
      expect(shareInTenThousandths('0.8000')).toBe(8_000);
      expect(shareInTenThousandths('1.0000')).toBe(10_000);
      expect(shareInTenThousandths('0.0001')).toBe(1);
    });
  });

  it.each([
    ['present', false, true],
    ['late', false, true],
    ['absent', false, false],
    ['excused', false, false],
    ['excused', true, true],
    [undefined, true, false],
  ] as const)('counts %s as attended when excused counts is %s: %s', (status, excusedCountsAsAttended, counted) => {
    expect(countsAsAttended(rule({ excusedCountsAsAttended }), status)).toBe(counted);
  });

  it.each([
    [50, 50, true],
    [49.5, 50, false],
    [0, 0, true],
  ])('a score of %d against a pass mark of %d passes: %s', (score, passMark, passes) => {
    expect(reachesPassMark(score, passMark)).toBe(passes);
  });

  it.each([
    ['4 of 5 is exactly the threshold 0.8000', rule(), evidence([...marks('present', 4), 'absent']), '0.8000', true],
    ['8 of 10, late included, is exactly the threshold', rule(), evidence([...marks('present', 7), 'late', 'absent', 'absent']), '0.8000', true],
    ['7 of 9 is 0.7777, below 0.7778', rule({ minAttendanceShare: '0.7778' }), evidence([...marks('present', 7), 'absent', 'absent']), '0.7777', false],
    ['7 of 9 reaches 0.7777', rule({ minAttendanceShare: '0.7777' }), evidence([...marks('present', 7), 'absent', 'absent']), '0.7777', true],
    ['2 of 3 is 0.6666, below 0.6667 (rounded half up it would pass)', rule({ minAttendanceShare: '0.6667' }), evidence(['present', 'present', 'absent']), '0.6666', false],
    ['an excused absence is not attended when the rule says so', rule(), evidence([...marks('present', 3), 'excused', 'absent']), '0.6000', false],
    ['an excused absence is attended when the rule says so', rule({ excusedCountsAsAttended: true }), evidence([...marks('present', 3), 'excused', 'absent']), '0.8000', true],
    ['an unmarked session is not attended', rule(), evidence([...marks('present', 3), undefined, undefined]), '0.6000', false],
    ['no session held never meets the rule, even a rule of 0.0000', rule({ minAttendanceShare: '0.0000' }), evidence([]), '0.0000', false],
  ])('%s', (_, completionRule, given, share, meets) => {
    const judgement = judgeCompletion(completionRule, given);
    expect(judgement).toMatchObject({ share, meetsAttendance: meets, completed: meets, assessmentPassed: null, ruleVersion: 3 });
  });

  it('names every reason a trainee has not completed', () => {
    expect(judgeCompletion(rule(), evidence([...marks('present', 7), 'absent', 'absent'])).reasons).toEqual([
      'attended 7 of 9 sessions (0.7777), below the required 0.8000',
    ]);
    expect(judgeCompletion(rule(), evidence([])).reasons).toEqual(['no session of the run was held']);
    expect(judgeCompletion(rule({ assessmentRequired: true, passMark: 50 }), evidence(['absent'], false, false)).reasons).toEqual([
      'the nomination is no longer approved',
      'attended 0 of 1 sessions (0.0000), below the required 0.8000',
      'the required assessment was not passed',
    ]);
  });

  it.each([
    ['no result yet', undefined, false, false, ['the required assessment has no result']],
    ['failed', false, false, false, ['the required assessment was not passed']],
    ['passed', true, true, true, []],
  ])('with an assessment required and %s', (_, recorded, assessmentPassed, completed, reasons) => {
    const judgement = judgeCompletion(rule({ assessmentRequired: true, passMark: 50 }), evidence(marks('present', 5), recorded));
    expect(judgement).toEqual({
      ruleVersion: 3,
      sessionsHeld: 5,
      sessionsAttended: 5,
      share: '1.0000',
      meetsAttendance: true,
      assessmentPassed,
      completed,
      reasons,
    });
  });

  it('ignores an assessment the rule does not require', () => {
    expect(judgeCompletion(rule(), evidence(marks('present', 5), false))).toMatchObject({ assessmentPassed: null, completed: true });
  });

  it('completes nobody on a cancelled run', () => {
    expect(judgeCompletion(rule(), { ...evidence(marks('present', 5)), runCancelled: true })).toMatchObject({
      meetsAttendance: true,
      completed: false,
      reasons: ['the run was cancelled'],
    });
  });

  it('never completes a trainee whose nomination is no longer approved, whatever the attendance', () => {
    expect(judgeCompletion(rule(), evidence(marks('present', 5), undefined, false))).toMatchObject({
      meetsAttendance: true,
      completed: false,
      reasons: ['the nomination is no longer approved'],
    });
  });
});
