import { defineProjection, upsert } from '@training-ledger/read-models';
import type { CourseRunEvent, CourseRunView } from './course-run-view';

/** Each run event's `data`, keyed by its type, as the projection's handlers receive it. */
export type CourseRunViewEvents = {
  [TType in CourseRunEvent['type']]: Extract<CourseRunEvent, { type: TType }>['data'];
};

/** A scheduled run as the read model stores it, one document per run keyed by its id. */
export interface CourseRunViewDocument extends CourseRunView {
  readonly _id: string;
  /** YYYY-MM-DD */
  readonly endDate: string;
  /** When course-delivery scheduled the run; absent while the run is unknown here. */
  readonly scheduledAt: string;
}

/**
 * What a document holds when events of a run reached it before the run's scheduling (possible only
 * if course-delivery ever spreads one run over several streams): a run enrolment does not know yet.
 */
export type UnscheduledCourseRunDocument = Partial<Omit<CourseRunViewDocument, 'scheduledAt'>> & {
  readonly _id: string;
  readonly scheduledAt?: undefined;
};

export type StoredCourseRun = CourseRunViewDocument | UnscheduledCourseRunDocument;

/**
 * Enrolment's view of course-delivery's runs, fed from `course-delivery.events.v1`. Each handler
 * writes exactly what `evolveCourseRunView` computes from the same event, as a plain `$set`, so that
 * the position guard alone makes a redelivered event change nothing.
 */
export const courseRunViewProjection = defineProjection<CourseRunViewEvents>({
  name: 'course-run-view',
  version: 1,
  collection: 'course_run_view',
  handlers: {
    'CourseRunScheduled.v1': (event) => [
      upsert(event.data.runId, {
        $set: {
          runId: event.data.runId,
          status: 'scheduled',
          capacity: event.data.capacity,
          agencyQuotas: event.data.agencyQuotas.map(({ agencyId, seats }) => ({ agencyId, seats })),
          eligibleTargetGroups: event.data.eligibleTargetGroups,
          eligibleRanks: event.data.eligibleRanks,
          nominationDeadline: event.data.nominationDeadline,
          startDate: event.data.startDate,
          endDate: event.data.endDate,
          waitlistPolicy: event.data.waitlistPolicy,
          scheduledAt: event.metadata.occurredAt,
        },
      }),
    ],
    'CourseRunRescheduled.v1': (event) => [
      upsert(event.data.runId, {
        $set: {
          capacity: event.data.capacity,
          agencyQuotas: event.data.agencyQuotas.map(({ agencyId, seats }) => ({ agencyId, seats })),
          nominationDeadline: event.data.nominationDeadline,
          startDate: event.data.startDate,
          endDate: event.data.endDate,
        },
      }),
    ],
    'CourseRunCancelled.v1': (event) => [upsert(event.data.runId, { $set: { status: 'cancelled' } })],
    'CourseRunStarted.v1': (event) => [upsert(event.data.runId, { $set: { status: 'started' } })],
    'CourseRunCompleted.v1': (event) => [upsert(event.data.runId, { $set: { status: 'completed' } })],
  },
});

/** The view the deciders take, or null for a run not scheduled as far as enrolment knows. */
export function courseRunViewFromDocument(document: StoredCourseRun): CourseRunView | null {
  if (document.scheduledAt === undefined) return null;
  return {
    runId: document.runId,
    status: document.status,
    capacity: document.capacity,
    agencyQuotas: document.agencyQuotas.map(({ agencyId, seats }) => ({ agencyId, seats })),
    eligibleTargetGroups: [...document.eligibleTargetGroups],
    eligibleRanks: [...document.eligibleRanks],
    nominationDeadline: document.nominationDeadline,
    startDate: document.startDate,
    waitlistPolicy: document.waitlistPolicy,
  };
}
