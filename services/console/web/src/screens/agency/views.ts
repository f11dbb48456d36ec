/** The parts of enrolment's and course-delivery's answers the agency screens read. */

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

export interface FieldErrorView {
  readonly field: string;
  readonly reason: string;
}

/** One row of a check (POST …/check): what recording it would do. */
export type RowCheckView =
  | { readonly index: number; readonly outcome: 'would-record' | 'already-recorded'; readonly subjectId: string | null }
  | { readonly index: number; readonly outcome: 'invalid'; readonly errors: readonly FieldErrorView[] }
  | { readonly index: number; readonly outcome: 'refused'; readonly status: number; readonly rule: string; readonly field: string | null; readonly detail: string };

export interface RowChecksView {
  readonly wouldRecord: number;
  readonly alreadyRecorded: number;
  readonly invalid: number;
  readonly refused: number;
  readonly rows: readonly RowCheckView[];
}
