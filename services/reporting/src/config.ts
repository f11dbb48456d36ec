import { RuntimeConfig } from '@training-ledger/service-runtime';

export class ReportingConfig extends RuntimeConfig {
  override PORT = 3104;
  override SERVICE_NAME = 'reporting';
}
