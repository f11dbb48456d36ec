import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections, PersonalDataModule } from '@training-ledger/service-runtime';
import { traineeDirectoryProjection } from './trainee-directory.projection';
import { traineeRegistrationIdempotencyStoreProvider } from './trainee-idempotency';
import { TraineeRecords } from './trainee-records';
import { TraineeRegistrationCheck } from './trainee-registration-check';
import { TraineeRegistrations } from './trainee-registrations';
import { TraineesController } from './trainees.controller';

@Module({
  imports: [PersonalDataModule],
  controllers: [TraineesController],
  providers: [TraineeRecords, TraineeRegistrationCheck, TraineeRegistrations, traineeRegistrationIdempotencyStoreProvider],
  exports: [TraineeRecords],
})
export class TraineesModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(traineeDirectoryProjection);
  }
}
