import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertAgencyAccess, CurrentActor, isAgencyBound, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import {
  requireIdempotencyKey,
  ApiBulkAnswer,
  ApiIdempotencyKey,
  ApiPaged,
  commandMetadata,
  CorrelationId,
  executeIdempotently,
  IDEMPOTENCY_KEY_HEADER,
  type IdempotencyStore,
  type Page,
  type PagedResponse,
  pageOf,
  setTotalCount,
} from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { ApiRowChecks, CheckRowsDto, type RowChecks } from '../row-checks/row-checks';
import { type NominationFilter, nominationsPage, type NominationView } from './nomination-list.queries';
import {
  DecideNominationsDto,
  nominationDecisions,
  NominationQueueQuery,
  OptionalReasonDto,
  ReasonDto,
  rejectionCommand,
  SubmitNominationsDto,
  withdrawalCommand,
} from './nomination-requests.dto';
import { NOMINATION_DECISION_IDEMPOTENCY_STORE, NOMINATION_IDEMPOTENCY_STORE } from './nomination-idempotency';
import { type BulkDecisionResult, type BulkNominationResult, NominationsService } from './nominations.service';
import { NOMINATION_DECIDERS, NOMINATION_READERS, NOMINATION_WITHDRAWERS, NOMINATORS } from './who-may';


@ApiTags('Nominations (cử cán bộ)')
@ApiBearerAuth()
@Controller()
export class NominationsController {
  constructor(
    private readonly nominations: NominationsService,
    private readonly projector: Projector,
    @Inject(NOMINATION_IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore<BulkNominationResult>,
    @Inject(NOMINATION_DECISION_IDEMPOTENCY_STORE) private readonly decisionIdempotency: IdempotencyStore<BulkDecisionResult>,
  ) {}

  @Post('runs/:runId/nominations')
  @HttpCode(200)
  @Roles(...NOMINATORS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: "Nominate one or many of an agency's trainees to a course run (cử cán bộ tham gia khóa bồi dưỡng)",
    description:
      'Each trainee is checked on its own (belongs to the agency, target group and rank admitted, not already nominated, ' +
      'run open for nominations); the accepted ones are recorded together, and the answer gives a result per trainee: ' +
      'accepted, already-recorded (the same nomination sent again) or refused with the rule.',
  })
  @ApiBulkAnswer({
    description: 'A result per trainee, in the order given, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { traineeId: { type: 'string' }, nominationId: { type: 'string' } },
  })
  async submit(
    @Param('runId') runId: string,
    @Body() body: SubmitNominationsDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkNominationResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never nominates twice');
    const agencyId = isAgencyBound(actor) ? actor.agencyId : body.agencyId;
    if (!agencyId) throw new DomainRuleViolation('nominating-agency-named', 'agencyId names the nominating agency', 'agencyId');
    assertAgencyAccess(actor, agencyId);
    return executeIdempotently(
      this.idempotency,
      { key, scope: `nominations:${actor.id}:${runId}`, request: { runId, agencyId, nominations: body.nominations } },
      () => this.nominations.submitMany(runId, agencyId, body.nominations, commandMetadata(actor, correlationId), key),
    );
  }

  @Post('agencies/:agencyId/nominations/check')
  @HttpCode(200)
  @Roles(...NOMINATORS)
  @ApiOperation({
    summary: 'Check nominations before submitting them (kiểm tra trước khi cử): records nothing',
    description:
      'Each row names a run and a trainee (and may give the nomination id). It is validated and decided as a submission ' +
      'of the agency would be, on the run as it stands and on the rows before it; nothing is appended. The answer gives ' +
      'a result per row as a bulk answer does: accepted (would be recorded), already-recorded, or refused with the rule ' +
      '(a row that is not a valid body is refused with status 400 and its field errors).',
  })
  @ApiRowChecks()
  checkRows(
    @Param('agencyId') agencyId: string,
    @Body() body: CheckRowsDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RowChecks> {
    assertAgencyAccess(actor, agencyId);
    return this.nominations.checkMany(agencyId, body.rows, commandMetadata(actor, correlationId));
  }

  @Post('runs/:runId/nominations/decisions')
  @HttpCode(200)
  @Roles(...NOMINATION_DECIDERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Approve, reject or waitlist many nominations of a run at once (duyệt danh sách cử cán bộ)',
    description:
      'The decisions are taken in the order given, each against the run as the earlier ones left it (capacity, quotas); ' +
      'the accepted ones are recorded together, and the answer gives a result per decision: accepted, ' +
      'already-recorded (the nomination already stood so) or refused with the rule.',
  })
  @ApiBulkAnswer({
    description: 'A result per decision, in the order given, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { nominationId: { type: 'string' }, decision: { type: 'string', enum: [...nominationDecisions] } },
  })
  decideMany(
    @Param('runId') runId: string,
    @Body() body: DecideNominationsDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkDecisionResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never decides twice');
    return executeIdempotently(
      this.decisionIdempotency,
      { key, scope: `nomination-decisions:${actor.id}:${runId}`, request: { runId, decisions: body.decisions } },
      () => this.nominations.decideMany(runId, body.decisions, commandMetadata(actor, correlationId)),
    );
  }

  @Post('runs/:runId/nominations/:nominationId/approve')
  @HttpCode(200)
  @Roles(...NOMINATION_DECIDERS)
  @ApiOperation({ summary: 'Approve a nomination within the run’s capacity and the agency’s quota (duyệt)' })
  approve(
    @Param('runId') runId: string,
    @Param('nominationId') nominationId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const metadata = commandMetadata(actor, correlationId);
    return this.recorded(
      this.nominations.decideOne(runId, (run, today) => ({ type: 'ApproveNomination', data: { nominationId, run, today }, metadata }), metadata),
    );
  }

  @Post('runs/:runId/nominations/:nominationId/reject')
  @HttpCode(200)
  @Roles(...NOMINATION_DECIDERS)
  @ApiOperation({ summary: 'Reject a nomination, with the reason (từ chối)' })
  reject(
    @Param('runId') runId: string,
    @Param('nominationId') nominationId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const metadata = commandMetadata(actor, correlationId);
    return this.recorded(
      this.nominations.decideOne(runId, () => rejectionCommand(nominationId, body, metadata), metadata),
    );
  }

  @Post('runs/:runId/nominations/:nominationId/waitlist')
  @HttpCode(200)
  @Roles(...NOMINATION_DECIDERS)
  @ApiOperation({ summary: 'Put a nomination on the waitlist (danh sách chờ)' })
  waitlist(
    @Param('runId') runId: string,
    @Param('nominationId') nominationId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const metadata = commandMetadata(actor, correlationId);
    return this.recorded(
      this.nominations.decideOne(runId, () => ({ type: 'WaitlistNomination', data: { nominationId }, metadata }), metadata),
    );
  }

  @Post('runs/:runId/nominations/:nominationId/withdraw')
  @HttpCode(200)
  @Roles(...NOMINATION_WITHDRAWERS)
  @ApiOperation({
    summary: 'Withdraw a nomination before the run starts (rút cử); a freed seat goes to the waitlist',
    description: "The nominating agency's system withdraws its own nominations; MOFA's programme office may withdraw any, at the agency's request.",
  })
  withdraw(
    @Param('runId') runId: string,
    @Param('nominationId') nominationId: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ recorded: readonly string[] }> {
    const metadata = commandMetadata(actor, correlationId);
    return this.recorded(
      this.nominations.decideOne(runId, (run, today) => withdrawalCommand(nominationId, actor, body, run, today, metadata), metadata),
    );
  }

  @Get('nominations')
  @Roles(...NOMINATION_READERS)
  @ApiOperation({
    summary: 'Nominations across runs, by status, run or agency (hàng chờ đề cử); an agency sees its own',
    description: 'Oldest first, so that the programme office decides in the order agencies nominated.',
  })
  async queue(
    @Query() query: NominationQueueQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
  ): Promise<NominationView[]> {
    if (query.agencyId) assertAgencyAccess(actor, query.agencyId);
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.runId ? { runId: query.runId } : {}),
      ...(query.agencyId ? { agencyId: query.agencyId } : {}),
      ...(isAgencyBound(actor) ? { agencyId: actor.agencyId } : {}),
    };
    return this.list(filter, pageOf(query), response);
  }

  @Get('runs/:runId/nominations')
  @Roles(...NOMINATION_READERS)
  @ApiOperation({ summary: 'Nominations to a run with their status; an agency sees its own' })
  @ApiPaged()
  async ofRun(
    @Param('runId') runId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<NominationView[]> {
    return this.list(isAgencyBound(actor) ? { runId, agencyId: actor.agencyId } : { runId }, pageOf({ limit, offset }), response);
  }

  @Get('agencies/:agencyId/nominations')
  @Roles(...NOMINATION_READERS)
  @ApiOperation({ summary: 'Every nomination an agency made' })
  @ApiPaged()
  async ofAgency(
    @Param('agencyId') agencyId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<NominationView[]> {
    assertAgencyAccess(actor, agencyId);
    return this.list({ agencyId }, pageOf({ limit, offset }), response);
  }

  @Get('trainees/:traineeId/nominations')
  @Roles(...NOMINATION_READERS)
  @ApiOperation({ summary: "A trainee's nomination history" })
  @ApiPaged()
  async ofTrainee(
    @Param('traineeId') traineeId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<NominationView[]> {
    return this.list(isAgencyBound(actor) ? { traineeId, agencyId: actor.agencyId } : { traineeId }, pageOf({ limit, offset }), response);
  }

  private async list(filter: NominationFilter, page: Page, response: PagedResponse): Promise<NominationView[]> {
    const { total, items } = await nominationsPage(this.projector, filter, page);
    setTotalCount(response, total);
    return items;
  }

  private async recorded(types: Promise<readonly string[]>): Promise<{ recorded: readonly string[] }> {
    return { recorded: await types };
  }
}
