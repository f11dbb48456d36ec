import { defineProjection, upsert } from '@training-ledger/read-models';
import type { CourseRunCancelled, CourseRunCompleted, CourseRunRescheduled, CourseRunScheduled, CourseRunStarted, CourseRunStatus, LecturerAssigned, SessionAdded, SessionCancelled } from './course-run.state';

export interface CourseRunsEvents {
  'CourseRunScheduled.v1': CourseRunScheduled['data'];
  'CourseRunRescheduled.v1': CourseRunRescheduled['data'];
  'SessionAdded.v1': SessionAdded['data'];
  'SessionCancelled.v1': SessionCancelled['data'];
  'LecturerAssigned.v1': LecturerAssigned['data'];
  'CourseRunCancelled.v1': CourseRunCancelled['data'];
  'CourseRunStarted.v1': CourseRunStarted['data'];
  'CourseRunCompleted.v1': CourseRunCompleted['data'];
}

export interface SessionCancellation {
  readonly sessionId: string;
  readonly reason: string;
  readonly cancelledAt: string;
}

export interface CourseRunEntry extends Omit<CourseRunScheduled['data'], 'sessions' | 'lecturers'> {
  readonly _id: string;
  readonly status: CourseRunStatus;
  readonly sessions: CourseRunScheduled['data']['sessions'];
  readonly lecturers: CourseRunScheduled['data']['lecturers'];
  readonly sessionCancellations: readonly SessionCancellation[];
  readonly cancellationReason?: string;
  readonly startedOn?: string;
  readonly completedOn?: string;
  readonly sessionsHeld?: readonly string[];
  readonly hasForeignLecturer?: boolean;
}

/**
 * Every run (lớp) with its timetable and lecturers. Cancelled sessions stay in `sessions` and are
 * listed in `sessionCancellations`: the update operators the read models allow cannot mark one
 * element of an array in place.
 */
export const courseRunsProjection = defineProjection<CourseRunsEvents>({
  name: 'course-runs',
  version: 1,
  collection: 'course_runs',
  indexes: [{ fields: { startDate: 1, endDate: 1 } }, { fields: { hostAgencyId: 1 } }, { fields: { courseId: 1 } }, { fields: { providerInstitutionId: 1 } }],
  handlers: {
    'CourseRunScheduled.v1': (event) => [
      upsert(event.data.runId, { $set: { ...event.data, status: 'scheduled', sessionCancellations: [] } }),
    ],
    'CourseRunRescheduled.v1': (event) => [
      upsert(event.data.runId, {
        $set: {
          startDate: event.data.startDate,
          endDate: event.data.endDate,
          nominationDeadline: event.data.nominationDeadline,
          capacity: event.data.capacity,
          agencyQuotas: event.data.agencyQuotas,
        },
      }),
    ],
    'SessionAdded.v1': (event) => [upsert(event.data.runId, { $push: { sessions: event.data.session } })],
    'SessionCancelled.v1': (event) => [
      upsert(event.data.runId, {
        $push: {
          sessionCancellations: {
            sessionId: event.data.sessionId,
            reason: event.data.reason,
            cancelledAt: event.metadata.occurredAt,
          },
        },
      }),
    ],
    'LecturerAssigned.v1': (event) => [upsert(event.data.runId, { $push: { lecturers: event.data.lecturer } })],
    'CourseRunCancelled.v1': (event) => [
      upsert(event.data.runId, { $set: { status: 'cancelled', cancellationReason: event.data.reason } }),
    ],
    'CourseRunStarted.v1': (event) => [
      upsert(event.data.runId, { $set: { status: 'started', startedOn: event.data.startedOn } }),
    ],
    'CourseRunCompleted.v1': (event) => [
      upsert(event.data.runId, {
        $set: {
          status: 'completed',
          completedOn: event.data.completedOn,
          sessionsHeld: event.data.sessionsHeld,
          hasForeignLecturer: event.data.hasForeignLecturer,
        },
      }),
    ],
  },
});
