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

/** One cell of the sheet: the status in force for one trainee at one session, and how it came to be. */
export interface AttendanceSheetEntry {
  readonly _id: string;
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: AttendanceStatus;
  readonly observedAt: string;
  readonly recordId: string;
  readonly postedBy: string;
  readonly corrected: boolean;
  readonly correctedBy: string | null;
  readonly correctionReason: string | null;
  /** Oldest first; kept in the cell so that a mark costs one document, not one more per step. */
  readonly history: readonly AttendanceHistoryStep[];
}

export const attendanceCellId = (runId: string, sessionId: string, traineeId: string): string =>
  JSON.stringify([runId, sessionId, traineeId]);

/**
 * The attendance sheet (bảng điểm danh) of every run, kept from this service's own log, with each
 * cell's marks and corrections so that who marked it, who changed it, when and why is read on demand.
 */
export const attendanceSheetProjection = defineProjection<AttendanceSheetEvents>({
  name: 'attendance-sheet',
  version: 2,
  collection: 'attendance_sheet',
  indexes: [{ fields: { runId: 1, sessionId: 1 } }, { fields: { runId: 1, traineeId: 1 } }],
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
          corrected: false,
          correctedBy: null,
          correctionReason: null,
          history: [
            {
              kind: 'recorded',
              status: data.status,
              previousStatus: null,
              by: data.postedBy,
              recordedAt: metadata.recordedAt,
              observedAt: data.observedAt,
              reason: null,
            } satisfies AttendanceHistoryStep,
          ],
        },
      }),
    ],
    'AttendanceCorrected.v1': ({ data, metadata }) => [
      upsert(attendanceCellId(data.runId, data.sessionId, data.traineeId), {
        $set: { status: data.newStatus, corrected: true, correctedBy: data.correctedBy, correctionReason: data.reason },
        $push: {
          history: {
            kind: 'corrected',
            status: data.newStatus,
            previousStatus: data.previousStatus,
            by: data.correctedBy,
            recordedAt: metadata.recordedAt,
            observedAt: null,
            reason: data.reason,
          } satisfies AttendanceHistoryStep,
        },
      }),
    ],
  },
});
