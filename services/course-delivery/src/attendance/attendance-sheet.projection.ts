import type { AttendanceStatus } from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type { AttendanceCorrected, AttendanceRecorded } from './attendance-sheet.decider';

export interface AttendanceSheetEvents {
  'AttendanceRecorded.v1': AttendanceRecorded['data'];
  'AttendanceCorrected.v1': AttendanceCorrected['data'];
}

/** One step in a cell's history: the mark as first posted, or a correction of it. */
export interface AttendanceHistoryStep {
  readonly kind: 'recorded' | 'corrected';
  readonly status: AttendanceStatus;
  readonly previousStatus: AttendanceStatus | null;
  /** The integration that posted the mark, or whoever corrected it. */
  readonly by: string;
  /** When the log accepted it. */
  readonly recordedAt: string;
  readonly observedAt: string | null;
  readonly reason: string | null;
}

/** A correction as a cell keeps it; the status it replaced is the step's `previousStatus`. */
export interface StoredCorrection {
  readonly status: AttendanceStatus;
  readonly previousStatus: AttendanceStatus;
  readonly by: string;
  readonly recordedAt: string;
  readonly reason: string;
}

/**
 * One cell of the sheet: the mark as posted, the status in force, and the corrections, oldest
 * first. Nothing in it is written twice: a national programme stores some two million cells, and
 * each byte of a cell is paid for on every one of them (`attendanceHistory` and `attendanceCellView`
 * read the history and the cell out of it).
 */
export interface AttendanceSheetEntry {
  readonly _id: string;
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: AttendanceStatus;
  readonly observedAt: string;
  readonly recordId: string;
  readonly postedBy: string;
  /** When the log accepted the mark. */
  readonly recordedAt: string;
  /** Absent until the cell is first corrected. */
  readonly corrections?: readonly StoredCorrection[];
}

export const attendanceCellId = (runId: string, sessionId: string, traineeId: string): string =>
  JSON.stringify([runId, sessionId, traineeId]);

/**
 * The attendance sheet (bảng điểm danh) of every run, kept from this service's own log, with each
 * cell's marks and corrections so that who marked it, who changed it, when and why is read on demand.
 */
export const attendanceSheetProjection = defineProjection<AttendanceSheetEvents>({
  name: 'attendance-sheet',
  version: 3,
  collection: 'attendance_sheet',
  // Both queries filter on the run; one index serves them, and each index is one more write per cell.
  indexes: [{ fields: { runId: 1, traineeId: 1 } }],
  documentsMostlyNew: true,
  handlers: {
    'AttendanceRecorded.v1': ({ data, metadata }) => [
      upsert(attendanceCellId(data.runId, data.sessionId, data.traineeId), {
        $set: {
          runId: data.runId,
          sessionId: data.sessionId,
          traineeId: data.traineeId,
          status: data.status,
          observedAt: data.observedAt,
          recordId: data.recordId,
          postedBy: data.postedBy,
          recordedAt: metadata.recordedAt,
        },
      }),
    ],
    'AttendanceCorrected.v1': ({ data, metadata }) => [
      upsert(attendanceCellId(data.runId, data.sessionId, data.traineeId), {
        $set: { status: data.newStatus },
        $push: {
          corrections: {
            status: data.newStatus,
            previousStatus: data.previousStatus,
            by: data.correctedBy,
            recordedAt: metadata.recordedAt,
            reason: data.reason,
          } satisfies StoredCorrection,
        },
      }),
    ],
  },
});
