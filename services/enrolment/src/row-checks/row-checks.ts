import { ApiProperty } from '@nestjs/swagger';
import { DomainRuleViolation } from '@training-ledger/decider';
import { createValidationPipe, type FieldError, ProblemException, ruleViolationStatus } from '@training-ledger/platform';
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

/** What recording one row would do, found without recording anything. */
export type RowCheck =
  | { readonly index: number; readonly outcome: 'would-record' | 'already-recorded'; readonly subjectId: string | null }
  | { readonly index: number; readonly outcome: 'invalid'; readonly errors: readonly FieldError[] }
  | {
      readonly index: number;
      readonly outcome: 'refused';
      readonly status: number;
      readonly rule: string;
      readonly field: string | null;
      readonly detail: string;
    };

export interface RowChecks {
  readonly wouldRecord: number;
  readonly alreadyRecorded: number;
  readonly invalid: number;
  readonly refused: number;
  readonly rows: readonly RowCheck[];
}

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

/** A refused row as a bulk answer reads it: the status, rule and field of the rule it broke. */
export function refusedRow(index: number, violation: DomainRuleViolation): RowCheck {
  return {
    index,
    outcome: 'refused',
    status: ruleViolationStatus(violation.kind),
    rule: violation.rule,
    field: violation.field ?? null,
    detail: violation.message,
  };
}

/** Checks each row in order with `checkOne`; a broken rule refuses its row only. */
export async function checkRows(rows: readonly unknown[], checkOne: (row: unknown, index: number) => Promise<RowCheck>): Promise<RowChecks> {
  const checked: RowCheck[] = [];
  for (const [index, row] of rows.entries()) {
    try {
      checked.push(await checkOne(row, index));
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      checked.push(refusedRow(index, error));
    }
  }
  const count = (outcome: RowCheck['outcome']) => checked.filter((row) => row.outcome === outcome).length;
  return { wouldRecord: count('would-record'), alreadyRecorded: count('already-recorded'), invalid: count('invalid'), refused: count('refused'), rows: checked };
}
