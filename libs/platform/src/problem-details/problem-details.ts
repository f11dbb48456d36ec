import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types this system defines; plain HTTP failures use `about:blank` as RFC 9457 advises. */
export const PROBLEM_TYPES = {
  validation: 'urn:training-ledger:problem:validation',
  ruleViolation: 'urn:training-ledger:problem:rule-violation',
  concurrencyConflict: 'urn:training-ledger:problem:concurrency-conflict',
  idempotencyKeyReuse: 'urn:training-ledger:problem:idempotency-key-reuse',
  notReady: 'urn:training-ledger:problem:not-ready',
  contractViolation: 'urn:training-ledger:problem:contract-violation',
} as const;

export interface FieldError {
  /** Path to the offending input, e.g. `items[3].traineeId`. */
  readonly field: string;
  readonly reason: string;
}

interface ProblemMembers {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  readonly rule?: string;
  readonly field?: string;
}

type Extensions = { readonly [extension: string]: unknown };

/** RFC 9457 problem document, with this system's extension members. */
export type ProblemDetails = ProblemMembers & Extensions;

/** A problem before it is sent: the title defaults to the status phrase, the instance is the request path. */
export type ProblemInit = Omit<ProblemMembers, 'title' | 'instance'> & { readonly title?: string } & Extensions;

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** An HTTP failure whose problem document is given whole; the filter only adds `instance`. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? statusTitle(problem.status), problem.status);
  }

  toProblem(instance: string): ProblemDetails {
    return { ...this.problem, title: this.problem.title ?? statusTitle(this.problem.status), instance };
  }
}
