// First: tracing instruments Nest, pg and kafkajs as they load.
import '@training-ledger/platform/tracing';
import 'reflect-metadata';
import { loadConfig, runService } from '@training-ledger/platform';
import { CourseDeliveryConfig } from './config';
import { CourseDeliveryModule } from './course-delivery.module';
import { COURSE_DELIVERY_JSON_BODY_LIMIT } from './json-body-limit';

runService(() => {
  const config = loadConfig(CourseDeliveryConfig);
  return {
    config,
    module: CourseDeliveryModule.forRoot(config),
    title: 'Training Ledger — Course delivery (Tổ chức bồi dưỡng)',
    description: 'The course catalogue, course runs, sessions, attendance, assessments and feedback.',
    jsonBodyLimit: COURSE_DELIVERY_JSON_BODY_LIMIT,
  };
});
