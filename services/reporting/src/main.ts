// First: tracing instruments Nest, pg and kafkajs as they load.
import '@training-ledger/platform/tracing';
import 'reflect-metadata';
import { loadConfig, runService } from '@training-ledger/platform';
import { ReportingConfig } from './config';
import { ReportingModule } from './reporting.module';

runService(() => {
  const config = loadConfig(ReportingConfig);
  return {
    config,
    module: ReportingModule.forRoot(config),
    title: 'Training Ledger — Reporting (Sơ kết, tổng kết)',
    description:
      'Progress against the targets of Decision 892/QĐ-TTg, and mid-term (sơ kết) and final (tổng kết) evaluations that replay exactly.',
  };
});
