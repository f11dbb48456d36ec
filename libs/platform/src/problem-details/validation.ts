import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { firstShapeViolation } from '../validation/body-limits';
import { markedValidator } from '../validation/compiled-validation';
import { firstUnstorableText } from '../validation/storable-text';
import { ProblemException, PROBLEM_TYPES, type FieldError } from './problem-details';

/** A validation answer lists at most this many field errors, and says how many there were. */
export const MAX_LISTED_ERRORS = 100;
/** Field names come from the caller (an unknown property is named): longer ones are cut, and reasons too. */
const MAX_FIELD_LENGTH = 200;
const MAX_REASON_LENGTH = 500;

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
  return fieldErrorsProblem(fieldErrors(errors));
}

/**
 * A 400 naming each field and what is wrong with it, never the value sent: the first
 * {@link MAX_LISTED_ERRORS} of them, with `errorCount` saying how many there were.
 */
export function fieldErrorsProblem(details: readonly FieldError[]): ProblemException {
  const listed = details.slice(0, MAX_LISTED_ERRORS).map(({ field, reason }) => ({ field: cut(field, MAX_FIELD_LENGTH), reason: cut(reason, MAX_REASON_LENGTH) }));
  const [first] = listed;
  return new ProblemException({
    type: PROBLEM_TYPES.validation,
    title: 'The request is not valid',
    status: 400,
    detail:
      details.length === 1 && first
        ? `${first.field}: ${first.reason}`
        : details.length > listed.length
          ? `${details.length} fields are not valid; the first ${listed.length} are listed`
          : `${details.length} fields are not valid`,
    errors: listed,
    ...(details.length > listed.length ? { errorCount: details.length } : {}),
  });
}

const cut = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * Validation that reads a body's shape first: a list longer than it may be, too many properties or
 * too deep a nesting is refused naming the field before any item is transformed or validated. Then
 * any text of a body, path or query the event log could not store is refused, naming where it is.
 * A body of a class marked `@CompiledValidation()` is then accepted by its compiled rules when it
 * keeps to them; any other goes through class-validator, which names what is wrong.
 */
class ShapeFirstValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const violation = firstShapeViolation(value, metadata.metatype);
      if (violation) throw fieldErrorsProblem([violation]);
    }
    if (metadata.type !== 'custom') {
      const unstorable = firstUnstorableText(value, metadata.data ?? '', metadata.type);
      if (unstorable) throw fieldErrorsProblem([unstorable]);
    }
    const compiled = metadata.metatype && this.toValidate(metadata) ? markedValidator(metadata.metatype) : null;
    const built = compiled?.(value);
    return built !== undefined ? built : super.transform(value, metadata);
  }
}

/** Unknown properties are refused rather than dropped, so a misspelt field never passes silently. */
export function createValidationPipe(): ValidationPipe {
  return new ShapeFirstValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
