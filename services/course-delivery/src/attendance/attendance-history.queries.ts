import type { Projector } from '@training-ledger/read-models';
import { type AttendanceHistoryEntry, attendanceHistoryProjection } from './attendance-history.projection';

export type AttendanceHistoryStep = Omit<AttendanceHistoryEntry, '_id' | 'runId' | 'sessionId' | 'traineeId'>;

export interface AttendanceCellKey {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
}

/** One cell's marks and corrections, oldest first. */
export async function historyOfCell(projector: Projector, { runId, sessionId, traineeId }: AttendanceCellKey): Promise<AttendanceHistoryStep[]> {
  const model = await projector.model<AttendanceHistoryEntry>(attendanceHistoryProjection);
  return model
    .find({ runId, sessionId, traineeId }, { _id: 0, _v: 0, runId: 0, sessionId: 0, traineeId: 0 })
    .sort({ recordedAt: 1 })
    .lean<AttendanceHistoryStep[]>();
}
