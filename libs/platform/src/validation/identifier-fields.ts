import { identifier } from '@training-ledger/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

export const IDENTIFIER_REASON = 'must be text of 1–128 characters (Unicode code points)';

/**
 * A field that names something other services know by id (a trainee, a session, a record): what
 * the contracts call an `identifier`, counted as they count it, in code points. `@MaxLength(128)` is
 * not enough: it counts a letter with its variation selector (`a\uFE0F`) as one character, the
 * contracts as two.
 */
export function IsIdentifier(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdentifier',
      validator: {
        validate: (value: unknown) => identifier.safeParse(value).success,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${IDENTIFIER_REASON}`,
      },
    },
    options,
  );
}
