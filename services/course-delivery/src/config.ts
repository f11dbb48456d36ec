import { RuntimeConfig } from '@training-ledger/service-runtime';

export class CourseDeliveryConfig extends RuntimeConfig {
  override PORT = 3102;
  override SERVICE_NAME = 'course-delivery';
}
