import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { existsSync } from 'node:fs';

export const EVENT_STORE_KINDS = ['postgres', 'kurrentdb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
  AUTH_JWKS_URL?: string;

  @ValidateIf((config: ServiceConfig) => config.AUTH_JWKS_FILE !== undefined)
  @ExistingFile('AUTH_JWKS_FILE must name an existing JSON Web Key Set file')
  AUTH_JWKS_FILE?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /**
   * `true` lets requests state the domain time in `X-Simulated-Now`, so that a simulation can play
   * the programme's years in minutes. Refused in production, which always runs on the real clock.
   */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' || value === undefined ? false : value))
  @IsBoolean({ message: 'SIMULATION_MODE must be true or false' })
  @NotInProduction()
  SIMULATION_MODE = false;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

function NotInProduction(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notInProduction',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'SIMULATION_MODE is never allowed when NODE_ENV=production' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value !== true || (args.object as ServiceConfig).NODE_ENV !== 'production',
      },
    });
}
