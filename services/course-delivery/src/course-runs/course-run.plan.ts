import type { CompletionRule, CourseFormat, CourseLevel, Rank, TargetGroup, TrainingGroup } from '@training-ledger/contracts';
import { DomainRuleViolation } from '@training-ledger/decider';

/* What a run is planned as (its dates, seats, timetable and lecturers) and the rules every plan keeps. */

export type WaitlistPolicy = 'auto-approve' | 'flag-for-review';

/** Buổi học: one timetabled session. `date` is the calendar day the session is held on. */
export interface Session {
  readonly sessionId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  /** ISO-8601 with offset. */
  readonly startsAt: string;
  readonly endsAt: string;
}

export interface Lecturer {
  readonly lecturerId: string;
  readonly name: string;
  readonly origin: 'vietnamese' | 'foreign';
  readonly affiliation: string | null;
}

export interface AgencyQuota {
  readonly agencyId: string;
  readonly seats: number;
}

/** The course as the catalogue holds it when the run is scheduled, with its completion rule in force then. */
export interface ScheduledCourse {
  readonly courseId: string;
  readonly code: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly eligibleTargetGroups: readonly TargetGroup[];
  readonly eligibleRanks: readonly Rank[];
  readonly completionRule: CompletionRule;
}

export interface RunDates {
  /** YYYY-MM-DD, first day of the run. */
  readonly startDate: string;
  /** YYYY-MM-DD, last day of the run. */
  readonly endDate: string;
  /** YYYY-MM-DD, last day nominations are accepted. */
  readonly nominationDeadline: string;
  readonly capacity: number;
  readonly agencyQuotas: readonly AgencyQuota[];
}

export interface RunPlan extends RunDates {
  readonly runId: string;
  /** The training institution (cơ sở đào tạo) that delivers the run. */
  readonly providerInstitutionId: string;
  /** The ministry or province that hosts the run, if any. */
  readonly hostAgencyId: string | null;
  /** Null for a run held online. */
  readonly venue: string | null;
  readonly waitlistPolicy: WaitlistPolicy;
  readonly sessions: readonly Session[];
  readonly lecturers: readonly Lecturer[];
}

export function requireValidDates(dates: RunDates): void {
  if (dates.startDate > dates.endDate) {
    throw new DomainRuleViolation('run-ends-after-it-starts', 'The run cannot end before it starts', 'endDate');
  }
  if (dates.nominationDeadline > dates.startDate) {
    throw new DomainRuleViolation(
      'nominations-close-before-start',
      'The nomination deadline cannot fall after the first day of the run',
      'nominationDeadline',
    );
  }
  if (!Number.isInteger(dates.capacity) || dates.capacity < 1) {
    throw new DomainRuleViolation('run-has-seats', 'A run has at least one seat', 'capacity');
  }
  const agencies = dates.agencyQuotas.map((quota) => quota.agencyId);
  if (new Set(agencies).size !== agencies.length) {
    throw new DomainRuleViolation('one-quota-per-agency', 'An agency has at most one quota', 'agencyQuotas');
  }
  if (dates.agencyQuotas.some((quota) => !Number.isInteger(quota.seats) || quota.seats < 0)) {
    throw new DomainRuleViolation('quota-whole-seats', 'A quota is a whole number of seats', 'agencyQuotas');
  }
  const quotaSeats = dates.agencyQuotas.reduce((sum, quota) => sum + quota.seats, 0);
  if (quotaSeats > dates.capacity) {
    throw new DomainRuleViolation(
      'quotas-within-capacity',
      `The agency quotas add up to ${quotaSeats} seats, more than the ${dates.capacity} of the run`,
      'agencyQuotas',
    );
  }
}

export function requireSessionWithin(session: Session, dates: Pick<RunDates, 'startDate' | 'endDate'>, field: string): void {
  const startsAt = Date.parse(session.startsAt);
  const endsAt = Date.parse(session.endsAt);
  if (!(startsAt < endsAt)) {
    throw new DomainRuleViolation(
      'session-ends-after-it-starts',
      `Session ${session.sessionId} must end after it starts`,
      `${field}.endsAt`,
    );
  }
  if (session.startsAt.slice(0, 10) !== session.date) {
    throw new DomainRuleViolation(
      'session-starts-on-its-date',
      `Session ${session.sessionId} is dated ${session.date} but starts at ${session.startsAt}`,
      `${field}.startsAt`,
    );
  }
  if (session.date < dates.startDate || session.date > dates.endDate) {
    throw new DomainRuleViolation(
      'sessions-within-run-dates',
      `Session ${session.sessionId} on ${session.date} falls outside the run, ${dates.startDate} to ${dates.endDate}`,
      `${field}.date`,
    );
  }
}

export function requireNamedLecturer(lecturer: Lecturer, field: string): void {
  if (lecturer.name.trim() === '') {
    throw new DomainRuleViolation('lecturer-named', `Lecturer ${lecturer.lecturerId} needs a name`, field);
  }
}

export function sameDates(left: RunDates, right: RunDates): boolean {
  return (
    left.startDate === right.startDate &&
    left.endDate === right.endDate &&
    left.nominationDeadline === right.nominationDeadline &&
    left.capacity === right.capacity &&
    left.agencyQuotas.length === right.agencyQuotas.length &&
    left.agencyQuotas.every(
      (quota, index) =>
        quota.agencyId === right.agencyQuotas[index]?.agencyId && quota.seats === right.agencyQuotas[index]?.seats,
    )
  );
}

export function sameSession(left: Session, right: Session): boolean {
  return (
    left.sessionId === right.sessionId &&
    left.date === right.date &&
    left.startsAt === right.startsAt &&
    left.endsAt === right.endsAt
  );
}

export function sameLecturer(left: Lecturer, right: Lecturer): boolean {
  return (
    left.lecturerId === right.lecturerId &&
    left.name === right.name &&
    left.origin === right.origin &&
    left.affiliation === right.affiliation
  );
}
