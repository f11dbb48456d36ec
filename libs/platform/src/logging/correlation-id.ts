import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps the caller's correlation id when it is a plain token, so one id follows a request across
 * systems; otherwise starts a new one. Either way the response carries it back.
 */
export function correlationIdFor(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[CORRELATION_ID_HEADER];
  const correlationId = typeof given === 'string' && ACCEPTABLE_CORRELATION_ID.test(given) ? given : randomUUID();
  response.setHeader(CORRELATION_ID_HEADER, correlationId);
  return correlationId;
}

/** The request's correlation id, to stamp on the commands and events it causes. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ id?: unknown }>();
  if (typeof request.id !== 'string') throw new Error('No correlation id on this request: is the platform logger installed?');
  return request.id;
});
