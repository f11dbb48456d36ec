import { RuntimeConfig } from '@training-ledger/service-runtime';

export class CertificationConfig extends RuntimeConfig {
  override PORT = 3103;
  override SERVICE_NAME = 'certification';
}
