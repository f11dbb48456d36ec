/** The parts of course-delivery's answers the attendance screens read (services/course-delivery). */
import type { BulkAnswerView, BulkItemView } from '../../api/bulk-answer';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** GET /runs, one entry. */
export interface RunSummaryView {
  readonly runId: string;
  readonly providerInstitutionId: string;
  readonly hostAgencyId: string | null;
  readonly venue: string | null;
  readonly startDate: string;
  readonly endDate: string;
  readonly status: string;
  readonly courseId: string;
  readonly courseCode: string;
}

export interface CompletionRuleView {
  readonly assessmentRequired: boolean;
  readonly passMark: number | null;
}

/** GET /runs/:runId. */
export interface RunView extends RunSummaryView {
  readonly completionRule: CompletionRuleView;
}

export interface SessionView {
  readonly sessionId: string;
  readonly date: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly cancelled: boolean;
}

export interface AttendanceCellView {
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: AttendanceStatus;
  readonly corrected: boolean;
}

/** GET /runs/:runId/attendance. */
export interface AttendanceSheetView {
  readonly runId: string;
  readonly sessions: readonly SessionView[];
  readonly entries: readonly AttendanceCellView[];
}

/** GET /runs/:runId/roster. */
export interface RosterView {
  readonly traineeIds: readonly string[];
}

/** One step of GET /runs/:runId/attendance/history. */
export interface HistoryStepView {
  readonly kind: 'recorded' | 'corrected';
  readonly status: AttendanceStatus;
  readonly previousStatus: AttendanceStatus | null;
  readonly by: string;
  readonly recordedAt: string;
  readonly reason: string | null;
}

export interface HistoryView {
  readonly steps: readonly HistoryStepView[];
}

/** POST /runs/:runId/attendance, per mark. */
export type MarkItemResultView = BulkItemView<{ readonly recordId: string }>;

export type BulkAttendanceResultView = BulkAnswerView<{ readonly recordId: string }> & { readonly runId: string };

export interface AssessmentView {
  readonly traineeId: string;
  readonly score: number;
  readonly maxScore: number;
  readonly passed: boolean;
}

/** GET /runs/:runId/assessments. */
export interface AssessmentsView {
  readonly assessments: readonly AssessmentView[];
}
