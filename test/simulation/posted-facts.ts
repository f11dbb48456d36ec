import type { AgencyKind, AttendanceStatus, CourseFormat, CourseLevel, Rank, TargetGroup, TrainingGroup } from '@training-ledger/contracts';

/**
 * What the simulation posted and the services accepted, kept by the simulation itself: the ground
 * truth that evaluations are checked against, computed without any of the services' code.
 */
export interface PostedFacts {
  /** `nameVi` as registered; each rename with the simulated day it was posted, the day it takes effect. */
  readonly agencies: { readonly agencyId: string; readonly nameVi: string; readonly kind: AgencyKind; readonly renames: { readonly nameVi: string; readonly on: string }[] }[];
  /** Every roster declaration, in the order posted; `postedOn` is the simulated day it was sent. */
  readonly rosters: { readonly agencyId: string; readonly declarationId: string; readonly asOf: string; readonly regular: number; readonly nonRegular: number; readonly postedOn: string }[];
  readonly runs: {
    readonly runId: string;
    readonly level: CourseLevel;
    readonly trainingGroup: TrainingGroup;
    readonly format: CourseFormat;
    readonly hostAgencyId: string | null;
    readonly hasForeignLecturer: boolean;
    /** Null for a run cancelled or never completed. */
    readonly completedOn: string | null;
    readonly sessionsHeld: readonly string[];
    readonly eligibleRanks: readonly Rank[];
  }[];
  /** Who each learner was on the run: the approval of the nomination that put them on it. */
  readonly nominations: {
    readonly runId: string;
    readonly traineeId: string;
    readonly agencyId: string;
    readonly targetGroup: TargetGroup;
    readonly rank: Rank;
    readonly leadership: boolean;
  }[];
  /** Feedback on a run (phản hồi về hiệu quả bồi dưỡng), from a sending agency or a trainee. */
  readonly feedback: {
    readonly feedbackId: string;
    readonly runId: string;
    readonly from: 'agency' | 'trainee';
    readonly agencyId: string;
    readonly ratings: { readonly content: number; readonly lecturers: number; readonly organisation: number };
    readonly postedOn: string;
  }[];
  /** Each mark and each correction accepted, in the order posted, with the simulated day it was posted. */
  readonly attendance: {
    readonly kind: 'recorded' | 'corrected';
    readonly runId: string;
    readonly sessionId: string;
    readonly traineeId: string;
    readonly status: AttendanceStatus;
    readonly postedOn: string;
    /** The date of the session: the date the mark or correction is about. */
    readonly sessionDate: string;
  }[];
  readonly certificates: {
    readonly certificateId: string;
    readonly certificateNumber: string;
    readonly traineeId: string;
    readonly agencyId: string;
    readonly targetGroup: TargetGroup;
    readonly rank: Rank;
    readonly runId: string;
    readonly level: CourseLevel;
    readonly trainingGroup: TrainingGroup;
    readonly format: CourseFormat;
    readonly issuedOn: string;
    readonly revokedOn: string | null;
    readonly replacesCertificateId: string | null;
  }[];
}
