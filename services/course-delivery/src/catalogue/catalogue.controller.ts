import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import { handleCommand, type EventStore } from '@training-ledger/event-store';
import { commandMetadata, CorrelationId, type PagedResponse, pageOf, setTotalCount } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { courseById, courseCataloguePage, type CourseSummary, type CourseView } from './course-catalogue.queries';
import { CourseCatalogueQuery, defineCourseCommand, DefineCourseDto, versionCompletionRuleCommand, VersionCompletionRuleDto } from './course.dto';
import { courseDecider, courseStreamName } from './course.decider';
import { CATALOGUE_EDITORS, CATALOGUE_READERS } from './who-may';

@ApiTags('Course catalogue (danh mục khóa học)')
@ApiBearerAuth()
@Controller('courses')
export class CatalogueController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projector: Projector,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({
    summary: 'Define a course with its first completion rule',
    description: 'Sending the same definition again records nothing; a different one for the same course is refused.',
  })
  async define(
    @Body() body: DefineCourseDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ courseId: string; recorded: readonly string[] }> {
    const result = await handleCommand(this.eventStore, courseDecider, {
      streamName: courseStreamName(body.courseId),
      commandId: randomUUID(),
      maxAttempts: 3,
      command: defineCourseCommand(body, commandMetadata(actor, correlationId)),
    });
    return { courseId: body.courseId, recorded: result.events.map((event) => event.type) };
  }

  @Post(':courseId/completion-rules')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({
    summary: 'Put a new version of the completion rule in force',
    description: 'Runs already scheduled keep the rule they were scheduled under; the same terms again record nothing.',
  })
  async versionCompletionRule(
    @Param('courseId') courseId: string,
    @Body() body: VersionCompletionRuleDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ courseId: string; ruleVersion: number; recorded: readonly string[] }> {
    const result = await handleCommand(this.eventStore, courseDecider, {
      streamName: courseStreamName(courseId),
      commandId: randomUUID(),
      maxAttempts: 3,
      command: versionCompletionRuleCommand(courseId, body, commandMetadata(actor, correlationId)),
    });
    if (result.state.status !== 'defined') {
      throw new DomainRuleViolation('course-must-exist', `Course ${courseId} is not defined`, 'courseId', 'not-found');
    }
    return {
      courseId,
      ruleVersion: result.state.completionRule.ruleVersion,
      recorded: result.events.map((event) => event.type),
    };
  }

  @Get()
  @Roles(...CATALOGUE_READERS)
  @ApiOperation({ summary: 'The catalogue, by code, optionally of one level, training group or format, or searched by title' })
  async list(@Query() query: CourseCatalogueQuery, @Res({ passthrough: true }) response: PagedResponse): Promise<CourseSummary[]> {
    const { total, items } = await courseCataloguePage(this.projector, query, pageOf(query));
    setTotalCount(response, total);
    return items;
  }

  @Get(':courseId')
  @Roles(...CATALOGUE_READERS)
  @ApiOperation({ summary: 'One course with every version of its completion rule, oldest first' })
  async one(@Param('courseId') courseId: string): Promise<CourseView> {
    const entry = await courseById(this.projector, courseId);
    if (!entry) {
      throw new DomainRuleViolation('course-must-exist', `Course ${courseId} is not in the catalogue`, 'courseId', 'not-found');
    }
    return entry;
  }
}
