import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainRuleViolation, assertNever, type RuleViolationKind } from '@training-ledger/decider';
import { WrongExpectedVersionError } from '@training-ledger/event-store';
import { problemForBodyReadingError } from './body-reading-problems';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemException, statusTitle, type ProblemDetails } from './problem-details';

interface HttpRequestLike {
  readonly originalUrl?: string;
  readonly url?: string;
}

interface HttpResponseLike {
  readonly headersSent: boolean;
  status(code: number): this;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
  end(): unknown;
}

export function ruleViolationStatus(kind: RuleViolationKind): number {
  switch (kind) {
    case 'invalid':
      return 422;
    case 'conflict':
      return 409;
    case 'not-found':
      return 404;
    case 'forbidden':
      return 403;
    default:
      return assertNever(kind, 'rule violation kind');
  }
}

/**
 * Every failure leaves as an RFC 9457 problem document. Unexpected errors are logged with their stack
 * and answered with a bare 500, so that no internal detail reaches the caller.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const response = http.getResponse<HttpResponseLike>();
    const instance = (request.originalUrl ?? request.url ?? '').split('?')[0];
    const problem = this.toProblem(exception, instance);

    if (response.headersSent) {
      this.logger.error({ err: exception, status: problem.status }, 'Failure after the response had started');
      response.end();
      return;
    }
    response.status(problem.status);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof ProblemException) return exception.toProblem(instance);

    if (exception instanceof DomainRuleViolation) {
      const status = ruleViolationStatus(exception.kind);
      return {
        type: PROBLEM_TYPES.ruleViolation,
        title: statusTitle(status),
        status,
        detail: exception.message,
        instance,
        rule: exception.rule,
        ...(exception.field !== undefined ? { field: exception.field } : {}),
      };
    }

    if (exception instanceof WrongExpectedVersionError) {
      return {
        type: PROBLEM_TYPES.concurrencyConflict,
        title: statusTitle(409),
        status: 409,
        detail: 'The record was changed by another request; read it again and retry',
        instance,
      };
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logger.error({ err: exception.cause ?? exception, status }, exception.message);
      return { type: 'about:blank', title: statusTitle(status), status, detail: httpDetail(exception), instance };
    }

    const clientError = problemForBodyReadingError(exception);
    if (clientError) return clientError.toProblem(instance);

    this.logger.error({ err: exception }, 'Unhandled error');
    return { type: 'about:blank', title: statusTitle(500), status: 500, detail: 'An unexpected error occurred', instance };
  }
}

/** Nest puts the message at the top level or inside its default `{ message, error, statusCode }` body. */
function httpDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}
