import { applyDecorators, Controller, Get, Param } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import { type EvaluationJob, type EvaluationJobView, jobKinds, jobStates, jobStatusPath, jobView } from './evaluation-job';
import { EvaluationJobs, EvaluationQueueFull } from './evaluation-jobs';
import { JOB_READERS, mayFollowJob } from './who-may';

/** The part of the HTTP response a handler that accepts a job writes to. */
export interface HeaderWriter {
  setHeader(name: string, value: string): unknown;
}

const jobSchema: SchemaObject = {
  type: 'object',
  required: ['jobId', 'kind', 'evaluationId', 'state', 'progress', 'requestedBy', 'requestedAt', 'startedAt', 'finishedAt', 'statusUrl'],
  properties: {
    jobId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: [...jobKinds] },
    evaluationId: { type: 'string' },
    state: { type: 'string', enum: [...jobStates] },
    progress: {
      type: 'object',
      required: ['eventsRead', 'eventsTotal'],
      properties: { eventsRead: { type: 'integer', minimum: 0 }, eventsTotal: { type: 'integer', minimum: 0, nullable: true, description: 'Known for a replay; null for a read of the whole archive' } },
    },
    requestedBy: { type: 'string' },
    requestedAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time', nullable: true },
    finishedAt: { type: 'string', format: 'date-time', nullable: true },
    statusUrl: { type: 'string', example: '/evaluation-jobs/0f8fad5b-d9cb-469f-a165-70867728950e' },
    resultUrl: { type: 'string', description: 'The issued evaluation, once an issue succeeded' },
    result: { description: 'Once the job succeeded: the issued evaluation without its report body, the replay outcome or the restatement' },
    error: { type: 'object', description: 'Once the job failed: the problem its request would have answered', properties: { status: { type: 'integer' }, title: { type: 'string' }, detail: { type: 'string' }, rule: { type: 'string' }, field: { type: 'string' } } },
  },
};

/** The 202 answer of an operation that runs as an evaluation job. */
export const ApiEvaluationJobAccepted = () =>
  applyDecorators(
    ApiAcceptedResponse({
      description: 'The job, queued or joined; follow it at Location',
      schema: jobSchema,
      headers: { Location: { description: 'The job: /evaluation-jobs/{jobId}', schema: { type: 'string' } } },
    }),
  );

/** Answers 202 with the job and, in Location, where to follow it; a full queue is answered 503 with Retry-After. */
export async function accepted(response: HeaderWriter, submit: () => Promise<EvaluationJob>): Promise<EvaluationJobView> {
  try {
    const job = await submit();
    response.setHeader('Location', jobStatusPath(job.jobId));
    return jobView(job);
  } catch (error) {
    if (error instanceof EvaluationQueueFull) response.setHeader('Retry-After', String(EvaluationQueueFull.retryAfterSeconds));
    throw error;
  }
}

@ApiTags('Evaluations (sơ kết, tổng kết)')
@ApiBearerAuth()
@Controller('evaluation-jobs')
export class EvaluationJobsController {
  constructor(private readonly jobs: EvaluationJobs) {}

  @Get(':jobId')
  @Roles(...JOB_READERS)
  @ApiOkResponse({ description: 'The job', schema: jobSchema })
  @ApiOperation({
    summary: 'An evaluation job: queued, running (events read so far, of how many when known), succeeded with its result, or failed with the problem',
    description: 'Issuing, replaying and restating an evaluation answer 202 with Location: here. Shown to the roles of the operation that asked for it.',
  })
  async status(@Param('jobId') jobId: string, @CurrentActor() actor: AuthenticatedActor): Promise<EvaluationJobView> {
    const found = await this.jobs.find(jobId);
    if (!found || !mayFollowJob(actor, found.job)) {
      throw new DomainRuleViolation('evaluation-job-must-exist', 'No such evaluation job, or it is no longer kept', 'jobId', 'not-found');
    }
    return jobView(found.job, found.result);
  }
}
