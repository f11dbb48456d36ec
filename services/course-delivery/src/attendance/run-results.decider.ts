import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
} from '@training-ledger/decider';
import { reachesPassMark } from '@training-ledger/contracts';
import type { AttendanceRunView } from './attendance-sheet.decider';

export interface Ratings {
  readonly content: number;
  readonly lecturers: number;
  readonly organisation: number;
}

/**
 * Results of a run other than attendance: one assessment (kiểm tra, đánh giá) per trainee and the
 * feedback of trainees and sending agencies. The run's status and the completion rule's pass mark
 * arrive inside the command, read from the run's stream when the command is decided.
 */
export type RecordAssessment = Command<
  'RecordAssessment',
  {
    runId: string;
    traineeId: string;
    score: number;
    maxScore: number;
    passed: boolean;
    /** The pass mark of the run's completion rule, on the scale of `score`; null when it sets none. */
    passMark: number | null;
    runStatus: AttendanceRunView['status'];
    approvedTrainees: readonly string[];
  }
>;
export type SubmitFeedback = Command<
  'SubmitFeedback',
  {
    runId: string;
    feedbackId: string;
    from: 'trainee' | 'agency';
    /** The sending agency, or the agency of the trainee who gives the feedback. */
    agencyId: string;
    ratings: Ratings;
    comment: string | null;
    runStatus: AttendanceRunView['status'];
  }
>;
export type RunResultsCommand = RecordAssessment | SubmitFeedback;

export type AssessmentRecorded = DomainEvent<
  'AssessmentRecorded.v1',
  { runId: string; traineeId: string; score: number; maxScore: number; passed: boolean }
>;
export type FeedbackSubmitted = DomainEvent<
  'FeedbackSubmitted.v1',
  {
    runId: string;
    feedbackId: string;
    from: 'trainee' | 'agency';
    agencyId: string;
    ratings: Ratings;
    comment: string | null;
  }
>;
export type RunResultsEvent = AssessmentRecorded | FeedbackSubmitted;

export interface RunResultsState {
  readonly runId: string | null;
  readonly assessments: ReadonlyMap<string, AssessmentRecorded['data']>;
  readonly feedback: ReadonlyMap<string, FeedbackSubmitted['data']>;
}

export const runResultsStreamName = (runId: string): string => `run-results-${runId}`;

export const runResultsDecider: Decider<RunResultsCommand, RunResultsEvent, RunResultsState> = {
  initialState: () => ({ runId: null, assessments: new Map(), feedback: new Map() }),

  decide(command, state) {
    switch (command.type) {
      case 'RecordAssessment':
        return recordAssessment(command, state);
      case 'SubmitFeedback':
        return submitFeedback(command, state);
      default:
        return assertNever(command, 'run results command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AssessmentRecorded.v1':
        return {
          ...state,
          runId: event.data.runId,
          assessments: new Map(state.assessments).set(event.data.traineeId, event.data),
        };
      case 'FeedbackSubmitted.v1':
        return {
          ...state,
          runId: event.data.runId,
          feedback: new Map(state.feedback).set(event.data.feedbackId, event.data),
        };
      default:
        return assertNever(event, 'run results event');
    }
  },
};

function recordAssessment(command: RecordAssessment, state: RunResultsState): RunResultsEvent[] {
  const { runId, traineeId, score, maxScore, passed, passMark, runStatus, approvedTrainees } = command.data;
  requireThisRun(state, runId);
  const assessment = { runId, traineeId, score, maxScore, passed };
  const earlier = state.assessments.get(traineeId);
  if (earlier) {
    if (earlier.score === score && earlier.maxScore === maxScore && earlier.passed === passed) return [];
    throw new DomainRuleViolation(
      'assessment-recorded-once',
      `Trainee ${traineeId} already has an assessment for run ${runId}`,
      'traineeId',
      'conflict',
    );
  }
  requireHeldRun(runStatus, runId, 'assessed');
  if (!approvedTrainees.includes(traineeId)) {
    throw new DomainRuleViolation(
      'trainee-approved-for-run',
      `Trainee ${traineeId} has no approved nomination to run ${runId}`,
      'traineeId',
    );
  }
  if (!Number.isFinite(maxScore) || maxScore <= 0) {
    throw new DomainRuleViolation('max-score-positive', 'The maximum score is more than 0', 'maxScore');
  }
  if (!Number.isFinite(score) || score < 0 || score > maxScore) {
    throw new DomainRuleViolation('score-within-max', `The score must lie between 0 and ${maxScore}`, 'score');
  }
  if (passMark !== null && passed !== reachesPassMark(score, passMark)) {
    throw new DomainRuleViolation(
      'passed-follows-pass-mark',
      `A score of ${score} against the pass mark ${passMark} is ${reachesPassMark(score, passMark) ? 'a pass' : 'a fail'}`,
      'passed',
    );
  }
  return [{ type: 'AssessmentRecorded.v1', data: assessment, metadata: command.metadata }];
}

function submitFeedback(command: SubmitFeedback, state: RunResultsState): RunResultsEvent[] {
  const { runId, feedbackId, from, agencyId, ratings, comment, runStatus } = command.data;
  requireThisRun(state, runId);
  const feedback = {
    runId,
    feedbackId,
    from,
    agencyId,
    ratings: { content: ratings.content, lecturers: ratings.lecturers, organisation: ratings.organisation },
    comment,
  };
  const earlier = state.feedback.get(feedbackId);
  if (earlier) {
    if (
      earlier.from === from &&
      earlier.agencyId === agencyId &&
      earlier.ratings.content === ratings.content &&
      earlier.ratings.lecturers === ratings.lecturers &&
      earlier.ratings.organisation === ratings.organisation &&
      earlier.comment === comment
    ) {
      return [];
    }
    throw new DomainRuleViolation(
      'feedback-id-used-once',
      `Feedback ${feedbackId} was already submitted with other content`,
      'feedbackId',
      'conflict',
    );
  }
  requireHeldRun(runStatus, runId, 'rated');
  for (const aspect of ['content', 'lecturers', 'organisation'] as const) {
    const rating = ratings[aspect];
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new DomainRuleViolation('ratings-one-to-five', `Ratings are whole numbers 1 to 5`, `ratings.${aspect}`);
    }
  }
  return [{ type: 'FeedbackSubmitted.v1', data: feedback, metadata: command.metadata }];
}

function requireHeldRun(runStatus: AttendanceRunView['status'], runId: string, what: string): void {
  switch (runStatus) {
    case 'started':
    case 'completed':
      return;
    case 'scheduled':
    case 'cancelled':
      throw new DomainRuleViolation(
        'run-held',
        `Run ${runId} is ${runStatus}; only a run that took place is ${what}`,
        'runId',
        'conflict',
      );
    default:
      return assertNever(runStatus, 'run status');
  }
}

function requireThisRun(state: RunResultsState, runId: string): void {
  if (state.runId !== null && state.runId !== runId) {
    throw new DomainRuleViolation('results-of-one-run', `Expected run ${state.runId}, got run ${runId}`, 'runId');
  }
}
