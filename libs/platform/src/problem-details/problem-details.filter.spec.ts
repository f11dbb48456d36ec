import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { DomainRuleViolation } from '@training-ledger/decider';
import { WrongExpectedVersionError } from '@training-ledger/event-store';
import { plainToInstance, Type } from 'class-transformer';
import { IsString, IsUUID, ValidateNested, validateSync } from 'class-validator';
import { ProblemDetailsFilter } from './problem-details.filter';
import { PROBLEM_TYPES, ProblemException } from './problem-details';
import { fieldErrors, validationProblem } from './validation';

class Item {
  @IsUUID()
  traineeId!: string;
}

class BulkEnrolment {
  @IsString()
  courseRunId!: string;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

function respond(exception: unknown, path = '/enrolments/bulk?dryRun=true') {
  const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    send(body: string) {
      sent.body = body;
    },
    end() {},
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: path }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { ...sent, json: JSON.parse(sent.body ?? 'null') as Record<string, unknown> };
}

describe('ProblemDetailsFilter', () => {
  it('answers with application/problem+json and the request path as instance', () => {
    const sent = respond(new NotFoundException('No course run CR-9'));
    expect(sent.status).toBe(404);
    expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(sent.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No course run CR-9', instance: '/enrolments/bulk' });
  });

  it.each([
    [new BadRequestException('bad'), 400, 'Bad Request'],
    [new HttpException('Unauthorized', 401), 401, 'Unauthorized'],
    [new ForbiddenException('no'), 403, 'Forbidden'],
    [new ConflictException('taken'), 409, 'Conflict'],
    [new UnprocessableEntityException('nope'), 422, 'Unprocessable Entity'],
  ])('keeps the status of %p', (exception, status, title) => {
    expect(respond(exception).json).toMatchObject({ status, title, type: 'about:blank' });
  });

  it.each([
    ['invalid', 422],
    ['conflict', 409],
    ['not-found', 404],
    ['forbidden', 403],
  ] as const)('answers a %s rule violation with %i, naming the rule and the field', (kind, status) => {
    const sent = respond(new DomainRuleViolation('attendance.session-closed', 'Session S-3 is closed', 'sessionId', kind));
    expect(sent.status).toBe(status);
    expect(sent.json).toMatchObject({
      type: PROBLEM_TYPES.ruleViolation,
      status,
      detail: 'Session S-3 is closed',
      rule: 'attendance.session-closed',
      field: 'sessionId',
    });
  });

  it('answers a lost optimistic-concurrency race with 409', () => {
    const sent = respond(new WrongExpectedVersionError('certificate-42', 3n, 4n));
    expect(sent.status).toBe(409);
    expect(sent.json).toMatchObject({ type: PROBLEM_TYPES.concurrencyConflict, status: 409 });
  });

  it('hides the internals of an unexpected error, and logs them', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const failure = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=secret');
    const sent = respond(failure);
    expect(logged).toHaveBeenCalledWith({ err: failure }, 'Unhandled error');
    logged.mockRestore();
    expect(sent.status).toBe(500);
    expect(sent.body).not.toContain('ECONNREFUSED');
    expect(sent.json).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
      instance: '/enrolments/bulk',
    });
  });

  it('sends a given problem whole, with its extensions', () => {
    const sent = respond(new ProblemException({ type: PROBLEM_TYPES.notReady, status: 503, detail: 'Not available: kafka', checks: { kafka: 'down' } }));
    expect(sent.json).toEqual({
      type: PROBLEM_TYPES.notReady,
      title: 'Service Unavailable',
      status: 503,
      detail: 'Not available: kafka',
      instance: '/enrolments/bulk',
      checks: { kafka: 'down' },
    });
  });
});

describe('validation problems', () => {
  it('point at nested fields with their array index', () => {
    const body = plainToInstance(BulkEnrolment, {
      courseRunId: 7,
      items: [{ traineeId: '0b7e7a4e-5b0a-4f5b-9d8e-2f1b8f1c6a11' }, { traineeId: '0b7e7a4e-5b0a-4f5b-9d8e-2f1b8f1c6a12' }, {}, { traineeId: 'x' }],
    });
    const errors = fieldErrors(validateSync(body));
    expect(errors).toEqual([
      { field: 'courseRunId', reason: 'courseRunId must be a string' },
      { field: 'items[2].traineeId', reason: 'traineeId must be a UUID' },
      { field: 'items[3].traineeId', reason: 'traineeId must be a UUID' },
    ]);
  });

  it('become a 400 problem listing every field', () => {
    const body = plainToInstance(BulkEnrolment, { courseRunId: 'CR-1', items: [{ traineeId: 'x' }] });
    const sent = respond(validationProblem(validateSync(body)));
    expect(sent.status).toBe(400);
    expect(sent.json).toEqual({
      type: PROBLEM_TYPES.validation,
      title: 'The request is not valid',
      status: 400,
      detail: 'items[0].traineeId: traineeId must be a UUID',
      instance: '/enrolments/bulk',
      errors: [{ field: 'items[0].traineeId', reason: 'traineeId must be a UUID' }],
    });
  });
});
