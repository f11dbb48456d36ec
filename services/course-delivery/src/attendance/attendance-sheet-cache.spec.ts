import type { MessageMetadata } from '@training-ledger/decider';
import { newAttendanceSheetCache } from './attendance-sheet-cache';
import { attendanceSheetDecider, type AttendanceSheetState } from './attendance-sheet.decider';

const metadata: MessageMetadata = {
  correlationId: 'spec',
  actor: { id: 'svc:moha-hr', roles: ['institution-integration'] },
  occurredAt: '2027-05-10T00:00:00.000Z',
};

const sheetWithMarks = (runId: string, marks: number): AttendanceSheetState =>
  Array.from({ length: marks }, (_, index) => index).reduce(
    (state, index) =>
      attendanceSheetDecider.evolve(state, {
        type: 'AttendanceRecorded.v1',
        data: {
          runId,
          sessionId: 'S01',
          traineeId: `T-${index}`,
          status: 'present',
          observedAt: '2027-05-10T08:00:00+07:00',
          recordId: `${runId}-${index}`,
          postedBy: 'svc:moha-hr',
        },
        metadata,
      }),
    attendanceSheetDecider.initialState(),
  );

describe('the attendance sheet cache', () => {
  it('keeps sheets while their marks fit in its budget, whatever the number of runs', () => {
    const cache = newAttendanceSheetCache(100);
    cache.set('attendance-RUN-2027-001', { revision: 39n, state: sheetWithMarks('RUN-2027-001', 40) });
    cache.set('attendance-RUN-2027-002', { revision: 39n, state: sheetWithMarks('RUN-2027-002', 40) });
    cache.set('attendance-RUN-2027-003', { revision: 39n, state: sheetWithMarks('RUN-2027-003', 40) });

    expect(cache.get('attendance-RUN-2027-001')).toBeUndefined();
    expect(cache.size).toEqual({ streams: 2, weight: 80 });
  });
});
