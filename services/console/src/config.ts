import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { join } from 'node:path';

const asPort = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const serviceUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The console's settings: where the four services answer, and where its built single-page app lies. */
export class ConsoleConfig {
  @Transform(asPort)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3100;

  @IsIn(['production', 'development', 'test'])
  NODE_ENV: 'production' | 'development' | 'test' = 'production';

  @IsUrl(serviceUrl)
  ENROLMENT_URL!: string;

  @IsUrl(serviceUrl)
  COURSE_DELIVERY_URL!: string;

  @IsUrl(serviceUrl)
  CERTIFICATION_URL!: string;

  @IsUrl(serviceUrl)
  REPORTING_URL!: string;

  /** The folder Vite built the single-page app into. */
  @IsString()
  CONSOLE_WEB_DIR = join(__dirname, '..', 'web');

  /**
   * Development and test only: the local signing keys (.local/keys) the sign-in page mints tokens
   * with. Ignored, and the page refused, in production.
   */
  @IsOptional()
  @IsString()
  CONSOLE_DEV_KEYS_DIR?: string;
}

/** The services the console forwards to, under `/api/<service>/`. */
export const PROXIED_SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;
export type ProxiedService = (typeof PROXIED_SERVICES)[number];

export function serviceUrlOf(config: ConsoleConfig, service: ProxiedService): string {
  switch (service) {
    case 'enrolment':
      return config.ENROLMENT_URL;
    case 'course-delivery':
      return config.COURSE_DELIVERY_URL;
    case 'certification':
      return config.CERTIFICATION_URL;
    case 'reporting':
      return config.REPORTING_URL;
  }
}

/** The development sign-in mints tokens only where no real user can reach it. */
export function devSignInAllowed(config: ConsoleConfig): boolean {
  return config.NODE_ENV !== 'production' && config.CONSOLE_DEV_KEYS_DIR !== undefined;
}
