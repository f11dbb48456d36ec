/// <reference types="jest" />
import { cellKey, marksToPost, observedAtFor, recordedStatuses, recordIdFor } from './marks';

const session = { sessionId: 'S1', date: '2027-05-10', startsAt: '2027-05-10T08:00:00+07:00', endsAt: '2027-05-10T11:30:00+07:00', cancelled: false };

describe('marks taken in the grid', () => {
  it('are observed now while the session is on, at its start once it is over', () => {
    expect(observedAtFor(session, new Date('2027-05-10T02:15:00Z'))).toBe('2027-05-10T02:15:00.000Z');
    expect(observedAtFor(session, new Date('2027-05-11T09:00:00+07:00'))).toBe('2027-05-10T08:00:00+07:00');
  });

  it('carry the same record id on every save, at most 128 characters', () => {
    expect(recordIdFor('S1', 'T1')).toBe('S1|T1');
    expect(recordIdFor('S1', 'T1')).toBe(recordIdFor('S1', 'T1'));
    const long = recordIdFor('S'.repeat(100), 'T'.repeat(100));
    expect(long).toHaveLength(128);
    expect(long.endsWith('|' + 'T'.repeat(100))).toBe(true);
  });

  it('leave out a cell of a session the sheet does not hold', () => {
    const now = new Date('2027-05-12T00:00:00Z');
    expect(marksToPost([{ sessionId: 'S1', traineeId: 'T1', status: 'present' }, { sessionId: 'S9', traineeId: 'T1', status: 'absent' }], [session], now)).toEqual([
      { sessionId: 'S1', traineeId: 'T1', status: 'present', recordId: 'S1|T1', observedAt: session.startsAt },
    ]);
  });

  it('find the recorded status of a cell whatever its ids hold', () => {
    const recorded = recordedStatuses({ entries: [{ sessionId: 'S|1', traineeId: 'T', status: 'late', corrected: false }] });
    expect(recorded.get(cellKey('S|1', 'T'))).toBe('late');
    expect(recorded.get(cellKey('S', '1|T'))).toBeUndefined();
  });
});
