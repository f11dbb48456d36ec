import { Module, type DynamicModule } from '@nestjs/common';
import { certificationContract } from '@training-ledger/contracts';
import { mapperForContract, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import type { CertificationConfig } from './config';

@Module({})
export class CertificationModule {
  static forRoot(config: CertificationConfig): DynamicModule {
    return {
      module: CertificationModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'certification',
          config,
          publish: { mapper: mapperForContract(certificationContract) },
        }),
      ],
    };
  }
}
