import { isCommandError, type ErrorType } from '@kurrent/kurrentdb-client';

export function isKurrentError(error: unknown, type: ErrorType): boolean {
  return error instanceof Error && isCommandError(error) && error.type === type;
}
