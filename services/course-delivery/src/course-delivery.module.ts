import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { AttendanceModule } from './attendance/attendance.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { CourseDeliveryConfig } from './config';
import { CourseRunsModule } from './course-runs/course-runs.module';
import { courseDeliveryPublishedEvents } from './published-events';

@Module({})
export class CourseDeliveryModule {
  static forRoot(config: CourseDeliveryConfig): DynamicModule {
    return {
      module: CourseDeliveryModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'course-delivery',
          config,
          publish: { mapper: courseDeliveryPublishedEvents },
          instantFields: { 'AttendanceRecorded.v1': ['observedAt'] },
        }),
        CatalogueModule,
        CourseRunsModule,
        AttendanceModule,
      ],
    };
  }
}
