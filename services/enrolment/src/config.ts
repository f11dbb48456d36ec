import { RuntimeConfig } from '@training-ledger/service-runtime';

export class EnrolmentConfig extends RuntimeConfig {
  override PORT = 3101;
  override SERVICE_NAME = 'enrolment';
}
