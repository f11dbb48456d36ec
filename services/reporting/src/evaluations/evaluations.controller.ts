import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainRuleViolation } from '@training-ledger/decider';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { ApiPaged, commandMetadata, CorrelationId, type PagedResponse, pageOf, setTotalCount } from '@training-ledger/platform';
import { randomUUID } from 'node:crypto';
import { REPORTING_CLOCK } from '../clock';
import type { Clock } from '@training-ledger/platform';
import type { EvaluationReport } from '../evaluation-core';
import { type EvaluationExportMeta, reportTables, toCsv, toHtml, toPdf, toXlsx } from '../evaluation-exports';
import type { EvaluationJobView } from '../evaluation-jobs/evaluation-job';
import { EvaluationJobs } from '../evaluation-jobs/evaluation-jobs';
import { accepted, ApiEvaluationJobAccepted, type HeaderWriter } from '../evaluation-jobs/evaluation-jobs.controller';
import { PolicyService } from '../policy/policy.service';
import type { EvaluationRecord } from './evaluation.decider';
import { IssueEvaluationDto, PolicyParams, VersionPolicyDto } from './evaluation-requests.dto';
import { EvaluationsService } from './evaluations.service';
import { EVALUATION_ISSUERS, EVALUATION_READERS, EVALUATION_REPLAYERS, POLICY_PUBLISHERS } from './who-may';

const asJob = 'Runs as a job, one at a time per service: answers 202 with the job, and Location: /evaluation-jobs/{jobId} to follow it.';

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
    private readonly jobs: EvaluationJobs,
    @Inject(REPORTING_CLOCK) private readonly clock: Clock,
  ) {}

  @Post('evaluations')
  @HttpCode(202)
  @Roles(...EVALUATION_ISSUERS)
  @ApiEvaluationJobAccepted()
  @ApiOperation({
    summary: 'Issue an evaluation computed from the event log alone, sealed with the hash of its report and of its inputs',
    description: `${asJob} Its result is the issued evaluation without its report body; resultUrl names the evaluation.`,
  })
  async issue(
    @Body() body: IssueEvaluationDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: HeaderWriter,
  ): Promise<EvaluationJobView> {
    const issuedAt = this.clock.now().toISOString();
    const request = await this.evaluations.withPolicyVersions(body);
    const metadata = commandMetadata(actor, correlationId, issuedAt);
    const evaluationId = randomUUID();
    return accepted(response, () =>
      this.jobs.submit({
        kind: 'issue',
        evaluationId,
        roles: EVALUATION_ISSUERS,
        requestedBy: actor.id,
        compute: async (watch) => summary(await this.evaluations.issue(request, issuedAt, metadata, evaluationId, watch)),
      }),
    );
  }

  @Get('evaluations')
  @Roles(...EVALUATION_READERS)
  @ApiOperation({ summary: 'Issued evaluations, oldest first' })
  @ApiPaged()
  async list(
    @Res({ passthrough: true }) response: PagedResponse,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<EvaluationSummary[]> {
    const page = pageOf({ limit, offset });
    const issued = await this.evaluations.list();
    setTotalCount(response, issued.length);
    return issued.slice(page.offset, page.offset + page.limit).map(summary);
  }

  @Get('evaluations/:evaluationId')
  @Roles(...EVALUATION_READERS)
  @ApiOperation({ summary: 'An issued evaluation: what it read, the versions it used and its hashes' })
  async get(@Param('evaluationId') evaluationId: string): Promise<EvaluationRecord> {
    return this.evaluations.issued(evaluationId);
  }

  @Post('evaluations/:evaluationId/replay')
  @HttpCode(202)
  @Roles(...EVALUATION_REPLAYERS)
  @ApiEvaluationJobAccepted()
  @ApiOperation({
    summary: 'Replay an evaluation: re-read exactly its recorded events and recompute',
    description:
      `${asJob} Its result says identical with the hash, or names where the input diverges (topic, partition, offset) or the first figure that differs. ` +
      'A replay asked for while one of the same evaluation is under way, or finished within the hour, is that one: it re-reads only what the evaluation recorded.',
  })
  async replay(
    @Param('evaluationId') evaluationId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: HeaderWriter,
  ): Promise<EvaluationJobView> {
    await this.evaluations.issued(evaluationId);
    const metadata = commandMetadata(actor, correlationId, this.clock.now().toISOString());
    return accepted(response, () =>
      this.jobs.submit({
        kind: 'replay',
        evaluationId,
        roles: EVALUATION_REPLAYERS,
        requestedBy: actor.id,
        compute: async (watch) => {
          const outcome = await this.evaluations.replay(evaluationId, watch.progress);
          await this.evaluations.recordReplay(evaluationId, outcome, metadata);
          return outcome;
        },
      }),
    );
  }

  @Get('evaluations/:evaluationId/restatement')
  @HttpCode(202)
  @Roles(...EVALUATION_READERS)
  @ApiEvaluationJobAccepted()
  @ApiOperation({
    summary: 'The same as-of date over today’s log: what changed since issue and the events that changed it',
    description: `${asJob} A restatement asked for while one of the same evaluation is under way, or finished with nothing archived since, is that one.`,
  })
  async restate(
    @Param('evaluationId') evaluationId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: HeaderWriter,
  ): Promise<EvaluationJobView> {
    await this.evaluations.issued(evaluationId);
    return accepted(response, () =>
      this.jobs.submit({ kind: 'restatement', evaluationId, roles: EVALUATION_READERS, requestedBy: actor.id, compute: (watch) => this.evaluations.restate(evaluationId, watch) }),
    );
  }

  @Get('evaluations/:evaluationId/report.:format')
  @Roles(...EVALUATION_READERS)
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
  @Roles(...EVALUATION_READERS)
  @ApiOperation({ summary: 'Every version of a policy: coverage-rule or phase-targets' })
  policyVersions(@Param() params: PolicyParams) {
    return this.policies.versions(params.policy);
  }

  @Post('policies/:policy')
  @Roles(...POLICY_PUBLISHERS)
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
