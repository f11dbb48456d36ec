import 'reflect-metadata';
import { loadConfig, runService } from '@training-ledger/platform';
import { CourseDeliveryConfig } from './config';
import { CourseDeliveryModule } from './course-delivery.module';

runService(() => {
  const config = loadConfig(CourseDeliveryConfig);
  return {
    config,
    module: CourseDeliveryModule.forRoot(config),
    title: 'Training Ledger — Course delivery (Tổ chức bồi dưỡng)',
    description: 'The course catalogue, course runs, sessions, attendance, assessments and feedback.',
    // A posting of 5,000 attendance marks is about 1 MB of JSON.
    jsonBodyLimit: '10mb',
  };
});
