import { BadRequestException, Logger } from '@nestjs/common';
import { problemForBodyReadingError } from './body-reading-problems';
import { ProblemDetailsFilter } from './problem-details.filter';

/** An error as body-parser and raw-body raise them (the `http-errors` convention). */
const raised = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, ...extra });

describe('problems for a body that could not be read', () => {
  const toProblem = (error: unknown) => new ProblemDetailsFilter().toProblem(error, '/runs/R-1/attendance');

  it.each([
    [raised(413, 'request entity too large', { type: 'entity.too.large', limit: 2_097_152, length: 3_000_000 }), 413, 'The body is larger than the 2097152 bytes this service accepts; send fewer items per request'],
    [raised(415, 'unsupported charset "LATIN1"', { type: 'charset.unsupported', charset: 'latin1' }), 415, 'A JSON body must be encoded as UTF-8'],
    [raised(415, 'unsupported content encoding "compress"', { type: 'encoding.unsupported' }), 415, 'Content-Encoding must be identity, gzip, deflate or br'],
    [raised(400, 'request aborted', { type: 'request.aborted' }), 400, 'The request ended before its body was complete'],
    [raised(400, 'request size did not match content length', { type: 'request.size.invalid' }), 400, 'The body is not as long as its Content-Length says'],
    [raised(400, 'incorrect header check', { code: 'Z_DATA_ERROR' }), 400, 'The body could not be decompressed as its Content-Encoding says'],
  ])('the filter answers %p with %i and its own words', (error, status, detail) => {
    expect(toProblem(error)).toEqual({ type: 'about:blank', title: expect.any(String), status, detail, instance: '/runs/R-1/attendance', ...(status === 413 ? { limitBytes: 2_097_152 } : {}) });
  });

  it('says where malformed JSON broke, never what it said', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token \'S\', "SECRET-7 {" is not valid JSON at position 0'), { status: 400, type: 'entity.parse.failed', body: 'SECRET-7 {' });
    expect(toProblem(parse)).toMatchObject({ status: 400, detail: 'The body is not well-formed JSON (at character 0)' });
    const bare = Object.assign(new SyntaxError('Unexpected token \'S\', "SECRET-7" is not valid JSON'), { status: 400, type: 'entity.parse.failed' });
    expect(toProblem(bare)).toMatchObject({ status: 400, detail: 'The body is not well-formed JSON' });
  });

  it('keeps the status of another client error raised on the way in, without its message', () => {
    expect(toProblem(raised(403, 'verify failed for SECRET', { type: 'entity.verify.failed' }))).toMatchObject({ status: 403, detail: 'Forbidden' });
  });

  it('leaves the server’s own failures to the 500 answer, and Nest’s exceptions to their own mapping', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(problemForBodyReadingError(raised(500, 'stream encoding should not be set', { type: 'stream.encoding.set', expose: false }))).toBeUndefined();
    expect(problemForBodyReadingError(new Error('pool exhausted'))).toBeUndefined();
    expect(problemForBodyReadingError(new BadRequestException('bad'))).toBeUndefined();
    expect(toProblem(raised(500, 'stream encoding should not be set', { type: 'stream.encoding.set', expose: false }))).toMatchObject({ status: 500, detail: 'An unexpected error occurred' });
    logged.mockRestore();
  });
});
