/** The parts of the certification and course-delivery answers the certifier's screens read. */
import type { BulkAnswerView, BulkItemView } from '../../api/bulk-answer';

/** Course delivery's GET /runs entry (CourseRunSummary), as far as the worklist uses it. */
export interface RunSummaryView {
  readonly runId: string;
  readonly courseCode: string;
  readonly level: string;
  readonly format: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly status: 'scheduled' | 'started' | 'cancelled' | 'completed';
  readonly completedOn?: string;
}

/** Certification's GET /runs/:runId/worklist: eligible trainees not yet certified. */
export interface WorklistEntryView {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly attendanceShare: string;
  readonly assessmentPassed: boolean | null;
}

/** What names an accepted certificate in an issue answer. */
interface IssuedCertificateView {
  readonly certificateId: string;
  readonly certificateNumber: string;
  readonly verificationCode: string;
}

export type IssueItemView = BulkItemView<{ readonly traineeId: string }, IssuedCertificateView>;

/** POST /runs/:runId/certificates: one result per trainee. */
export type IssueResultView = BulkAnswerView<{ readonly traineeId: string }, IssuedCertificateView> & { readonly runId: string };

export const revocationCategories = ['attendance-misreported', 'not-eligible', 'identity-error', 'issued-in-error', 'other'] as const;
export type RevocationCategoryView = (typeof revocationCategories)[number];

/** GET /certificates entry (CertificateListEntry). */
export interface CertificateView {
  readonly _id: string;
  readonly certificateNumber: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly runId: string;
  readonly courseCode: string;
  readonly issuedOn: string;
  readonly status: 'valid' | 'revoked';
  readonly revokedOn: string | null;
  readonly revocationCategory: RevocationCategoryView | null;
  readonly revocationReason: string | null;
  readonly replacesCertificateId: string | null;
  /** Absent until the certificate is reissued. */
  readonly replacedByCertificateId?: string | null;
  readonly holderDetails: 'shown' | 'withheld';
  readonly holderName: string | null;
  readonly holderNameErased: boolean;
  readonly verificationCode: string | null;
}

/** Certification's GET /runs/:runId/eligibility: every assessed trainee, eligible or not and why. */
export interface EligibilityEntryView {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  readonly attendanceShare: string;
  readonly assessmentPassed: boolean | null;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
  readonly certified: boolean;
}
