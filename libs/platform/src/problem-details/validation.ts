import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, PROBLEM_TYPES, type FieldError } from './problem-details';

/** Flattens class-validator's tree into one entry per broken constraint, keeping the path (`items[3].traineeId`). */
export function fieldErrors(errors: readonly ValidationError[], parentPath = '', parentValue?: unknown): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parentPath, error.property, Array.isArray(parentValue));
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field: path, reason }));
    return [...own, ...fieldErrors(error.children ?? [], path, error.value)];
  });
}

function joinPath(parent: string, property: string, parentIsArray: boolean): string {
  if (parentIsArray && /^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const details = fieldErrors(errors);
  return new ProblemException({
    type: PROBLEM_TYPES.validation,
    title: 'The request is not valid',
    status: 400,
    detail: details.length === 1 ? `${details[0].field}: ${details[0].reason}` : `${details.length} fields are not valid`,
    errors: details,
  });
}

/** Unknown properties are refused rather than dropped, so a misspelt field never passes silently. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
