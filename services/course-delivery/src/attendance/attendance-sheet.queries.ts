import type { Projector } from '@training-ledger/read-models';
import { type AttendanceHistoryStep, type AttendanceSheetEntry, attendanceCellId, attendanceSheetProjection } from './attendance-sheet.projection';

/** A cell as the sheet shows it: the status in force, the mark as posted, and the last correction. */
export type AttendanceCell = Pick<AttendanceSheetEntry, 'sessionId' | 'traineeId' | 'status' | 'observedAt' | 'recordId' | 'postedBy'> & {
  readonly corrected: boolean;
  readonly correctedBy: string | null;
  readonly correctionReason: string | null;
};

export type TraineeMark = Pick<AttendanceSheetEntry, 'sessionId' | 'status'>;

/** The trainees of a run a caller may read; null when the caller reads them all. */
export type ReadableTrainees = { readonly traineeId: { readonly $in: string[] } } | null;

/**
 * A cell of version 2 of the sheet, still read while version 3 is rebuilt after an upgrade: it kept
 * the last correction in fields of its own and every step, the mark included, in `history`.
 */
interface CellOfVersion2 {
  readonly corrected?: boolean;
  readonly correctedBy?: string | null;
  readonly correctionReason?: string | null;
  readonly history?: readonly AttendanceHistoryStep[];
}

type StoredCell = Omit<AttendanceSheetEntry, '_id' | 'runId' | 'recordedAt'> & Partial<Pick<AttendanceSheetEntry, 'recordedAt'>> & CellOfVersion2;

const MAX_SHEET_CELLS = 50_000;

export function attendanceCellView(cell: StoredCell): AttendanceCell {
  const { sessionId, traineeId, status, observedAt, recordId, postedBy } = cell;
  const lastCorrection = cell.corrections?.at(-1);
  if (lastCorrection) return { sessionId, traineeId, status, observedAt, recordId, postedBy, corrected: true, correctedBy: lastCorrection.by, correctionReason: lastCorrection.reason };
  return {
    sessionId,
    traineeId,
    status,
    observedAt,
    recordId,
    postedBy,
    corrected: cell.corrected ?? false,
    correctedBy: cell.correctedBy ?? null,
    correctionReason: cell.correctionReason ?? null,
  };
}

/** The mark as posted, then each correction, oldest first. */
export function attendanceHistory(cell: StoredCell): AttendanceHistoryStep[] {
  if (cell.history) return [...cell.history];
  // A cell of version 1 kept no history at all.
  if (cell.recordedAt === undefined) return [];
  const corrections = cell.corrections ?? [];
  const recorded: AttendanceHistoryStep = {
    kind: 'recorded',
    status: corrections[0]?.previousStatus ?? cell.status,
    previousStatus: null,
    by: cell.postedBy,
    recordedAt: cell.recordedAt,
    observedAt: cell.observedAt,
    reason: null,
  };
  return [
    recorded,
    ...corrections.map(
      (correction): AttendanceHistoryStep => ({
        kind: 'corrected',
        status: correction.status,
        previousStatus: correction.previousStatus,
        by: correction.by,
        recordedAt: correction.recordedAt,
        observedAt: null,
        reason: correction.reason,
      }),
    ),
  ];
}

/** The cells of a run's sheet the caller may read, by session then trainee. */
export async function attendanceCellsOfRun(projector: Projector, runId: string, readable: ReadableTrainees): Promise<AttendanceCell[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  const cells = await model
    .find({ runId, ...readable }, { _id: 0, _v: 0, runId: 0, recordedAt: 0, history: 0 })
    .sort({ sessionId: 1, traineeId: 1 })
    .limit(MAX_SHEET_CELLS)
    .lean<StoredCell[]>();
  return cells.map(attendanceCellView);
}

/** The status in force at each session of the run that has a mark for the trainee. */
export async function marksOfTrainee(projector: Projector, runId: string, traineeId: string): Promise<TraineeMark[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  return model.find({ runId, traineeId }, { _id: 0, sessionId: 1, status: 1 }).lean<TraineeMark[]>();
}

export interface AttendanceCellKey {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
}

/** One cell's marks and corrections, oldest first; none for a cell never marked. */
export async function historyOfCell(projector: Projector, { runId, sessionId, traineeId }: AttendanceCellKey): Promise<AttendanceHistoryStep[]> {
  const model = await projector.model<AttendanceSheetEntry>(attendanceSheetProjection);
  const cell = await model.findById(attendanceCellId(runId, sessionId, traineeId), { _v: 0 }).lean<StoredCell | null>();
  return cell ? attendanceHistory(cell) : [];
}
