import { Module, type OnModuleInit } from '@nestjs/common';
import { enrolmentContract } from '@training-ledger/contracts';
import { Projector } from '@training-ledger/read-models';
import { IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { ApprovedTrainees } from './approved-trainees';
import { approvedTraineesProjection } from './approved-trainees.projection';

/** The approved nominations of each run, kept from enrolment's events: who may be marked present. */
@Module({ providers: [ApprovedTrainees], exports: [ApprovedTrainees] })
export class ApprovedTraineesModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly projector: Projector,
  ) {}

  onModuleInit(): void {
    this.consumers.register(projectionConsumer(this.projector, approvedTraineesProjection, [enrolmentContract.topic], { countWrittenBatches: true }));
  }
}
