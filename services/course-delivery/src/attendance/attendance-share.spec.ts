import type { TimetabledSession } from '../course-runs/course-run.decider';
import { attendanceShare, fourPlaces } from './attendance-share';

const session = (sessionId: string, startsAt: string, cancelled = false): TimetabledSession => ({
  sessionId,
  date: startsAt.slice(0, 10),
  startsAt,
  endsAt: startsAt.replace('T08:00', 'T11:30'),
  cancelled,
});

const week = [
  session('D1-AM', '2027-05-10T08:00:00+07:00'),
  session('D2-AM', '2027-05-11T08:00:00+07:00'),
  session('D3-AM', '2027-05-12T08:00:00+07:00', true),
  session('D4-AM', '2027-05-13T08:00:00+07:00'),
];

describe('attendance share (tỷ lệ tham dự)', () => {
  it('counts present and late over the sessions held, leaving out cancelled and future sessions', () => {
    const marks = [
      { sessionId: 'D1-AM', status: 'present' as const },
      { sessionId: 'D2-AM', status: 'late' as const },
      { sessionId: 'D3-AM', status: 'present' as const },
      { sessionId: 'D4-AM', status: 'present' as const },
    ];
    const wednesdayEvening = Date.parse('2027-05-12T18:00:00+07:00');
    expect(attendanceShare(week, marks, wednesdayEvening)).toEqual({ sessionsHeld: 2, sessionsAttended: 2, share: '1.0000' });
    const afterTheRun = Date.parse('2027-05-20T00:00:00Z');
    expect(attendanceShare(week, marks, afterTheRun)).toEqual({ sessionsHeld: 3, sessionsAttended: 3, share: '1.0000' });
  });

  it('does not count absent or excused sessions as attended', () => {
    const marks = [
      { sessionId: 'D1-AM', status: 'absent' as const },
      { sessionId: 'D2-AM', status: 'excused' as const },
      { sessionId: 'D4-AM', status: 'late' as const },
    ];
    expect(attendanceShare(week, marks, Date.parse('2027-06-01T00:00:00Z'))).toEqual({
      sessionsHeld: 3,
      sessionsAttended: 1,
      share: '0.3333',
    });
  });

  it('is zero before any session is held', () => {
    expect(attendanceShare(week, [], Date.parse('2027-05-01T00:00:00Z'))).toEqual({ sessionsHeld: 0, sessionsAttended: 0, share: '0.0000' });
  });

  it.each([
    [2, 3, '0.6667'],
    [1, 3, '0.3333'],
    [8, 10, '0.8000'],
    [1, 8, '0.1250'],
    [1, 30_000, '0.0000'],
    [1, 20_000, '0.0001'],
    [7, 7, '1.0000'],
  ])('writes %i of %i as %s, rounding half up', (attended, held, share) => {
    expect(fourPlaces(attended, held)).toBe(share);
  });
});
