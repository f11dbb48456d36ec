import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { commandMetadata, CorrelationId } from '@training-ledger/platform';
import { REPORTING_CLOCK, type Clock } from '../clock';
import { PolicyService } from '../policy/policy.service';
import type { EvaluationRecord } from './evaluation.decider';
import { IssueEvaluationDto, PolicyParams, VersionPolicyDto } from './evaluation-requests.dto';
import { EvaluationsService, type ReplayOutcome, type Restatement } from './evaluations.service';

const readers = ['evaluator', 'auditor', 'programme-admin', 'monitor'] as const;

/** The evaluation without its report body, which is served by the export endpoints. */
export type EvaluationSummary = Omit<EvaluationRecord, 'reportJson' | 'inputDigest'>;
const summary = ({ reportJson: _report, inputDigest: _digest, ...rest }: EvaluationRecord): EvaluationSummary => rest;

@ApiTags('Evaluations (sơ kết, tổng kết)')
@ApiBearerAuth()
@Controller()
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly policies: PolicyService,
    @Inject(REPORTING_CLOCK) private readonly clock: Clock,
  ) {}

  @Post('evaluations')
  @Roles('evaluator')
  @ApiOperation({
    summary: 'Issue an evaluation computed from the event log alone, sealed with the hash of its report and of its inputs',
  })
  async issue(@Body() body: IssueEvaluationDto, @CurrentActor() actor: AuthenticatedActor, @CorrelationId() correlationId: string): Promise<EvaluationSummary> {
    const issuedAt = this.clock.now().toISOString();
    return summary(await this.evaluations.issue(body, issuedAt, commandMetadata(actor, correlationId, issuedAt)));
  }

  @Get('evaluations')
  @Roles(...readers)
  @ApiOperation({ summary: 'Issued evaluations' })
  async list(): Promise<EvaluationSummary[]> {
    return (await this.evaluations.list()).map(summary);
  }

  @Get('evaluations/:evaluationId')
  @Roles(...readers)
  @ApiOperation({ summary: 'An issued evaluation: what it read, the versions it used and its hashes' })
  async get(@Param('evaluationId') evaluationId: string): Promise<EvaluationRecord> {
    return this.evaluations.issued(evaluationId);
  }

  @Post('evaluations/:evaluationId/replay')
  @HttpCode(200)
  @Roles('auditor', 'evaluator')
  @ApiOperation({
    summary: 'Replay an evaluation: re-read exactly its recorded events and recompute',
    description: 'Answers identical with the hash, or names where the input diverges (topic, partition, offset) or the first figure that differs.',
  })
  async replay(@Param('evaluationId') evaluationId: string, @CurrentActor() actor: AuthenticatedActor, @CorrelationId() correlationId: string): Promise<ReplayOutcome> {
    const outcome = await this.evaluations.replay(evaluationId);
    await this.evaluations.recordReplay(evaluationId, outcome, commandMetadata(actor, correlationId, this.clock.now().toISOString()));
    return outcome;
  }

  @Get('evaluations/:evaluationId/restatement')
  @Roles(...readers)
  @ApiOperation({ summary: 'The same as-of date over today’s log: what changed since issue and the events that changed it' })
  restate(@Param('evaluationId') evaluationId: string): Promise<Restatement> {
    return this.evaluations.restate(evaluationId);
  }

  @Get('policies/:policy')
  @Roles(...readers)
  @ApiOperation({ summary: 'Every version of a policy: coverage-rule or phase-targets' })
  policyVersions(@Param() params: PolicyParams) {
    return this.policies.versions(params.policy);
  }

  @Post('policies/:policy')
  @Roles('programme-admin')
  @ApiOperation({ summary: 'Record a new version of a policy; evaluations name the version they used' })
  async versionPolicy(
    @Param() params: PolicyParams,
    @Body() body: VersionPolicyDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ) {
    const versioned = await this.policies.version(params.policy, commandMetadata(actor, correlationId, this.clock.now().toISOString()), body.content, body.reason);
    return versioned ?? { unchanged: true };
  }
}
