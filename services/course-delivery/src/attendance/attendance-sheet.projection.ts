import type { AttendanceStatus } from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type { AttendanceCorrected, AttendanceRecorded } from './attendance-sheet.decider';

export interface AttendanceSheetEvents {
  'AttendanceRecorded.v1': AttendanceRecorded['data'];
  'AttendanceCorrected.v1': AttendanceCorrected['data'];
}

/** One cell of the sheet: the status in force for one trainee at one session. */
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
}

export const attendanceCellId = (runId: string, sessionId: string, traineeId: string): string =>
  JSON.stringify([runId, sessionId, traineeId]);

/** The attendance sheet (bảng điểm danh) of every run, kept from this service's own log. */
export const attendanceSheetProjection = defineProjection<AttendanceSheetEvents>({
  name: 'attendance-sheet',
  version: 1,
  collection: 'attendance_sheet',
  indexes: [{ fields: { runId: 1, sessionId: 1 } }, { fields: { runId: 1, traineeId: 1 } }],
  documentsMostlyNew: true,
  handlers: {
    'AttendanceRecorded.v1': ({ data }) => [
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
        },
      }),
    ],
    'AttendanceCorrected.v1': ({ data }) => [
      upsert(attendanceCellId(data.runId, data.sessionId, data.traineeId), {
        $set: { status: data.newStatus, corrected: true, correctedBy: data.correctedBy, correctionReason: data.reason },
      }),
    ],
  },
});
