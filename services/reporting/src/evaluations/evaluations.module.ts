import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { certificationContract, courseDeliveryContract, enrolmentContract } from '@training-ledger/contracts';
import { IntegrationConsumers } from '@training-ledger/service-runtime';
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
  controllers: [EvaluationsController],
  providers: [IntegrationInbox, PolicyService, EvaluationsService],
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
      batchHandler: (messages) => this.inbox.archive(messages, this.topicPrefix),
    });
  }
}
