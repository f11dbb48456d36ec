import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { ROLES, type Role } from '@training-ledger/auth';
import { existsSync } from 'node:fs';

export const EVENT_STORE_KINDS = ['postgres', 'kurrentdb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const OUTSIDE_DEVELOPMENT = 'unless NODE_ENV is development or test';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : value;

function UrlWithScheme(schemes: readonly string[], message: string, options: { optional?: boolean } = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'urlWithScheme',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: {
        validate(value: unknown) {
          if (value === undefined && options.optional) return true;
          if (typeof value !== 'string') return false;
          try {
            return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
          } catch {
            return false;
          }
        },
      },
    });
}

/** Runs even when the property is absent, so that neither of the two being set is caught too. */
function ExactlyOneOf(otherProperty: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }: ValidationArguments) =>
          value === undefined
            ? `set ${String(propertyName)} or ${otherProperty}`
            : `${String(propertyName)} and ${otherProperty} are both set: keep only one`,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return (value === undefined) !== (other === undefined);
        },
      },
    });
}

function ExistingFile(message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'existingFile',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => typeof value === 'string' && existsSync(value) },
    });
}

/**
 * Settings every service has. A service extends it with its own, and may give a default by
 * initialising a field (`override PORT = 3101;`).
 */
export class ServiceConfig {
  @Transform(toInteger)
  @IsInt({ message: 'PORT must be a whole number from 1 to 65535' })
  @Min(1, { message: 'PORT must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 1 to 65535' })
  PORT!: number;

  /**
   * Where Prometheus scrapes `/metrics`: a port of its own, reached inside the cluster on the pod's
   * address, never through the Service, the ingress or the console's `/api/` forwarding. No
   * metrics listener when unset; 0 takes any free port (tests).
   */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'METRICS_PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'METRICS_PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'METRICS_PORT must be a whole number from 0 to 65535' })
  METRICS_PORT?: number;

  @Matches(/^[a-z][a-z0-9-]{1,62}$/, { message: 'SERVICE_NAME must be lower-case letters, digits and dashes' })
  SERVICE_NAME!: string;

  @IsIn(EVENT_STORE_KINDS, { message: `EVENT_STORE must be one of ${EVENT_STORE_KINDS.join(', ')}` })
  EVENT_STORE: EventStoreKind = 'postgres';

  @ValidateIf((config: ServiceConfig) => config.EVENT_STORE === 'postgres' || config.DATABASE_URL !== undefined)
  @UrlWithScheme(['postgres', 'postgresql'], 'DATABASE_URL must be a postgres:// URL (the event store when EVENT_STORE=postgres)')
  DATABASE_URL?: string;

  @ValidateIf((config: ServiceConfig) => config.EVENT_STORE === 'kurrentdb' || config.EVENTSTORE_URL !== undefined)
  @UrlWithScheme(
    ['kurrentdb', 'kurrentdb+discover', 'kdb', 'kdb+discover', 'esdb', 'esdb+discover'],
    'EVENTSTORE_URL must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)',
  )
  EVENTSTORE_URL?: string;

  @Transform(toList)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  @Matches(HOST_PORT, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  @IsString({ each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string[];

  @UrlWithScheme(['mongodb', 'mongodb+srv'], 'MONGO_URL must be a mongodb:// URL')
  MONGO_URL!: string;

  @ExactlyOneOf('AUTH_JWKS_FILE')
  @UrlWithScheme(['https', 'http'], 'AUTH_JWKS_URL must be an https:// URL of the identity provider key set', { optional: true })
  @HttpsOutsideDevelopment()
  AUTH_JWKS_URL?: string;

  @ValidateIf((config: ServiceConfig) => config.AUTH_JWKS_FILE !== undefined)
  @ExistingFile('AUTH_JWKS_FILE must name an existing JSON Web Key Set file')
  AUTH_JWKS_FILE?: string;

  @ValidateIf((config: ServiceConfig) => config.AUTH_ISSUER !== undefined || !isDevelopmentEnvironment(config.NODE_ENV))
  @IsNotEmpty({ message: `AUTH_ISSUER is required ${OUTSIDE_DEVELOPMENT}: the identity provider tokens must come from` })
  AUTH_ISSUER?: string;

  @ValidateIf((config: ServiceConfig) => config.AUTH_AUDIENCE !== undefined || !isDevelopmentEnvironment(config.NODE_ENV))
  @IsNotEmpty({ message: `AUTH_AUDIENCE is required ${OUTSIDE_DEVELOPMENT}: tokens meant for another system are refused` })
  AUTH_AUDIENCE?: string;

  /** Longest a bearer token may live from issue to expiry. */
  @Transform(toInteger)
  @IsInt({ message: 'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 60 to 86400' })
  @Min(60, { message: 'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 60 to 86400' })
  @Max(86_400, { message: 'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 60 to 86400' })
  AUTH_MAX_TOKEN_LIFETIME_SECONDS = 8 * 3600;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /**
   * `true` lets requests state the domain time in `X-Simulated-Now`, so that a simulation can play
   * the programme's years in minutes. Only in development or test: facts so dated count in evaluations.
   */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' || value === undefined ? false : value))
  @IsBoolean({ message: 'SIMULATION_MODE must be true or false' })
  @OnlyInDevelopment()
  SIMULATION_MODE = false;

  /** The roles whose requests may state the domain time when SIMULATION_MODE is on; every role when unset. */
  @IsOptional()
  @Transform(toList)
  @IsIn(ROLES, { each: true, message: `SIMULATION_ROLES must be a comma-separated list of ${ROLES.join(', ')}` })
  SIMULATION_ROLES?: Role[];

  /**
   * Which proxies in front of the service (the ingress) are trusted to say who the client is in
   * X-Forwarded-For, so that rate limits and logs see the real client: `loopback`, a hop count, or
   * comma-separated addresses and CIDR ranges. None when unset: the peer is the client.
   */
  @IsOptional()
  @Matches(/^(loopback|linklocal|uniquelocal|\d{1,2}|[0-9A-Fa-f.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+))*$/, {
    message: 'TRUST_PROXY must be loopback, a hop count, or comma-separated addresses or CIDR ranges of the proxies in front',
  })
  TRUST_PROXY?: string;

  /** `development` or `test` relax what any other environment (production, staging, unset) must never allow. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

export function isDevelopmentEnvironment(nodeEnv: string | undefined): boolean {
  return nodeEnv === 'development' || nodeEnv === 'test';
}

/** Keys fetched over plain HTTP could be swapped on the way, and with them every token accepted. */
function HttpsOutsideDevelopment(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'httpsOutsideDevelopment',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `AUTH_JWKS_URL must be https:// ${OUTSIDE_DEVELOPMENT}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value !== 'string' || value.startsWith('https://') || isDevelopmentEnvironment((args.object as ServiceConfig).NODE_ENV),
      },
    });
}

function OnlyInDevelopment(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyInDevelopment',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `SIMULATION_MODE=true is refused ${OUTSIDE_DEVELOPMENT}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value !== true || isDevelopmentEnvironment((args.object as ServiceConfig).NODE_ENV),
      },
    });
}
