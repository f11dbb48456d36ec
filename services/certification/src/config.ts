import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RuntimeConfig } from '@training-ledger/service-runtime';

const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

export class CertificationConfig extends RuntimeConfig {
  override PORT = 3103;
  override SERVICE_NAME = 'certification';

  /** Where holders and verifiers reach this service: credential ids, the QR code and the issuer profile hang off it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http:// or https:// URL' })
  PUBLIC_BASE_URL?: string;

  /** The issuer's Ed25519 key ring (private): created on first start when missing; a mounted secret in production. */
  @IsString({ message: 'ISSUER_KEYS_FILE must be a file path' })
  ISSUER_KEYS_FILE = '.local/keys/certification-issuer.json';

  /** Public verification requests allowed per client address and minute. */
  @Transform(toInteger)
  @IsInt({ message: 'VERIFY_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 100000' })
  @Min(1, { message: 'VERIFY_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 100000' })
  @Max(100_000, { message: 'VERIFY_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 100000' })
  VERIFY_RATE_LIMIT_PER_MINUTE = 60;

  publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}
