import { runFeedback, type RunFeedbackView } from './run-feedback';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { assertNever, DomainRuleViolation, enforce, refuse } from '@training-ledger/decider';
import {
  requireIdempotencyKey,
  ApiBulkAnswer,
  ApiIdempotencyKey,
  commandMetadata,
  CorrelationId,
  currentTime,
  executeIdempotently,
  IDEMPOTENCY_KEY_HEADER,
  type IdempotencyStore,
} from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import type { CourseRun } from '../course-runs/course-run.state';
import { ASSESSMENT_IDEMPOTENCY_STORE, ATTENDANCE_CORRECTION_IDEMPOTENCY_STORE, ATTENDANCE_IDEMPOTENCY_STORE } from './attendance-idempotency';
import {
  AttendanceCellDto,
  AttendanceCorrectionsDto,
  CorrectAttendanceDto,
  PostAttendanceDto,
  RecordAssessmentDto,
  RecordAssessmentsDto,
  SubmitFeedbackDto,
} from './attendance-requests.dto';
import { type AttendanceCell, attendanceCellsOfRun, historyOfCell, marksOfTrainee } from './attendance-sheet.queries';
import type { AttendanceHistoryStep } from './attendance-sheet.projection';
import {
  type AssessmentResult,
  AttendanceService,
  type BulkAssessmentResult,
  type BulkAttendanceResult,
  type BulkCorrectionResult,
} from './attendance.service';
import { ApprovedTrainees } from '../approved-trainees/approved-trainees';
import { type AttendanceShare, attendanceShare } from './attendance-share';
import {
  ASSESSMENT_RECORDERS,
  ATTENDANCE_CORRECTORS,
  ATTENDANCE_POSTERS,
  attendanceReadScope,
  feedbackAgencyOf,
  FEEDBACK_GIVERS,
  mayGiveFeedbackAs,
  noTraineeToRead,
  mayRecordAssessment,
  rosterReadScope,
  ATTENDANCE_READERS,
} from './who-may';

export interface AttendanceSheetView {
  readonly runId: string;
  readonly sessions: readonly { sessionId: string; date: string; startsAt: string; endsAt: string; cancelled: boolean }[];
  readonly entries: readonly AttendanceCell[];
}

export interface AttendanceHistoryView {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly steps: readonly AttendanceHistoryStep[];
}

export interface AttendanceShareView extends AttendanceShare {
  readonly runId: string;
  readonly traineeId: string;
}


@ApiTags('Attendance, assessments and feedback (điểm danh, đánh giá)')
@ApiBearerAuth()
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly projector: Projector,
    private readonly approvedTrainees: ApprovedTrainees,
    @Inject(ATTENDANCE_IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore<BulkAttendanceResult>,
    @Inject(ATTENDANCE_CORRECTION_IDEMPOTENCY_STORE) private readonly correctionIdempotency: IdempotencyStore<BulkCorrectionResult>,
    @Inject(ASSESSMENT_IDEMPOTENCY_STORE) private readonly assessmentIdempotency: IdempotencyStore<BulkAssessmentResult>,
  ) {}

  @Post('runs/:runId/attendance')
  @HttpCode(200)
  @Roles(...ATTENDANCE_POSTERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Post attendance marks of a run in bulk (điểm danh), up to 5,000 at once',
    description:
      'Only the system of the institution delivering the run or of the agency hosting it posts. Each mark gets its ' +
      'own result: accepted, already-recorded (the same record id with the same content) or refused with the rule ' +
      'it breaks and its kind (conflict for a record id posted with other content or a trainee already marked). ' +
      'The accepted marks are recorded together.',
  })
  @ApiBulkAnswer({
    description: 'A result per mark, in the order posted, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { recordId: { type: 'string', description: 'The caller’s own id for the mark' } },
  })
  async post(
    @Param('runId') runId: string,
    @Body() body: PostAttendanceDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkAttendanceResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never records a mark twice');
    const run = await this.attendance.requirePoster(runId, actor, false);
    return executeIdempotently(
      this.idempotency,
      { key, scope: `attendance:${actor.id}:${runId}`, request: { runId, marks: body.marks } },
      (completion) => this.attendance.postMarks(run, body.marks, actor.id, commandMetadata(actor, correlationId), completion),
    );
  }

  @Post('runs/:runId/attendance/corrections')
  @HttpCode(200)
  @Roles(...ATTENDANCE_CORRECTORS)
  @ApiOperation({ summary: 'Correct a recorded mark, with the reason (sửa điểm danh)' })
  async correct(
    @Param('runId') runId: string,
    @Body() body: CorrectAttendanceDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const run = await this.attendance.requirePoster(runId, actor, true);
    const recorded = await this.attendance.correct(
      run,
      { sessionId: body.sessionId, traineeId: body.traineeId, newStatus: body.newStatus, reason: body.reason },
      commandMetadata(actor, correlationId),
    );
    return { recorded };
  }

  @Post('runs/:runId/attendance/corrections/bulk')
  @HttpCode(200)
  @Roles(...ATTENDANCE_CORRECTORS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Correct many recorded marks of a run at once, each with its reason (sửa điểm danh theo danh sách), up to 1,000',
    description:
      'Each correction is decided as POST /runs/{runId}/attendance/corrections decides one, in the order given, on the ' +
      'sheet as the earlier ones left it: accepted, already-recorded (the mark already has that status) or refused with ' +
      'the rule. The accepted ones are recorded together.',
  })
  @ApiBulkAnswer({
    description: 'A result per correction, in the order given, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { sessionId: { type: 'string' }, traineeId: { type: 'string' } },
  })
  async correctMany(
    @Param('runId') runId: string,
    @Body() body: AttendanceCorrectionsDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkCorrectionResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never corrects a mark twice');
    const run = await this.attendance.requirePoster(runId, actor, true);
    const corrections = body.corrections.map(({ sessionId, traineeId, newStatus, reason }) => ({ sessionId, traineeId, newStatus, reason }));
    return executeIdempotently(
      this.correctionIdempotency,
      { key, scope: `attendance-corrections:${actor.id}:${runId}`, request: { runId, corrections } },
      (completion) => this.attendance.correctMany(run, corrections, commandMetadata(actor, correlationId), completion),
    );
  }

  @Post('runs/:runId/assessments')
  @HttpCode(200)
  @Roles(...ASSESSMENT_RECORDERS)
  @ApiOperation({ summary: "Record a trainee's assessment result for the run (kết quả kiểm tra, đánh giá)" })
  async assess(
    @Param('runId') runId: string,
    @Body() body: RecordAssessmentDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const run = await this.attendance.requireRun(runId);
    enforce(mayRecordAssessment(run, runId, actor));
    const recorded = await this.attendance.recordAssessment(run, body, commandMetadata(actor, correlationId));
    return { recorded };
  }

  @Post('runs/:runId/assessments/bulk')
  @HttpCode(200)
  @Roles(...ASSESSMENT_RECORDERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: "Record many trainees' assessment results for the run at once (kết quả kiểm tra, đánh giá theo danh sách), up to 1,000",
    description:
      'Each result is decided as POST /runs/{runId}/assessments decides one: accepted, already-recorded (the same result ' +
      'sent again) or refused with the rule. The accepted ones are recorded together.',
  })
  @ApiBulkAnswer({
    description: 'A result per trainee, in the order given, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { traineeId: { type: 'string' } },
  })
  async assessMany(
    @Param('runId') runId: string,
    @Body() body: RecordAssessmentsDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkAssessmentResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never records a result twice');
    const run = await this.attendance.requireRun(runId);
    enforce(mayRecordAssessment(run, runId, actor));
    const assessments = body.assessments.map(({ traineeId, score, maxScore, passed }) => ({ traineeId, score, maxScore, passed }));
    return executeIdempotently(
      this.assessmentIdempotency,
      { key, scope: `assessments:${actor.id}:${runId}`, request: { runId, assessments } },
      (completion) => this.attendance.recordAssessments(run, assessments, commandMetadata(actor, correlationId), completion),
    );
  }

  @Get('runs/:runId/assessments')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({ summary: "The run's recorded assessment results, of the trainees the caller may read (kết quả đánh giá)" })
  async assessments(
    @Param('runId') runId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<{ runId: string; assessments: readonly AssessmentResult[] }> {
    const { traineeFilter } = await this.readable(runId, actor, attendanceReadScope);
    const all = await this.attendance.assessments(runId);
    return { runId, assessments: traineeFilter ? all.filter(({ traineeId }) => traineeFilter.traineeId.$in.includes(traineeId)) : all };
  }

  @Post('runs/:runId/feedback')
  @HttpCode(200)
  @Roles(...FEEDBACK_GIVERS)
  @ApiOperation({ summary: 'Submit feedback on a run from a sending agency or its trainee (phản hồi)' })
  async feedback(
    @Param('runId') runId: string,
    @Body() body: SubmitFeedbackDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const agencyId = feedbackAgencyOf(actor, body.agencyId);
    if (!agencyId) throw new DomainRuleViolation('feedback-agency-named', 'agencyId names the sending agency', 'agencyId');
    enforce(mayGiveFeedbackAs(actor, body.agencyId));
    const run = await this.attendance.requireRun(runId);
    const recorded = await this.attendance.submitFeedback(run, agencyId, body, commandMetadata(actor, correlationId));
    return { recorded };
  }

  @Get('runs/:runId/feedback')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({
    summary: "The run's feedback on its effectiveness (phản hồi): counts, average ratings and each response the caller may read",
    description: 'The office and the delivering institution read every response; an agency reads what it and its trainees gave.',
  })
  async feedbackOf(@Param('runId') runId: string, @CurrentActor() actor: AuthenticatedActor): Promise<RunFeedbackView> {
    const run = await this.attendance.requireRun(runId);
    const scope = attendanceReadScope(run, actor, await this.approvedTrainees.sendingAgencies(runId));
    return runFeedback(runId, await this.attendance.feedback(runId), scope);
  }

  @Get('runs/:runId/attendance')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({ summary: 'The attendance sheet of a run: the status in force per session and trainee (bảng điểm danh)' })
  async sheet(@Param('runId') runId: string, @CurrentActor() actor: AuthenticatedActor): Promise<AttendanceSheetView> {
    const { run, traineeFilter } = await this.readable(runId, actor, attendanceReadScope);
    const entries = await attendanceCellsOfRun(this.projector, runId, traineeFilter);
    return {
      runId,
      sessions: run.sessions.map(({ sessionId, date, startsAt, endsAt, cancelled }) => ({ sessionId, date, startsAt, endsAt, cancelled })),
      entries,
    };
  }

  @Get('runs/:runId/attendance/history')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({
    summary: "One cell's history: the mark as posted and every correction, with who and when (lịch sử điểm danh)",
    description: 'Read by whoever may read the cell on the sheet; oldest first.',
  })
  async history(
    @Param('runId') runId: string,
    @Query() query: AttendanceCellDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<AttendanceHistoryView> {
    const { traineeFilter } = await this.readable(runId, actor, attendanceReadScope);
    const { sessionId, traineeId } = query;
    requireReadableTrainee(traineeFilter, traineeId, runId);
    const steps = await historyOfCell(this.projector, { runId, sessionId, traineeId });
    return { runId, sessionId, traineeId, steps };
  }

  @Get('runs/:runId/roster')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({ summary: 'The trainees approved for the run, as enrolment published them (danh sách học viên)' })
  async roster(@Param('runId') runId: string, @CurrentActor() actor: AuthenticatedActor): Promise<{ runId: string; traineeIds: string[] }> {
    const { traineeFilter } = await this.readable(runId, actor, rosterReadScope);
    const traineeIds = await this.approvedTrainees.of(runId);
    return { runId, traineeIds: traineeFilter ? traineeIds.filter((traineeId) => traineeFilter.traineeId.$in.includes(traineeId)) : traineeIds };
  }

  @Get('runs/:runId/trainees/:traineeId/attendance-share')
  @Roles(...ATTENDANCE_READERS)
  @ApiOperation({
    summary: "A trainee's share of the run's held sessions attended, and whether the run's completion rule is met (tỷ lệ tham dự, điều kiện hoàn thành)",
    description:
      'Judged by the same completion rule certification issues certificates by: the share is rounded down to four places, ' +
      'excused absences count only when the rule says so, and `completed` also needs an approved nomination and, when the rule ' +
      'requires one, a passed assessment. Before the run is completed it answers for the sessions held so far.',
  })
  async share(
    @Param('runId') runId: string,
    @Param('traineeId') traineeId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<AttendanceShareView> {
    const { run, traineeFilter } = await this.readable(runId, actor, attendanceReadScope);
    requireReadableTrainee(traineeFilter, traineeId, runId);
    const [marks, assessmentPassed, approved] = await Promise.all([
      marksOfTrainee(this.projector, runId, traineeId),
      this.attendance.assessmentPassed(runId, traineeId),
      this.approvedTrainees.among(runId, [traineeId]),
    ]);
    const trainee = { marks, assessmentPassed, nominationApproved: approved.includes(traineeId) };
    return { runId, traineeId, ...attendanceShare(run, trainee, currentTime().getTime()) };
  }

  /** The run, and which of its trainees the caller may read (no filter: all of them), by the slice's own rule. */
  private async readable(
    runId: string,
    actor: AuthenticatedActor,
    scopeOf: typeof attendanceReadScope,
  ): Promise<{ run: CourseRun; traineeFilter: { traineeId: { $in: string[] } } | null }> {
    const run = await this.attendance.requireRun(runId);
    const scope = scopeOf(run, actor, await this.approvedTrainees.sendingAgencies(runId));
    switch (scope.kind) {
      case 'whole-run':
        return { run, traineeFilter: null };
      case 'own-agency':
        return { run, traineeFilter: { traineeId: { $in: await this.approvedTrainees.ofAgency(runId, scope.agencyId) } } };
      case 'none':
        return refuse(noTraineeToRead(runId));
      default:
        return assertNever(scope, 'attendance read scope');
    }
  }

}

/** An agency reading its own trainees only is told a trainee of another agency is not there. */
function requireReadableTrainee(traineeFilter: { traineeId: { $in: string[] } } | null, traineeId: string, runId: string): void {
  if (traineeFilter && !traineeFilter.traineeId.$in.includes(traineeId)) {
    throw new DomainRuleViolation('attendance-of-own-trainees', `Trainee ${traineeId} is not one of this agency's trainees in run ${runId}`, 'traineeId', 'not-found');
  }
}
