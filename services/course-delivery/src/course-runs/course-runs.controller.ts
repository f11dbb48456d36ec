import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, loadStreamState, type EventStore } from '@training-ledger/event-store';
import { commandMetadata, CorrelationId, type PagedResponse, pageOf, setTotalCount } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { courseDecider, courseStreamName } from '../catalogue/course.decider';
import { vietnameseDate } from '@training-ledger/platform';
import {
  addSessionCommand,
  assignLecturerCommand,
  CancellationDto,
  cancelCourseRunCommand,
  cancelSessionCommand,
  CourseRunsQuery,
  LecturerDto,
  rescheduleCourseRunCommand,
  RunDatesDto,
  scheduleCourseRunCommand,
  ScheduleCourseRunDto,
  SessionDto,
} from './course-run.dto';
import { courseRunDecider } from './course-run.decider';
import type { ScheduledCourse } from './course-run.plan';
import { type CourseRunCommand, courseRunStreamName } from './course-run.state';
import { courseRunById, courseRunsPage, type CourseRunSummary, type CourseRunView } from './course-runs.queries';
import { RUN_PLANNERS, RUN_READERS } from './who-may';

export interface RunCommandResult {
  readonly runId: string;
  readonly status: string;
  readonly recorded: readonly string[];
}

@ApiTags('Course runs (lớp bồi dưỡng)')
@ApiBearerAuth()
@Controller('runs')
export class CourseRunsController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projector: Projector,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({
    summary: 'Schedule a run of a catalogued course under the completion rule in force now',
    description: 'The same scheduling sent again records nothing; a different one for the same run is refused.',
  })
  async schedule(
    @Body() body: ScheduleCourseRunDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    const course = await this.courseAsItStands(body.courseId);
    const runId = body.runId ?? randomUUID();
    return this.run(runId, scheduleCourseRunCommand(runId, body, course, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/reschedule')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Change the dates, nomination deadline, seats or quotas of a run not yet started' })
  async reschedule(
    @Param('runId') runId: string,
    @Body() body: RunDatesDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    return this.run(runId, rescheduleCourseRunCommand(runId, body, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/sessions')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Add a session (buổi học) to the timetable' })
  async addSession(
    @Param('runId') runId: string,
    @Body() body: SessionDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    return this.run(runId, addSessionCommand(runId, body, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/sessions/:sessionId/cancel')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Cancel a session; it stays in the timetable, marked, and is not counted as held' })
  async cancelSession(
    @Param('runId') runId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: CancellationDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    return this.run(runId, cancelSessionCommand(runId, sessionId, body, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/lecturers')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Assign a lecturer (giảng viên) to the run' })
  async assignLecturer(
    @Param('runId') runId: string,
    @Body() body: LecturerDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    return this.run(runId, assignLecturerCommand(runId, body, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/cancel')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Cancel the run (hủy lớp); a completed run cannot be cancelled' })
  async cancel(
    @Param('runId') runId: string,
    @Body() body: CancellationDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    return this.run(runId, cancelCourseRunCommand(runId, body, commandMetadata(actor, correlationId)));
  }

  @Post(':runId/start')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({ summary: 'Open the run (khai giảng), on or after its start date in Viet Nam' })
  async start(
    @Param('runId') runId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    const metadata = commandMetadata(actor, correlationId);
    return this.run(runId, { type: 'StartCourseRun', data: { runId, today: vietnameseDate(metadata.occurredAt) }, metadata });
  }

  @Post(':runId/complete')
  @HttpCode(200)
  @Roles(...RUN_PLANNERS)
  @ApiOperation({
    summary: 'Close the run (bế giảng) once its last session is past',
    description: 'Publishes the sessions held, whether a foreign lecturer taught, and the completion rule the run keeps.',
  })
  async complete(
    @Param('runId') runId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RunCommandResult> {
    const metadata = commandMetadata(actor, correlationId);
    return this.run(runId, { type: 'CompleteCourseRun', data: { runId, today: vietnameseDate(metadata.occurredAt) }, metadata });
  }

  @Get()
  @Roles(...RUN_READERS)
  @ApiOperation({ summary: 'Runs by start date, optionally overlapping a period, of one level, format, status or course, hosted by one agency or delivered by one institution' })
  async list(@Query() query: CourseRunsQuery, @Res({ passthrough: true }) response: PagedResponse): Promise<CourseRunSummary[]> {
    const { total, items } = await courseRunsPage(this.projector, query, pageOf(query));
    setTotalCount(response, total);
    return items;
  }

  @Get(':runId')
  @Roles(...RUN_READERS)
  @ApiOperation({ summary: 'One run with its timetable, cancelled sessions marked, and its lecturers' })
  async one(@Param('runId') runId: string): Promise<CourseRunView> {
    const run = await courseRunById(this.projector, runId);
    if (!run) throw new DomainRuleViolation('run-must-exist', `Run ${runId} is not scheduled`, 'runId', 'not-found');
    return run;
  }

  private async run(runId: string, command: CourseRunCommand & { metadata: MessageMetadata }): Promise<RunCommandResult> {
    const result = await handleCommand(this.eventStore, courseRunDecider, {
      streamName: courseRunStreamName(runId),
      commandId: randomUUID(),
      maxAttempts: 3,
      command,
    });
    return { runId, status: result.state.status, recorded: result.events.map((event) => event.type) };
  }

  /** The course as the catalogue's own stream holds it now, with the rule in force. */
  private async courseAsItStands(courseId: string): Promise<ScheduledCourse> {
    const { state } = await loadStreamState(this.eventStore, courseDecider, courseStreamName(courseId));
    if (state.status !== 'defined') {
      throw new DomainRuleViolation('course-must-exist', `Course ${courseId} is not in the catalogue`, 'courseId', 'not-found');
    }
    const { definition } = state;
    return {
      courseId: definition.courseId,
      code: definition.code,
      level: definition.level,
      trainingGroup: definition.trainingGroup,
      format: definition.format,
      eligibleTargetGroups: definition.eligibleTargetGroups,
      eligibleRanks: definition.eligibleRanks,
      completionRule: state.completionRule,
    };
  }
}
