import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@training-ledger/service-runtime';
import { CertificatesModule } from './certificates/certificates.module';
import { CERTIFICATION_CLOCK } from './clock';
import { systemClock } from '@training-ledger/platform';
import type { CertificationConfig } from './config';
import { CERTIFICATION_CONFIG } from './verification/credentials.service';
import { VerificationModule } from './verification/verification.module';
import { certificationPublishedEvents } from './published-events';
import { certificationUpcasters } from './completion/run-completion.upcasters';

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
          publish: { mapper: certificationPublishedEvents },
          upcasters: certificationUpcasters(),
        }),
        CertificatesModule,
        VerificationModule,
      ],
      providers: [
        { provide: CERTIFICATION_CLOCK, useValue: systemClock },
        { provide: CERTIFICATION_CONFIG, useValue: config },
      ],
      exports: [CERTIFICATION_CLOCK, CERTIFICATION_CONFIG],
    };
  }
}
