import { planWrites, type ProjectableEvent } from '@training-ledger/read-models';
import { attendanceHistoryProjection } from './attendance-history.projection';

const metadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000901',
  causationId: null,
  actor: { id: 'console:institution-integration@HVNG', roles: ['institution-integration'] },
  occurredAt: '2027-05-10T02:00:00.000Z',
  recordedAt: '2027-05-10T02:00:01.000Z',
};
const event = (position: number, type: string, data: Record<string, unknown>): ProjectableEvent => ({
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type,
  data: { runId: 'RUN-1', sessionId: 'S1', traineeId: 'T1', ...data },
  metadata,
  source: { service: 'course-delivery', streamName: 'attendance-RUN-1', streamPosition: BigInt(position) },
  feedPosition: { kind: 'kafka', topic: 'course-delivery.events.v1', partition: 0, offset: BigInt(position) },
});

describe('attendance history read model', () => {
  it('keeps the mark and each correction as their own steps, with who and when', () => {
    const writes = planWrites(attendanceHistoryProjection, [
      event(0, 'AttendanceRecorded.v1', { status: 'absent', observedAt: '2027-05-10T08:05:00+07:00', recordId: 'R1', postedBy: 'console:institution-integration@HVNG' }),
      event(1, 'AttendanceCorrected.v1', { previousStatus: 'absent', newStatus: 'excused', correctedBy: 'console:programme-admin', reason: 'Giấy nghỉ ốm' }),
    ]).waves.flat();
    expect(writes.map((write) => [write.id, write.update.$set])).toEqual([
      [
        '00000000-0000-4000-8000-000000000000',
        expect.objectContaining({ kind: 'recorded', status: 'absent', previousStatus: null, by: 'console:institution-integration@HVNG', recordedAt: metadata.recordedAt, reason: null }),
      ],
      [
        '00000000-0000-4000-8000-000000000001',
        expect.objectContaining({ kind: 'corrected', status: 'excused', previousStatus: 'absent', by: 'console:programme-admin', reason: 'Giấy nghỉ ốm' }),
      ],
    ]);
  });
});
