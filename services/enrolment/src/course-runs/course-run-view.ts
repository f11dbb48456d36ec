import type { CourseDeliveryIntegrationEvent, Rank, TargetGroup } from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';

export type CourseRunStatus = 'scheduled' | 'started' | 'cancelled' | 'completed';
export type WaitlistPolicy = 'auto-approve' | 'flag-for-review';

export interface AgencyQuota {
  readonly agencyId: string;
  readonly seats: number;
}

/** What enrolment needs to know of a course run owned by course-delivery, kept from its published events. */
export interface CourseRunView {
  readonly runId: string;
  readonly status: CourseRunStatus;
  readonly capacity: number;
  readonly agencyQuotas: readonly AgencyQuota[];
  readonly eligibleTargetGroups: readonly TargetGroup[];
  readonly eligibleRanks: readonly Rank[];
  /** YYYY-MM-DD, the last day nominations are accepted. */
  readonly nominationDeadline: string;
  /** YYYY-MM-DD */
  readonly startDate: string;
  readonly waitlistPolicy: WaitlistPolicy;
}

export const courseRunEventTypes = [
  'CourseRunScheduled.v1',
  'CourseRunRescheduled.v1',
  'CourseRunCancelled.v1',
  'CourseRunStarted.v1',
  'CourseRunCompleted.v1',
] as const;

export type CourseRunEvent = Extract<CourseDeliveryIntegrationEvent, { type: (typeof courseRunEventTypes)[number] }>;

export function isCourseRunEvent(event: { readonly type: string }): event is CourseRunEvent {
  return (courseRunEventTypes as readonly string[]).includes(event.type);
}

/**
 * Folds course-delivery's run events into enrolment's view of the run. Null stands for a run not
 * yet scheduled; events that arrive for it before its scheduling leave it unknown.
 */
export function evolveCourseRunView(view: CourseRunView | null, event: CourseRunEvent): CourseRunView | null {
  if (view !== null && view.runId !== event.data.runId) {
    throw new Error(`An event of run ${event.data.runId} was applied to the view of run ${view.runId}`);
  }
  switch (event.type) {
    case 'CourseRunScheduled.v1':
      return {
        runId: event.data.runId,
        status: 'scheduled',
        capacity: event.data.capacity,
        agencyQuotas: event.data.agencyQuotas,
        eligibleTargetGroups: event.data.eligibleTargetGroups,
        eligibleRanks: event.data.eligibleRanks,
        nominationDeadline: event.data.nominationDeadline,
        startDate: event.data.startDate,
        waitlistPolicy: event.data.waitlistPolicy,
      };
    case 'CourseRunRescheduled.v1':
      return (
        view && {
          ...view,
          capacity: event.data.capacity,
          agencyQuotas: event.data.agencyQuotas,
          nominationDeadline: event.data.nominationDeadline,
          startDate: event.data.startDate,
        }
      );
    case 'CourseRunCancelled.v1':
      return view && { ...view, status: 'cancelled' };
    case 'CourseRunStarted.v1':
      return view && { ...view, status: 'started' };
    case 'CourseRunCompleted.v1':
      return view && { ...view, status: 'completed' };
    default:
      return assertNever(event, 'course run event');
  }
}
