import type { FeedbackSubmitted } from './run-results.decider';
import type { AttendanceReadScope } from './who-may';

export type FeedbackEntry = FeedbackSubmitted['data'];

export interface FeedbackAverages {
  readonly content: string;
  readonly lecturers: string;
  readonly organisation: string;
}

/** What the office reads of a run's feedback (phản hồi): how many gave it, from how many agencies, and the average of each rating. */
export interface RunFeedbackView {
  readonly runId: string;
  readonly responses: number;
  readonly fromTrainees: number;
  readonly fromAgencies: number;
  readonly agencies: number;
  /** Two decimal places; null while nobody has answered. */
  readonly averages: FeedbackAverages | null;
  readonly feedback: readonly FeedbackEntry[];
}

const average = (entries: readonly FeedbackEntry[], rating: keyof FeedbackEntry['ratings']): string =>
  (entries.reduce((sum, entry) => sum + entry.ratings[rating], 0) / entries.length).toFixed(2);

/**
 * The feedback a caller may read: the office and the delivering institution read all of it, an
 * agency reads what it or its trainees gave. Averages are over what the caller reads.
 */
export function runFeedback(runId: string, all: readonly FeedbackEntry[], scope: AttendanceReadScope): RunFeedbackView {
  const feedback = scope.kind === 'whole-run' ? all : scope.kind === 'own-agency' ? all.filter((entry) => entry.agencyId === scope.agencyId) : [];
  return {
    runId,
    responses: feedback.length,
    fromTrainees: feedback.filter((entry) => entry.from === 'trainee').length,
    fromAgencies: feedback.filter((entry) => entry.from === 'agency').length,
    agencies: new Set(feedback.map((entry) => entry.agencyId)).size,
    averages:
      feedback.length === 0
        ? null
        : { content: average(feedback, 'content'), lecturers: average(feedback, 'lecturers'), organisation: average(feedback, 'organisation') },
    feedback,
  };
}
