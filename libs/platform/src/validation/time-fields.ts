import { CALENDAR_DATE_REASON, canonicalInstant, isCalendarDate, readInstant } from '@training-ledger/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A date-time field of a request body, path or query: accepts the forms integrations send (seconds
 * optional, `Z` or an offset) and hands the handler the one canonical form the contracts carry, so
 * that what is stored is always publishable. Impossible dates and times without an offset are refused.
 * The API document says `format: date-time`, merged into the field's own `@ApiProperty`.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  const toCanonical = Transform(({ value }) => (typeof value === 'string' ? (canonicalInstant(value) ?? value) : value));
  const validate = ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && readInstant(value).kind === 'instant',
        defaultMessage: (args) => {
          const reading = typeof args?.value === 'string' ? readInstant(args.value) : null;
          const reason = reading?.kind === 'refused' ? reading.reason : 'must be a date and time with an offset';
          return `${args?.property ?? 'value'} ${reason}`;
        },
      },
    },
    options,
  );
  const documented = ApiProperty({ format: 'date-time' });
  return (target, property) => {
    toCanonical(target, property);
    validate(target, property);
    documented(target, property);
  };
}

/** YYYY-MM-DD naming a day that exists: 2027-02-31 is refused in bodies, paths and queries alike. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  const documented = ApiProperty({ format: 'date' });
  const validate = ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} ${CALENDAR_DATE_REASON}`,
      },
    },
    options,
  );
  return (target, property) => {
    validate(target, property);
    documented(target, property);
  };
}
