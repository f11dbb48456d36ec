import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemForBodyReadingError } from '../problem-details/body-reading-problems';
import { ProblemException } from '../problem-details/problem-details';

/** The largest JSON body, in bytes, a service accepts unless it names another (a bulk body at its item limit must fit). */
export const DEFAULT_JSON_BODY_LIMIT = 2 * 1024 * 1024;

/** The media types read as JSON, in body-parser's notation; the check below admits exactly these. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * A body that is not JSON is refused with 415 before anything reads it: the services accept JSON
 * only, and a form or text body would otherwise reach validation as an empty object.
 */
export function requireJsonBodies(request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void {
  if (!hasBody(request)) {
    next();
    return;
  }
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) {
    next();
    return;
  }
  next(
    new ProblemException({
      type: 'about:blank',
      status: 415,
      detail: 'The body must be JSON, sent with Content-Type: application/json',
    }),
  );
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Express error middleware placed right after the body parser: a body that could not be read leaves
 * as a 4xx problem document whose words are this service's, never the parser's (which may quote
 * the body). Other errors pass on untouched.
 */
export function bodyReadingErrorsAsProblems(error: unknown, _request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void {
  next(problemForBodyReadingError(error) ?? error);
}
