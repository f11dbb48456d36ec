import type { FeedbackEntry } from './run-feedback';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedActor } from '@training-ledger/auth';
import { type Command, type Decider, type DomainEvent, DomainRuleViolation, type EachOutcome, enforce, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, handleEachCommand, loadStreamState, StreamStateCache, type EventStore } from '@training-ledger/event-store';
import { type BulkAnswer, bulkAnswer, type KeyCompletion } from '@training-ledger/platform';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { ApprovedTrainees } from '../approved-trainees/approved-trainees';
import { mayCorrectMarks, mayGiveFeedbackOn, mayPostMarks } from './who-may';
import { courseRunDecider } from '../course-runs/course-run.decider';
import { type CourseRun, type CourseRunState, courseRunStreamName } from '../course-runs/course-run.state';
import {
  type AttendanceMark,
  attendanceMarkCommands,
  type AttendanceRunView,
  attendanceRunView,
  attendanceSheetDecider,
  attendanceSheetStreamName,
  type CorrectAttendance,
  type RecordAttendance,
} from './attendance-sheet.decider';
import {
  type Ratings,
  type RecordAssessment,
  runResultsDecider,
  type RunResultsState,
  runResultsStreamName,
  type SubmitFeedback,
} from './run-results.decider';
import { newAttendanceSheetCache } from './attendance-sheet-cache';

/** One posted mark's answer, named by the caller's record id. */
export type BulkAttendanceResult = BulkAnswer<{ readonly recordId: string }> & { readonly runId: string };

/** One correction's answer, named by the cell it corrects. */
export type BulkCorrectionResult = BulkAnswer<{ readonly sessionId: string; readonly traineeId: string }> & { readonly runId: string };

/** One assessment's answer, named by the trainee assessed. */
export type BulkAssessmentResult = BulkAnswer<{ readonly traineeId: string }> & { readonly runId: string };

export interface AssessmentRequest {
  readonly traineeId: string;
  readonly score: number;
  readonly maxScore: number;
  readonly passed: boolean;
}

export type AssessmentResult = AssessmentRequest;

export interface FeedbackRequest {
  readonly feedbackId: string;
  readonly from: 'trainee' | 'agency';
  readonly agencyId?: string;
  readonly ratings: Ratings;
  readonly comment?: string;
}

const MAX_ATTEMPTS = 5;
/** How far outside its timetabled hours an observation still counts for a session: trainees sign in early and leave late. */
export const OBSERVATION_TOLERANCE_MINUTES = 30;

/**
 * Attendance, assessments and feedback of a run. The run itself is read from its own stream in
 * this service, so who may post and the timetable are never older than the last scheduling change.
 */
@Injectable()
export class AttendanceService {
  private readonly runs = new StreamStateCache<CourseRunState>();
  private readonly sheets = newAttendanceSheetCache();
  private readonly results = new StreamStateCache<RunResultsState>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly approvedTrainees: ApprovedTrainees,
  ) {}

  /** The run, failing with 404 for a run never scheduled. */
  async requireRun(runId: string): Promise<CourseRun> {
    const { state } = await loadStreamState(this.eventStore, courseRunDecider, courseRunStreamName(runId), this.runs);
    if (state.status === 'unscheduled') {
      throw new DomainRuleViolation('run-must-exist', `Course run ${runId} is not scheduled`, 'runId', 'not-found');
    }
    return state;
  }

  /** The trainee's recorded assessment result on the run; undefined while none is recorded. */
  async assessmentPassed(runId: string, traineeId: string): Promise<boolean | undefined> {
    const { state } = await loadStreamState(this.eventStore, runResultsDecider, runResultsStreamName(runId), this.results);
    return state.assessments.get(traineeId)?.passed;
  }

  /** Every assessment recorded for the run, by trainee. */
  async assessments(runId: string): Promise<readonly AssessmentResult[]> {
    const { state } = await loadStreamState(this.eventStore, runResultsDecider, runResultsStreamName(runId), this.results);
    return [...state.assessments.values()].map(({ traineeId, score, maxScore, passed }) => ({ traineeId, score, maxScore, passed }));
  }

  /** Every feedback given on the run, in the order it was given. */
  async feedback(runId: string): Promise<readonly FeedbackEntry[]> {
    const { state } = await loadStreamState(this.eventStore, runResultsDecider, runResultsStreamName(runId), this.results);
    return [...state.feedback.values()];
  }

  /** The run if the actor may post its attendance (or, when `adminMay`, is the programme office); 403 otherwise. */
  async requirePoster(runId: string, actor: AuthenticatedActor, adminMay: boolean): Promise<CourseRun> {
    const run = await this.requireRun(runId);
    enforce(adminMay ? mayCorrectMarks(run, runId, actor) : mayPostMarks(run, runId, actor));
    return run;
  }

  /**
   * Every mark is judged on its own; the accepted ones are appended together on condition that the
   * sheet did not change meanwhile, so a request records all its accepted marks or none. On a
   * concurrent append the whole request is decided again on the new sheet. The append completes the
   * request's Idempotency-Key with the answer, where the key's store allows it.
   */
  async postMarks(
    run: CourseRun,
    marks: readonly AttendanceMark[],
    postedBy: string,
    metadata: MessageMetadata,
    completion?: KeyCompletion<BulkAttendanceResult>,
  ): Promise<BulkAttendanceResult> {
    const runId = run.facts.runId;
    const runView = attendanceRunView(run);
    if (!runView) throw new DomainRuleViolation('run-must-exist', `Course run ${runId} is not scheduled`, 'runId', 'not-found');
    const approvedTrainees = await this.approvedTrainees.among(runId, marks.map((mark) => mark.traineeId));
    return this.recordEach({
      decider: attendanceSheetDecider,
      streamName: attendanceSheetStreamName(runId),
      stateCache: this.sheets,
      metadata,
      commands: () => attendanceMarkCommands(recordAttendanceCommand(runId, runView, marks, postedBy, approvedTrainees, metadata)),
      answerOf: (outcomes) => ({ runId, ...bulkAnswer(marks, outcomes, { subject: ({ recordId }) => ({ recordId }) }) }),
      completion,
    });
  }

  async correct(
    run: CourseRun,
    correction: AttendanceCorrectionRequest,
    metadata: MessageMetadata,
  ): Promise<readonly string[]> {
    const runId = run.facts.runId;
    const result = await handleCommand(this.eventStore, attendanceSheetDecider, {
      streamName: attendanceSheetStreamName(runId),
      stateCache: this.sheets,
      commandId: randomUUID(),
      command: correctAttendanceCommand(runId, withSessionDate(run, correction), metadata),
      maxAttempts: MAX_ATTEMPTS,
    });
    return result.events.map((event) => event.type);
  }

  /**
   * Many corrections of the run, decided in the order given as `correct` decides one, each on the
   * sheet as the earlier ones left it; the accepted ones are recorded together, or none are.
   */
  async correctMany(
    run: CourseRun,
    corrections: readonly AttendanceCorrectionRequest[],
    metadata: MessageMetadata,
    completion?: KeyCompletion<BulkCorrectionResult>,
  ): Promise<BulkCorrectionResult> {
    const runId = run.facts.runId;
    return this.recordEach({
      decider: attendanceSheetDecider,
      streamName: attendanceSheetStreamName(runId),
      stateCache: this.sheets,
      metadata,
      commands: () => corrections.map((correction) => correctAttendanceCommand(runId, withSessionDate(run, correction), metadata)),
      answerOf: (outcomes) => ({ runId, ...bulkAnswer(corrections, outcomes, { subject: ({ sessionId, traineeId }) => ({ sessionId, traineeId }) }) }),
      completion,
    });
  }

  async recordAssessment(run: CourseRun, assessment: AssessmentRequest, metadata: MessageMetadata): Promise<readonly string[]> {
    const runId = run.facts.runId;
    const approvedTrainees = await this.approvedTrainees.among(runId, [assessment.traineeId]);
    const result = await handleCommand(this.eventStore, runResultsDecider, {
      streamName: runResultsStreamName(runId),
      stateCache: this.results,
      commandId: randomUUID(),
      command: recordAssessmentCommand(run, assessment, approvedTrainees, metadata),
      maxAttempts: MAX_ATTEMPTS,
    });
    return result.events.map((event) => event.type);
  }

  /**
   * Many trainees' assessments, each decided as `recordAssessment` decides one; the accepted ones
   * are recorded together, or none are.
   */
  async recordAssessments(
    run: CourseRun,
    assessments: readonly AssessmentRequest[],
    metadata: MessageMetadata,
    completion?: KeyCompletion<BulkAssessmentResult>,
  ): Promise<BulkAssessmentResult> {
    const runId = run.facts.runId;
    const approvedTrainees = await this.approvedTrainees.among(runId, assessments.map((assessment) => assessment.traineeId));
    return this.recordEach({
      decider: runResultsDecider,
      streamName: runResultsStreamName(runId),
      stateCache: this.results,
      metadata,
      commands: () => assessments.map((assessment) => recordAssessmentCommand(run, assessment, approvedTrainees, metadata)),
      answerOf: (outcomes) => ({ runId, ...bulkAnswer(assessments, outcomes, { subject: ({ traineeId }) => ({ traineeId }) }) }),
      completion,
    });
  }

  /**
   * Every item of a bulk request is judged on its own; the accepted ones are appended together on
   * condition that the stream did not change meanwhile, so a request records all its accepted items
   * or none. On a concurrent append the whole request is decided again. The append completes the
   * request's Idempotency-Key with the answer, where the key's store allows it.
   */
  private async recordEach<TCommand extends Command, TEvent extends DomainEvent, TState, TAnswer>(request: {
    readonly decider: Decider<TCommand, TEvent, TState>;
    readonly streamName: string;
    readonly stateCache: StreamStateCache<TState>;
    readonly metadata: MessageMetadata;
    readonly commands: () => readonly TCommand[];
    readonly answerOf: (outcomes: readonly EachOutcome<unknown>[]) => TAnswer;
    readonly completion: KeyCompletion<TAnswer> | undefined;
  }): Promise<TAnswer> {
    const { answerOf, completion } = request;
    // The answer the append completed the key with, so that it is built once.
    let answerInAppend: TAnswer | undefined;
    const decided = await handleEachCommand(this.eventStore, request.decider, {
      streamName: request.streamName,
      stateCache: request.stateCache,
      commandId: randomUUID(),
      metadata: request.metadata,
      maxAttempts: MAX_ATTEMPTS,
      commands: request.commands,
      idempotencyKey: (outcomes) => {
        answerInAppend = answerOf(outcomes);
        return completion?.answeredBy(answerInAppend);
      },
    });
    if (!decided.keyCompleted || answerInAppend === undefined) return answerOf(decided.outcomes);
    completion?.completedWithEvents();
    return answerInAppend;
  }

  /** A sending agency is one with at least one approved trainee on the run. */
  async submitFeedback(run: CourseRun, agencyId: string, feedback: FeedbackRequest, metadata: MessageMetadata): Promise<readonly string[]> {
    const runId = run.facts.runId;
    enforce(mayGiveFeedbackOn(runId, agencyId, await this.approvedTrainees.sendingAgencies(runId)));
    const result = await handleCommand(this.eventStore, runResultsDecider, {
      streamName: runResultsStreamName(runId),
      stateCache: this.results,
      commandId: randomUUID(),
      command: submitFeedbackCommand(run, agencyId, feedback, metadata),
      maxAttempts: MAX_ATTEMPTS,
    });
    return result.events.map((event) => event.type);
  }
}

/** A posting of marks; `attendanceMarkCommands` splits it into one command per mark. */
export const recordAttendanceCommand = (
  runId: string,
  run: AttendanceRunView,
  marks: readonly AttendanceMark[],
  postedBy: string,
  approvedTrainees: readonly string[],
  metadata: MessageMetadata,
): RecordAttendance => ({
  type: 'RecordAttendance',
  data: { runId, postedBy, run, approvedTrainees, toleranceMinutes: OBSERVATION_TOLERANCE_MINUTES, marks },
  metadata,
});

export type AttendanceCorrectionRequest = Omit<CorrectAttendance['data'], 'runId' | 'correctedBy' | 'sessionDate'>;

/** The correction with the date of the session it corrects, from the run's timetable, when the session is in it. */
function withSessionDate(run: CourseRun, correction: AttendanceCorrectionRequest): AttendanceCorrectionRequest & { readonly sessionDate?: string } {
  const sessionDate = run.sessions.find((session) => session.sessionId === correction.sessionId)?.date;
  return { ...correction, ...(sessionDate ? { sessionDate } : {}) };
}

/** A correction is made by whoever sends it. */
export const correctAttendanceCommand = (
  runId: string,
  correction: AttendanceCorrectionRequest & { readonly sessionDate?: string },
  metadata: MessageMetadata,
): CorrectAttendance => ({
  type: 'CorrectAttendance',
  data: { runId, ...correction, correctedBy: metadata.actor.id },
  metadata,
});

/** Judged by the pass mark and status of the run as its own stream holds them. */
export const recordAssessmentCommand = (
  run: CourseRun,
  assessment: AssessmentRequest,
  approvedTrainees: readonly string[],
  metadata: MessageMetadata,
): RecordAssessment => ({
  type: 'RecordAssessment',
  data: {
    runId: run.facts.runId,
    ...assessment,
    passMark: run.completionRule.passMark,
    runStatus: run.status,
    approvedTrainees,
  },
  metadata,
});

export const submitFeedbackCommand = (run: CourseRun, agencyId: string, feedback: FeedbackRequest, metadata: MessageMetadata): SubmitFeedback => ({
  type: 'SubmitFeedback',
  data: {
    runId: run.facts.runId,
    feedbackId: feedback.feedbackId,
    from: feedback.from,
    agencyId,
    ratings: feedback.ratings,
    comment: feedback.comment ?? null,
    runStatus: run.status,
  },
  metadata,
});
