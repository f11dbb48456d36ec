import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { AgencyDirectoryModule } from './agencies/agency-directory.module';
import { REPORTING_CLOCK } from './clock';
import { systemClock } from '@training-ledger/platform';
import type { ReportingConfig } from './config';
import { ProgressModule } from './progress/progress.module';
import { EvaluationsModule, REPORTING_TOPIC_PREFIX } from './evaluations/evaluations.module';
import { reportingPublishedEvents } from './published-events';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'reporting',
          config,
          publish: { mapper: reportingPublishedEvents },
        }),
        AgencyDirectoryModule,
        EvaluationsModule,
        ProgressModule,
      ],
      global: true,
      providers: [
        { provide: REPORTING_CLOCK, useValue: systemClock },
        { provide: REPORTING_TOPIC_PREFIX, useValue: config.KAFKA_TOPIC_PREFIX ?? '' },
      ],
      exports: [REPORTING_CLOCK, REPORTING_TOPIC_PREFIX],
    };
  }
}
