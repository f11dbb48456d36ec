import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections, PersonalDataModule } from '@training-ledger/service-runtime';
import { traineeDirectoryProjection } from './trainee-directory.projection';
import { TraineeRecords } from './trainee-records';
import { TraineesController } from './trainees.controller';

@Module({
  imports: [PersonalDataModule],
  controllers: [TraineesController],
  providers: [TraineeRecords],
  exports: [TraineeRecords],
})
export class TraineesModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(traineeDirectoryProjection);
  }
}
