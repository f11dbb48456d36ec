// First: tracing instruments Nest, pg and kafkajs as they load.
import '@training-ledger/platform/tracing';
import 'reflect-metadata';
import { loadConfig, runService } from '@training-ledger/platform';
import { CertificationConfig } from './config';
import { CertificationModule } from './certification.module';

runService(() => {
  const config = loadConfig(CertificationConfig);
  return {
    config,
    module: CertificationModule.forRoot(config),
    title: 'Training Ledger — Certification (Chứng nhận bồi dưỡng)',
    description: 'Completion, the certificates MOFA issues, public verification and revocation.',
  };
});
