import { assertNever } from '@training-ledger/decider';
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

export type LogFields = Readonly<Record<string, unknown>>;

/** Where the messaging components write their log lines; pass the service's logger (pino fits). */
export interface MessagingLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

/** One JSON object per line, so log shippers need no parsing rules; bigints become decimal strings. */
export function createJsonLineLogger(
  context: LogFields = {},
  write: (level: Level, line: string) => void = writeToConsole,
): MessagingLogger {
  const log = (level: Level, message: string, fields?: LogFields) =>
    write(level, JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...context, ...fields }, jsonSafe));
  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

function writeToConsole(level: Level, line: string): void {
  if (level === 'error') console.error(line);
  else console.log(line);
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** Routes kafkajs' own log lines (WARN and above by default) into the injected logger. */
export function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      const line = namespace ? `kafkajs ${namespace}: ${message}` : `kafkajs: ${message}`;
      switch (level) {
        case logLevel.ERROR:
        case logLevel.NOTHING:
          logger.error(line, fields);
          return;
        case logLevel.WARN:
          logger.warn(line, fields);
          return;
        case logLevel.INFO:
        case logLevel.DEBUG:
          logger.info(line, fields);
          return;
        default:
          assertNever(level, 'kafkajs log level');
      }
    };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
