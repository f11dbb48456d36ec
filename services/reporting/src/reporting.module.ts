import { Module, type DynamicModule } from '@nestjs/common';
import { reportingContract } from '@training-ledger/contracts';
import { mapperForContract, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { AgencyDirectoryModule } from './agencies/agency-directory.module';
import type { ReportingConfig } from './config';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'reporting',
          config,
          publish: { mapper: mapperForContract(reportingContract) },
        }),
        AgencyDirectoryModule,
      ],
    };
  }
}
