import { KafkaSecurityConfigurationError, readKafkaSecurity, type KafkaSecurityReading } from '@training-ledger/messaging';
import { ServiceConfig } from '@training-ledger/platform';
import type { WriteMode } from '@training-ledger/read-models';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';

const WRITE_MODES: Record<WriteMode, true> = { bulk: true, sequential: true, replace: true, auto: true };

/**
 * Where a service keeps its things. The defaults suit one deployment per cluster; the settings
 * let several environments (or test runs) share one PostgreSQL, Kafka and MongoDB without meeting.
 */
export class RuntimeConfig extends ServiceConfig {
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'EVENT_STORE_SCHEMA must be a lower-case PostgreSQL identifier' })
  EVENT_STORE_SCHEMA?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'MONGO_DATABASE must be 1–63 letters, digits, _ or -' })
  MONGO_DATABASE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{0,100}$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX?: string;

  /**
   * `all` (the default) runs the relay to Kafka and the projections a service keeps from its own log
   * in this process. With several replicas, exactly one runs `all` and the others `consumers-only`:
   * they serve HTTP and share the Kafka consumer groups, but never publish or project their own log twice.
   */
  @IsOptional()
  @IsIn(['all', 'consumers-only'], { message: 'BACKGROUND_WORK must be all or consumers-only' })
  BACKGROUND_WORK?: 'all' | 'consumers-only';

  /**
   * `on-start` migrates the event-log schema as the service starts (the service's role owns it);
   * `separately` expects the migration step (`npm run migrate`) to have run as the owner, and the
   * service to connect as a role that may only append and read: what ships.
   */
  @IsIn(['on-start', 'separately'], { message: 'EVENT_STORE_MIGRATE must be on-start or separately' })
  EVENT_STORE_MIGRATE: 'on-start' | 'separately' = 'on-start';

  /**
   * How read-model writes reach MongoDB or FerretDB (see the Projector). Unset, `auto`: `bulk` on
   * MongoDB, `replace` on FerretDB. The deployments set `replace`, the mode the test suite runs.
   */
  @IsOptional()
  @IsIn(Object.keys(WRITE_MODES), { message: `READ_MODEL_WRITE_MODE must be one of ${Object.keys(WRITE_MODES).join(', ')}` })
  READ_MODEL_WRITE_MODE?: WriteMode;

  /** How long an Idempotency-Key and its answer are kept for retries: a week by default. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'IDEMPOTENCY_RETENTION_HOURS must be a whole number of hours from 1 to 8760' })
  @Min(1, { message: 'IDEMPOTENCY_RETENTION_HOURS must be a whole number of hours from 1 to 8760' })
  @Max(8_760, { message: 'IDEMPOTENCY_RETENTION_HOURS must be a whole number of hours from 1 to 8760' })
  IDEMPOTENCY_RETENTION_HOURS = 168;

  /** `on` (the default): the process that runs the relay also seals the service's log (see LogSealer). */
  @IsIn(['on', 'off'], { message: 'LOG_SEALING must be on or off' })
  LOG_SEALING: 'on' | 'off' = 'on';

  /** A seal at least every this many events of the log… */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'LOG_SEAL_EVERY_EVENTS must be a whole number from 1 to 100000' })
  @Min(1, { message: 'LOG_SEAL_EVERY_EVENTS must be a whole number from 1 to 100000' })
  @Max(100_000, { message: 'LOG_SEAL_EVERY_EVENTS must be a whole number from 1 to 100000' })
  LOG_SEAL_EVERY_EVENTS = 500;

  /** …and at least every this many seconds while events are unsealed. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'LOG_SEAL_EVERY_SECONDS must be a whole number from 1 to 86400' })
  @Min(1, { message: 'LOG_SEAL_EVERY_SECONDS must be a whole number from 1 to 86400' })
  @Max(86_400, { message: 'LOG_SEAL_EVERY_SECONDS must be a whole number from 1 to 86400' })
  LOG_SEAL_EVERY_SECONDS = 60;

  /**
   * PLAINTEXT (unset), SSL or SASL_SSL, with the settings below: the service's producers, consumers
   * and admin clients all connect so. Checked together, so that a start with half of them fails.
   */
  @KafkaSecuritySettings()
  KAFKA_SECURITY_PROTOCOL?: string;

  @IsOptional() @IsString() KAFKA_SASL_MECHANISM?: string;
  @IsOptional() @IsString() KAFKA_SASL_USERNAME?: string;
  @IsOptional() @IsString() KAFKA_SASL_PASSWORD?: string;
  @IsOptional() @IsString() KAFKA_SASL_PASSWORD_FILE?: string;
  @IsOptional() @IsString() KAFKA_TLS_CA_FILE?: string;
  @IsOptional() @IsString() KAFKA_TLS_CERT_FILE?: string;
  @IsOptional() @IsString() KAFKA_TLS_KEY_FILE?: string;
}

/** The Kafka security settings of a loaded configuration. */
export function kafkaSecurityOf(config: RuntimeConfig): KafkaSecurityReading {
  return readKafkaSecurity(config as unknown as Record<string, string | undefined>);
}

function kafkaSecurityProblems(config: RuntimeConfig): readonly string[] {
  try {
    kafkaSecurityOf(config);
    return [];
  } catch (error) {
    if (error instanceof KafkaSecurityConfigurationError) return error.problems;
    throw error;
  }
}

function KafkaSecuritySettings(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'kafkaSecuritySettings',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ object }: ValidationArguments) => kafkaSecurityProblems(object as RuntimeConfig).join(', ') },
      validator: { validate: (_value: unknown, args: ValidationArguments) => kafkaSecurityProblems(args.object as RuntimeConfig).length === 0 },
    });
}
