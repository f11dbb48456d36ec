import type { AttendanceStatus } from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type { AttendanceSheetEvents } from './attendance-sheet.projection';

/** One step in a cell's history: the mark as first posted, or a correction of it. */
export interface AttendanceHistoryEntry {
  readonly _id: string;
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
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

/**
 * Every mark and correction of every run, one document per event, so that a cell's history (who
 * marked it, who changed it, when and why) is read on demand without replaying the run's stream.
 */
export const attendanceHistoryProjection = defineProjection<AttendanceSheetEvents>({
  name: 'attendance-history',
  version: 1,
  collection: 'attendance_history',
  indexes: [{ fields: { runId: 1, sessionId: 1, traineeId: 1, recordedAt: 1 } }],
  documentsMostlyNew: true,
  handlers: {
    'AttendanceRecorded.v1': ({ eventId, data, metadata }) => [
      upsert(eventId, {
        $set: {
          runId: data.runId,
          sessionId: data.sessionId,
          traineeId: data.traineeId,
          kind: 'recorded',
          status: data.status,
          previousStatus: null,
          by: data.postedBy,
          recordedAt: metadata.recordedAt,
          observedAt: data.observedAt,
          reason: null,
        },
      }),
    ],
    'AttendanceCorrected.v1': ({ eventId, data, metadata }) => [
      upsert(eventId, {
        $set: {
          runId: data.runId,
          sessionId: data.sessionId,
          traineeId: data.traineeId,
          kind: 'corrected',
          status: data.newStatus,
          previousStatus: data.previousStatus,
          by: data.correctedBy,
          recordedAt: metadata.recordedAt,
          observedAt: null,
          reason: data.reason,
        },
      }),
    ],
  },
});
