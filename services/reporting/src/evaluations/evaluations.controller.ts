import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainRuleViolation } from '@training-ledger/decider';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { commandMetadata, CorrelationId } from '@training-ledger/platform';
import { REPORTING_CLOCK, type Clock } from '../clock';
import type { EvaluationReport } from '../evaluation-core';
import { type EvaluationExportMeta, reportTables, toCsv, toHtml, toPdf, toXlsx } from '../evaluation-exports';
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

  @Get('evaluations/:evaluationId/report.:format')
  @Roles(...readers)
  @ApiOperation({
    summary: 'The issued report as JSON (its sealed canonical bytes), CSV (one table), XLSX (a sheet per table), HTML or PDF with charts',
  })
  @ApiParam({ name: 'format', enum: ['json', 'csv', 'xlsx', 'html', 'pdf'] })
  @ApiQuery({ name: 'table', required: false, description: 'CSV only: national, agencies (default), by-rank, by-level, by-training-group, by-format, courses, targets' })
  async report(@Param('evaluationId') evaluationId: string, @Param('format') format: string, @Query('table') table?: string): Promise<StreamableFile> {
    const issued = await this.evaluations.issued(evaluationId);
    const report = JSON.parse(issued.reportJson) as EvaluationReport;
    const meta: EvaluationExportMeta = {
      evaluationId: issued.evaluationId,
      kind: issued.kind,
      asOf: issued.asOf,
      coverageRuleVersion: issued.coverageRuleVersion,
      phaseTargetsVersion: issued.phaseTargetsVersion,
      reportCodeVersion: issued.reportCodeVersion,
      reportSha256: issued.reportSha256,
      inputDigestSha256: issued.inputDigestSha256,
      issuedAt: issued.issuedAt,
      issuedBy: issued.issuedBy,
    };
    const fileName = `evaluation-${issued.kind}-${issued.asOf}`;
    const file = (content: string | Buffer, type: string, extension: string, disposition = 'attachment') =>
      new StreamableFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
        type,
        disposition: `${disposition}; filename="${fileName}${extension}"`,
      });
    switch (format) {
      case 'json':
        return file(issued.reportJson, 'application/json', '.json', 'inline');
      case 'csv': {
        const tables = reportTables(report);
        const chosen = tables.find((candidate) => candidate.name === (table ?? 'agencies'));
        if (!chosen) {
          throw new DomainRuleViolation('table-known', `table must be one of ${tables.map((candidate) => candidate.name).join(', ')}`, 'table');
        }
        return file(toCsv(chosen), 'text/csv; charset=utf-8', `-${chosen.name}.csv`);
      }
      case 'xlsx':
        return file(await toXlsx(reportTables(report), meta), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx');
      case 'html':
        return file(toHtml(report, meta), 'text/html; charset=utf-8', '.html', 'inline');
      case 'pdf':
        return file(await toPdf(report, meta), 'application/pdf', '.pdf', 'inline');
      default:
        throw new DomainRuleViolation('report-format-known', 'The report is served as json, csv, xlsx, html or pdf', 'format', 'not-found');
    }
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
