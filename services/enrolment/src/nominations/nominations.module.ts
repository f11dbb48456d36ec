import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections } from '@training-ledger/service-runtime';
import { CourseRunsModule } from '../course-runs/course-runs.module';
import { nominationDecisionIdempotencyStoreProvider, nominationIdempotencyStoreProvider } from './nomination-idempotency';
import { nominationListProjection } from './nomination-list.projection';
import { NominationsController } from './nominations.controller';
import { NominationsService } from './nominations.service';

@Module({
  imports: [CourseRunsModule],
  controllers: [NominationsController],
  providers: [NominationsService, nominationIdempotencyStoreProvider, nominationDecisionIdempotencyStoreProvider],
})
export class NominationsModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(nominationListProjection);
  }
}
