import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { AgenciesController } from './agencies/agencies.controller';
import type { EnrolmentConfig } from './config';
import { toEnrolmentIntegrationEvent } from './integration/integration-events';

@Module({})
export class EnrolmentModule {
  static forRoot(config: EnrolmentConfig): DynamicModule {
    return {
      module: EnrolmentModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'enrolment',
          config,
          publish: { mapper: toEnrolmentIntegrationEvent },
        }),
      ],
      controllers: [AgenciesController],
    };
  }
}
