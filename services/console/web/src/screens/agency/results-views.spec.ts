import { percentText, shareReasons, type AttendanceShareView } from './results-views';

const share = (over: Partial<AttendanceShareView>): AttendanceShareView => ({
  runId: 'R1',
  traineeId: 'HV1',
  sessionsHeld: 6,
  sessionsAttended: 4,
  share: '0.6666',
  meetsAttendance: false,
  assessmentPassed: null,
  assessmentRequired: false,
  minAttendanceShare: '0.8',
  completed: false,
  reasons: ['attended 4 of 6 sessions (0.6666), below the required 0.8'],
  ...over,
});

describe('the agency results screen', () => {
  it('writes shares as Vietnamese percentages', () => {
    expect(percentText('0.6666')).toBe('66,66 %');
    expect(percentText('1', 'en')).toBe('100.00 %');
  });

  it('explains in Vietnamese why a trainee has not completed, from the judgement fields', () => {
    expect(shareReasons(share({}), 'vi')).toEqual(['tham dự 4/6 buổi (66,66 %), dưới mức 80,00 %']);
    expect(shareReasons(share({ meetsAttendance: true, assessmentRequired: true, assessmentPassed: false }), 'vi')).toEqual(['chưa đạt bài kiểm tra bắt buộc']);
    expect(shareReasons(share({}), 'en')).toEqual(['attended 4 of 6 sessions (0.6666), below the required 0.8']);
    expect(shareReasons(share({ completed: true, reasons: [] }), 'vi')).toEqual([]);
  });
});
