/** The parts of enrolment's and course-delivery's answers the agency screens read. */
import type { BulkAnswerView, BulkItemView } from '../../api/bulk-answer';

export type TargetGroup = 'regular' | 'non-regular';
export const TARGET_GROUPS: readonly TargetGroup[] = ['regular', 'non-regular'];
export const RANKS = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'] as const;
export type Rank = (typeof RANKS)[number];

/** GET /agencies/:agencyId/rosters (newest first) and .../rosters/in-force. */
export interface RosterView {
  readonly agencyId: string;
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
  readonly byRank?: readonly { readonly rank: Rank; readonly regular: number; readonly nonRegular: number }[] | null;
}

/** One entry of GET /agencies/:agencyId/trainees. */
export interface TraineeEntryView {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly sector: string | null;
  readonly erased: boolean;
}

export interface TraineeDirectoryView {
  readonly agencyId: string;
  readonly trainees: readonly TraineeEntryView[];
  readonly next: string | null;
}

/** GET /trainees/:traineeId. */
export interface TraineeView extends Omit<TraineeEntryView, 'erased'> {
  readonly erased: boolean;
  readonly lastEffectiveFrom: string | null;
  readonly personalData: { readonly fullName: string; readonly dateOfBirth: string; readonly staffNumber: string } | null;
}

/** One run of course-delivery's GET /runs. */
export interface RunSummaryView {
  readonly runId: string;
  readonly courseCode: string;
  readonly level: string;
  readonly format: string;
  readonly status: 'scheduled' | 'started' | 'cancelled' | 'completed';
  readonly startDate: string;
  readonly endDate: string;
  readonly nominationDeadline: string;
  readonly capacity: number;
  readonly venue: string | null;
}

/** One entry of GET /agencies/:agencyId/nominations. */
export interface NominationView {
  readonly nominationId: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly status: string;
  readonly submittedAt: string;
}

/** One row of a check (POST …/check): what recording it would do; accepted means it would be recorded. */
export type RowCheckView = BulkItemView<{ readonly subjectId: string | null }>;

export type RowChecksView = BulkAnswerView<{ readonly subjectId: string | null }>;

/** enrolment POST /runs/:runId/nominations: a result per trainee. */
export type NominationsResultView = BulkAnswerView<{ readonly traineeId: string; readonly nominationId: string }>;
