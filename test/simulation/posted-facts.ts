import type { AgencyKind, AttendanceStatus, CourseFormat, CourseLevel, Rank, TargetGroup, TrainingGroup } from '@training-ledger/contracts';

/**
 * What the simulation posted and the services accepted, kept by the simulation itself: the ground
 * truth that evaluations are checked against, computed without any of the services' code.
 */
export interface PostedFacts {
  readonly agencies: { readonly agencyId: string; readonly nameVi: string; readonly kind: AgencyKind }[];
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
  }[];
  /** Each mark and each correction accepted, in the order posted, with the simulated day it was posted. */
  readonly attendance: {
    readonly kind: 'recorded' | 'corrected';
    readonly runId: string;
    readonly sessionId: string;
    readonly traineeId: string;
    readonly status: AttendanceStatus;
    readonly postedOn: string;
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
