import { Kafka, logLevel, type RetryOptions } from 'kafkajs';
import { kafkaConnectionOptions, readKafkaSecurity, type KafkaSecurity } from './kafka-security';
import { createJsonLineLogger, kafkaLogCreator, type MessagingLogger } from './logger';

export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger?: MessagingLogger;
  /** kafkajs' own verbosity; WARN by default, since its INFO lines announce every join and fetch. */
  readonly logLevel?: logLevel;
  /**
   * TLS and SASL/SCRAM; when omitted, read from the process environment (`readKafkaSecurity`), so
   * that every producer, consumer and admin client of a process connects the same way.
   */
  readonly security?: KafkaSecurity;
  /** kafkajs' reconnection policy; its default (5 retries from 300 ms) when omitted. */
  readonly retry?: RetryOptions;
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  if (options.brokers.length === 0) throw new RangeError('At least one Kafka broker is required');
  const logger = options.logger ?? createJsonLineLogger({ component: 'kafkajs', clientId: options.clientId });
  let security = options.security;
  if (!security) {
    const reading = readKafkaSecurity(process.env);
    for (const warning of reading.warnings) logger.warn(warning, { clientId: options.clientId });
    security = reading.security;
  }
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkaConnectionOptions(security),
    ...(options.retry ? { retry: options.retry } : {}),
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
}

/** Reads a comma-separated `host:port` list, as in the KAFKA_BROKERS environment variable. */
export function parseBrokerList(value: string | undefined): string[] {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker)) {
      throw new RangeError(`Invalid Kafka broker address ${JSON.stringify(broker)}: expected host:port`);
    }
  }
  return brokers;
}
