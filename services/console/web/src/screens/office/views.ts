/**
 * The parts of course-delivery's and enrolment's answers the programme office's screens read
 * (the OpenAPI documents do not describe these bodies yet; the generated types say `unknown`).
 */
import type { BulkAnswerView, BulkItemView } from '../../api/bulk-answer';

export const COURSE_LEVELS = ['universal', 'advanced', 'specialised', 'sector-specific'] as const;
export const TRAINING_GROUPS = ['expertise', 'skills-and-style'] as const;
export const REQUIREMENT_GROUPS = ['political-mettle', 'expertise', 'skills-and-style'] as const;
export const COURSE_FORMATS = ['in-person', 'online', 'internship-domestic', 'internship-abroad', 'international-event'] as const;
export const TARGET_GROUPS = ['regular', 'non-regular'] as const;
export const RANKS = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'] as const;
export const RUN_STATUSES = ['scheduled', 'started', 'cancelled', 'completed'] as const;
export const NOMINATION_STATUSES = ['submitted', 'approved', 'rejected', 'waitlisted', 'withdrawn', 'cancelled'] as const;

export type CourseLevel = (typeof COURSE_LEVELS)[number];
export type TrainingGroup = (typeof TRAINING_GROUPS)[number];
export type RequirementGroup = (typeof REQUIREMENT_GROUPS)[number];
export type CourseFormat = (typeof COURSE_FORMATS)[number];
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export type Rank = (typeof RANKS)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export interface CompletionRuleView {
  readonly ruleVersion: number;
  readonly minAttendanceShare: string;
  readonly excusedCountsAsAttended: boolean;
  readonly assessmentRequired: boolean;
  readonly passMark: number | null;
}

/** course-delivery GET /courses (one item). */
export interface CourseSummaryView {
  readonly courseId: string;
  readonly code: string;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly trainingGroup: TrainingGroup;
  readonly level: CourseLevel;
  readonly sector: string | null;
  readonly requirementGroups: readonly RequirementGroup[];
  readonly format: CourseFormat;
  readonly lengthDays: number;
  readonly lengthHours: number;
  readonly languages: readonly string[];
  readonly eligibleTargetGroups: readonly TargetGroup[];
  readonly eligibleRanks: readonly Rank[];
  readonly completionRule: CompletionRuleView;
  readonly definedAt: string;
}

/** course-delivery GET /courses/:courseId. */
export interface CourseDetailView extends CourseSummaryView {
  readonly ruleVersions: readonly (CompletionRuleView & { readonly inForceFrom: string })[];
}

export interface AgencyQuotaView {
  readonly agencyId: string;
  readonly seats: number;
}

/** course-delivery GET /runs (one item). */
export interface RunSummaryView {
  readonly runId: string;
  readonly courseId: string;
  readonly courseCode: string;
  readonly level: CourseLevel;
  readonly format: CourseFormat;
  readonly status: RunStatus;
  readonly providerInstitutionId: string;
  readonly hostAgencyId: string | null;
  readonly venue: string | null;
  readonly startDate: string;
  readonly endDate: string;
  readonly nominationDeadline: string;
  readonly capacity: number;
  readonly agencyQuotas: readonly AgencyQuotaView[];
  readonly cancellationReason?: string;
}

/** course-delivery GET /runs/:runId. */
export interface RunDetailView extends RunSummaryView {
  readonly sessions: readonly {
    readonly sessionId: string;
    readonly date: string;
    readonly startsAt: string;
    readonly endsAt: string;
    readonly cancelled: boolean;
    readonly cancellationReason: string | null;
  }[];
  readonly lecturers: readonly {
    readonly lecturerId: string;
    readonly name: string;
    readonly origin: 'vietnamese' | 'foreign';
    readonly affiliation: string | null;
  }[];
}

/** enrolment GET /nominations (one item). */
export interface NominationView {
  readonly nominationId: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly status: NominationStatus;
  readonly reason: string | null;
  readonly submittedAt: string;
}

/** enrolment GET /trainees/:traineeId, as far as the queue shows it. */
export interface TraineeNameView {
  readonly personalData: { readonly fullName: string } | null;
}

export type DecisionOutcome = BulkItemView<{ readonly nominationId: string }>;

/** enrolment POST /runs/:runId/nominations/decisions. */
export type DecisionsResultView = BulkAnswerView<{ readonly nominationId: string }> & { readonly runId: string };

/** course-delivery GET /runs/:runId/feedback. */
export interface RunFeedbackView {
  readonly runId: string;
  readonly responses: number;
  readonly fromTrainees: number;
  readonly fromAgencies: number;
  readonly agencies: number;
  readonly averages: { readonly content: string; readonly lecturers: string; readonly organisation: string } | null;
  readonly feedback: readonly {
    readonly feedbackId: string;
    readonly from: 'trainee' | 'agency';
    readonly agencyId: string;
    readonly ratings: { readonly content: number; readonly lecturers: number; readonly organisation: number };
    readonly comment: string | null;
  }[];
}

export const AGENCY_KINDS = ['ministry', 'ministerial-level-agency', 'government-agency', 'province', 'commune'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** reporting GET /agencies. */
export interface AgencyDirectoryView {
  readonly total: number;
  readonly items: readonly { readonly code: string; readonly nameVi: string; readonly nameEn: string; readonly kind: AgencyKind; readonly renameCount: number }[];
}

/** One entry of enrolment GET /agencies/:agencyId/rosters, newest first. */
export interface RosterHistoryView {
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
}
