import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
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

  /** Development sign-in only: the issuer and audience its tokens carry, where the services check them (Compose). */
  @IsOptional()
  @IsString()
  CONSOLE_DEV_TOKEN_ISSUER?: string;

  @IsOptional()
  @IsString()
  CONSOLE_DEV_TOKEN_AUDIENCE?: string;

  /**
   * The ministry's OpenID Connect provider: users sign in there (authorization code with PKCE) and the
   * console calls the services with the access token it gives. Required in production, where nothing
   * else signs anyone in; https there.
   */
  @ValidateIf((config: ConsoleConfig) => config.CONSOLE_OIDC_AUTHORITY !== undefined || config.NODE_ENV === 'production')
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['https', 'http'] },
    { message: 'CONSOLE_OIDC_AUTHORITY must be the URL of the OpenID Connect provider (https in production): without it nobody can sign in' },
  )
  CONSOLE_OIDC_AUTHORITY?: string;

  @ValidateIf((config: ConsoleConfig) => config.CONSOLE_OIDC_AUTHORITY !== undefined)
  @IsNotEmpty({ message: 'CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_AUTHORITY: the console is a public client of the provider' })
  CONSOLE_OIDC_CLIENT_ID?: string;

  @IsString()
  CONSOLE_OIDC_SCOPE = 'openid profile';

  /** The resource indicator (RFC 8707) asked for, where the provider sets the access token's audience from it. */
  @IsOptional()
  @IsString()
  CONSOLE_OIDC_RESOURCE?: string;
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

/** How the single-page app signs users in: what GET /sign-in/options tells it. */
export interface SignInOptions {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string; readonly resource: string | null } | null;
  readonly development: boolean;
}

export function signInOptions(config: ConsoleConfig): SignInOptions {
  const oidc =
    config.CONSOLE_OIDC_AUTHORITY !== undefined && config.CONSOLE_OIDC_CLIENT_ID !== undefined
      ? { authority: config.CONSOLE_OIDC_AUTHORITY, clientId: config.CONSOLE_OIDC_CLIENT_ID, scope: config.CONSOLE_OIDC_SCOPE, resource: config.CONSOLE_OIDC_RESOURCE ?? null }
      : null;
  return { oidc, development: devSignInAllowed(config) };
}

/** In production the provider is reached over TLS only: a token endpoint over plain HTTP would leak codes. */
export function checkOidcTransport(config: ConsoleConfig): void {
  if (config.NODE_ENV === 'production' && config.CONSOLE_OIDC_AUTHORITY !== undefined && !config.CONSOLE_OIDC_AUTHORITY.startsWith('https://')) {
    throw new Error('CONSOLE_OIDC_AUTHORITY must be an https:// URL in production');
  }
}
