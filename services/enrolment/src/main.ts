// First: tracing instruments Nest, pg and kafkajs as they load.
import '@training-ledger/platform/tracing';
import 'reflect-metadata';
import { loadConfig, runService } from '@training-ledger/platform';
import { EnrolmentModule } from './enrolment.module';
import { EnrolmentConfig } from './config';

runService(() => {
  const config = loadConfig(EnrolmentConfig);
  return {
    config,
    module: EnrolmentModule.forRoot(config),
    title: 'Training Ledger — Enrolment (Cử cán bộ)',
    description: 'Agencies, staff rosters, trainees and nominations (cử cán bộ) of the Decision 892/QĐ-TTg programme.',
  };
});
