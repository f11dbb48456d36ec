import { HttpException } from '@nestjs/common';
import { ProblemException, statusTitle } from './problem-details';

/** What body-parser and raw-body attach to the errors they raise (the `http-errors` convention). */
interface BodyReadingError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly expose?: unknown;
  readonly type?: unknown;
  readonly limit?: unknown;
  readonly message?: unknown;
  /** zlib's error code, when the body did not inflate. */
  readonly code?: unknown;
}

/**
 * The problem for an error raised while reading a request body, or undefined when the error is not
 * such a client error (a failure of the server's own stays a 500, logged by the filter).
 */
export function problemForBodyReadingError(error: unknown): ProblemException | undefined {
  if (error === null || typeof error !== 'object' || error instanceof HttpException) return undefined;
  const raised = error as BodyReadingError;
  const status = typeof raised.status === 'number' ? raised.status : typeof raised.statusCode === 'number' ? raised.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  const problem = (detail: string, extensions: Record<string, unknown> = {}) => new ProblemException({ type: 'about:blank', status, detail, ...extensions });
  switch (raised.type) {
    case 'entity.too.large':
      return typeof raised.limit === 'number'
        ? problem(`The body is larger than the ${raised.limit} bytes this service accepts; send fewer items per request`, { limitBytes: raised.limit })
        : problem('The body is larger than this service accepts; send fewer items per request');
    case 'entity.parse.failed':
      return problem(`The body is not well-formed JSON${jsonErrorPosition(raised.message)}`);
    case 'charset.unsupported':
      return problem('A JSON body must be encoded as UTF-8');
    case 'encoding.unsupported':
      return problem('Content-Encoding must be identity, gzip, deflate or br');
    case 'request.aborted':
      return problem('The request ended before its body was complete');
    case 'request.size.invalid':
      return problem('The body is not as long as its Content-Length says');
    default:
      if (typeof raised.code === 'string' && raised.code.startsWith('Z_')) return problem('The body could not be decompressed as its Content-Encoding says');
      // Another client error raised on the way in: its status stands, its words are not repeated.
      return raised.expose === true || raised.type !== undefined ? problem(statusTitle(status)) : undefined;
  }
}

/** Where the parser stopped, if its message says: a position, never the text around it. */
function jsonErrorPosition(message: unknown): string {
  const position = typeof message === 'string' ? /\bposition (\d+)/.exec(message)?.[1] : undefined;
  return position === undefined ? '' : ` (at character ${position})`;
}
