import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { AgenciesController } from './agencies/agencies.controller';
import type { EnrolmentConfig } from './config';
import { CourseRunsModule } from './course-runs/course-runs.module';
import { NominationsModule } from './nominations/nominations.module';
import { StaffRostersModule } from './rosters/staff-rosters.module';
import { TraineesModule } from './trainees/trainees.module';
import { enrolmentPublishedEvents } from './published-events';

@Module({})
export class EnrolmentModule {
  static forRoot(config: EnrolmentConfig): DynamicModule {
    return {
      module: EnrolmentModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'enrolment',
          config,
          publish: { mapper: enrolmentPublishedEvents },
        }),
        StaffRostersModule,
        CourseRunsModule,
        NominationsModule,
        TraineesModule,
      ],
      controllers: [AgenciesController],
    };
  }
}
