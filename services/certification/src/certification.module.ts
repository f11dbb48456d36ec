import { Module, type DynamicModule } from '@nestjs/common';
import { certificationContract } from '@training-ledger/contracts';
import { mapperForContract, ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { CertificatesModule } from './certificates/certificates.module';
import { CERTIFICATION_CLOCK, systemClock } from './clock';
import type { CertificationConfig } from './config';

@Module({})
export class CertificationModule {
  static forRoot(config: CertificationConfig): DynamicModule {
    return {
      module: CertificationModule,
      global: true,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: 'certification',
          config,
          publish: { mapper: mapperForContract(certificationContract) },
        }),
        CertificatesModule,
      ],
      providers: [{ provide: CERTIFICATION_CLOCK, useValue: systemClock }],
      exports: [CERTIFICATION_CLOCK],
    };
  }
}
