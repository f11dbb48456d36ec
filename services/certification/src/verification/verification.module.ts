import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CertificatesModule } from '../certificates/certificates.module';
import type { CertificationConfig } from '../config';
import { CERTIFICATION_CONFIG, CredentialsService } from './credentials.service';
import { HolderDocumentsController } from './holder-documents.controller';
import { VerificationController } from './verification.controller';

/** Signed credentials, the issuer's public keys and status lists, and verification by anyone shown a certificate. */
@Module({
  imports: [
    CertificatesModule,
    ThrottlerModule.forRootAsync({
      inject: [CERTIFICATION_CONFIG],
      useFactory: (config: CertificationConfig) => [{ name: 'public-verification', ttl: 60_000, limit: config.VERIFY_RATE_LIMIT_PER_MINUTE }],
    }),
  ],
  controllers: [VerificationController, HolderDocumentsController],
  providers: [CredentialsService],
})
export class VerificationModule {}
