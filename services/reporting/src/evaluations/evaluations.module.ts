import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { certificationContract, courseDeliveryContract, enrolmentContract } from '@training-ledger/contracts';
import { IntegrationConsumers, MONGO_CONNECTION } from '@training-ledger/service-runtime';
import type { Connection } from 'mongoose';
import { EvaluationJobStore } from '../evaluation-jobs/evaluation-job-store';
import { EVALUATION_JOB_STORE, EvaluationJobs } from '../evaluation-jobs/evaluation-jobs';
import { EvaluationJobsController } from '../evaluation-jobs/evaluation-jobs.controller';
import { IntegrationInbox } from '../inbox/inbox';
import { PolicyService } from '../policy/policy.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';

export const REPORTING_TOPIC_PREFIX = 'reporting:topic-prefix';

/**
 * Every integration event the other services publish is archived in reporting's own log, and
 * evaluations are computed from that archive alone.
 */
@Module({
  controllers: [EvaluationsController, EvaluationJobsController],
  providers: [
    IntegrationInbox,
    PolicyService,
    EvaluationsService,
    { provide: EVALUATION_JOB_STORE, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => new EvaluationJobStore(connection) },
    EvaluationJobs,
  ],
  exports: [EvaluationsService, PolicyService],
})
export class EvaluationsModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly inbox: IntegrationInbox,
    @Inject(REPORTING_TOPIC_PREFIX) private readonly topicPrefix: string,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'inbox',
      topics: [enrolmentContract.topic, courseDeliveryContract.topic, certificationContract.topic],
      // A partition's messages of one fetch (about a megabyte) are appended to the archive at once.
      maxBatchSize: 2_000,
      batchHandler: (messages) => this.inbox.archive(messages, this.topicPrefix),
    });
  }
}
