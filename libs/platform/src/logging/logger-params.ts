import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { correlationIdFor } from './correlation-id';

export interface LoggingOptions {
  readonly serviceName: string;
  readonly level: LevelWithSilent;
  /** Where the JSON lines go; standard output when omitted. */
  readonly destination?: DestinationStream;
}

const PROBE_PATHS: ReadonlySet<string> = new Set(['/health', '/ready']);

/**
 * One JSON object per line. Requests are logged by method, path and status only: never bodies, headers or
 * tokens. The redaction list is a second line of defence for code that logs a request object by hand.
 */
export function loggerParams(options: LoggingOptions): Params {
  const httpOptions: Options = {
    level: options.level,
    base: { service: options.serviceName, pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'message',
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'authorization'],
      censor: '[redacted]',
    },
    genReqId: (request, response) => correlationIdFor(request, response),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    serializers: {
      req: (request: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: request.method,
        url: request.url,
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return 'info';
    },
    // For a 4xx/5xx answer pino-http invents an error with a stack pointing at itself; the filter logs the real one.
    customErrorObject: (_request, response, error, value: Record<string, unknown>) => {
      if (error.message !== `failed with status code ${response.statusCode}`) return value;
      const { err: _synthetic, ...rest } = value;
      return rest;
    },
    autoLogging: { ignore: (request) => PROBE_PATHS.has((request.url ?? '').split('?')[0]) },
  };
  return { pinoHttp: options.destination ? [httpOptions, options.destination] : httpOptions };
}
