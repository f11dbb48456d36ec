import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { courseDeliveryContract } from '@training-ledger/contracts';
import type { EventStore } from '@training-ledger/event-store';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE, IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { courseRunViewProjection } from './course-run-view.projection';
import { CourseRunViews } from './course-run-views';
import { runCancellationsConsumer } from './run-cancellations.consumer';

/**
 * Course runs as enrolment sees them: the view nomination checks read, kept from course-delivery's
 * events, and the cancellation of a run's open nominations when course-delivery cancels the run.
 */
@Module({ providers: [CourseRunViews], exports: [CourseRunViews] })
export class CourseRunsModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  onModuleInit(): void {
    this.consumers.register(projectionConsumer(this.projector, courseRunViewProjection, [courseDeliveryContract.topic]));
    this.consumers.register(runCancellationsConsumer(this.eventStore));
  }
}
