import { ApiProperty } from '@nestjs/swagger';
import { DomainRuleViolation } from '@training-ledger/decider';
import {
  ApiBulkAnswer,
  type BulkAnswer,
  bulkAnswer,
  createValidationPipe,
  type FieldError,
  type InvalidItem,
  type ItemOutcome,
  ProblemException,
  refusedItem,
} from '@training-ledger/platform';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';

/** Rows a spreadsheet import checks at once: a file of a thousand staff is checked in one request. */
export const MAX_CHECKED_ROWS = 1_000;

/**
 * The rows of an import, each the body its own endpoint would take. They are validated row by row
 * by the check, with the endpoint's own DTO, so that one bad row does not refuse the others.
 */
export class CheckRowsDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    minItems: 1,
    maxItems: MAX_CHECKED_ROWS,
    description: `Up to ${MAX_CHECKED_ROWS} request bodies, one a row, in the file's order`,
  })
  @IsArray({ message: 'rows must be a list' })
  @ArrayMinSize(1, { message: 'rows must hold at least one row' })
  @ArrayMaxSize(MAX_CHECKED_ROWS, { message: `rows may hold at most ${MAX_CHECKED_ROWS} rows` })
  @IsObject({ each: true, message: 'each row must be an object' })
  rows!: Record<string, unknown>[];
}

/**
 * What recording each row would do, found without recording anything, in the words of a bulk
 * answer: accepted (would be recorded), already-recorded, or refused; a row that is not a valid
 * body is refused as its endpoint would refuse it, with 400 and the fields.
 */
export type RowChecks = BulkAnswer<{ readonly subjectId: string | null }>;

/** What the decider would record for a row, and the id that names what it records. */
export interface RowDecided {
  readonly subjectId: string | null;
  readonly events: readonly unknown[];
}

/** Documents a check's 200 answer. */
export const ApiRowChecks = (example?: RowChecks) =>
  ApiBulkAnswer({
    description: 'A result per row, in the file’s order, with the count of each result; nothing is recorded',
    subject: { subjectId: { type: 'string', nullable: true, description: 'The id the row would record under, when the row gives it' } },
    ...(example ? { example } : {}),
  });

const pipe = createValidationPipe();

/** The row as its endpoint's validation turns it into the DTO, or the fields that validation names. */
export async function validatedRow<T>(
  dto: new () => T,
  row: unknown,
): Promise<{ readonly valid: true; readonly value: T } | { readonly valid: false; readonly errors: readonly FieldError[] }> {
  try {
    return { valid: true, value: (await pipe.transform(row, { type: 'body', metatype: dto, data: '' })) as T };
  } catch (error) {
    if (error instanceof ProblemException) return { valid: false, errors: error.problem.errors ?? [{ field: '', reason: error.message }] };
    throw error;
  }
}

/** Checks each row in order with `checkOne`; a broken rule refuses its row only. */
export async function checkRows(
  rows: readonly unknown[],
  checkOne: (row: unknown) => Promise<RowDecided | InvalidItem>,
): Promise<RowChecks> {
  const subjects: (string | null)[] = [];
  const outcomes: ItemOutcome<unknown>[] = [];
  for (const row of rows) {
    try {
      const checked = await checkOne(row);
      subjects.push('errors' in checked ? null : checked.subjectId);
      outcomes.push('errors' in checked ? checked : { accepted: true, events: checked.events });
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      subjects.push(null);
      outcomes.push(refusedItem(error));
    }
  }
  return bulkAnswer(subjects, outcomes, { subject: (subjectId) => ({ subjectId }) });
}
