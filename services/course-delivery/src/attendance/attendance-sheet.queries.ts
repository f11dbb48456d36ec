import type { Projector } from '@training-ledger/read-models';
import { type AttendanceHistoryStep, type AttendanceSheetEntry, attendanceCellId, attendanceSheetProjection } from './attendance-sheet.projection';

export type AttendanceCell = Pick<
  AttendanceSheetEntry,
  'sessionId' | 'traineeId' | 'status' | 'observedAt' | 'recordId' | 'postedBy' | 'corrected' | 'correctedBy' | 'correctionReason'
>;

export type TraineeMark = Pick<AttendanceSheetEntry, 'sessionId' | 'status'>;

/** The trainees of a run a caller may read; null when the caller reads them all. */
export type ReadableTrainees = { readonly traineeId: { readonly $in: string[] } } | null;

const MAX_SHEET_CELLS = 50_000;

/** The cells of a run's sheet the caller may read, by session then trainee. */
export async function attendanceCellsOfRun(projector: Projector, runId: string, readable: ReadableTrainees): Promise<AttendanceCell[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  return model
    .find({ runId, ...readable }, { _id: 0, _v: 0, runId: 0, history: 0 })
    .sort({ sessionId: 1, traineeId: 1 })
    .limit(MAX_SHEET_CELLS)
    .lean<AttendanceCell[]>();
}

/** The status in force at each session of the run that has a mark for the trainee. */
export async function marksOfTrainee(projector: Projector, runId: string, traineeId: string): Promise<TraineeMark[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  return model.find({ runId, traineeId }, { sessionId: 1, status: 1 }).lean<TraineeMark[]>();
}

export interface AttendanceCellKey {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
}

/** One cell's marks and corrections, oldest first; none for a cell never marked. */
export async function historyOfCell(projector: Projector, { runId, sessionId, traineeId }: AttendanceCellKey): Promise<AttendanceHistoryStep[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  const cell = await model.findById(attendanceCellId(runId, sessionId, traineeId), { history: 1 }).lean<Partial<Pick<AttendanceSheetEntry, 'history'>>>();
  // A sheet of version 1, still read while version 2 is rebuilt after an upgrade, has no history.
  return [...(cell?.history ?? [])];
}
