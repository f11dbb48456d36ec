import { CALENDAR_DATE_REASON, canonicalInstant, isCalendarDate, readInstant } from '@training-ledger/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The instants every contract can write in UTC as well: `toISOString` leaves four-digit years outside them. */
const EARLIEST_UTC = Date.parse('0000-01-01T00:00:00Z');
const LATEST_UTC = Date.parse('9999-12-31T23:59:59.999Z');
const OUTSIDE_UTC_YEARS = 'must fall within the years 0000–9999 in UTC';

/** Why the text is no instant the boundary takes, or null when it is one. */
function instantRefusal(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a date and time with an offset';
  const reading = readInstant(value);
  if (reading.kind === 'refused') return reading.reason;
  return reading.epochMs < EARLIEST_UTC || reading.epochMs > LATEST_UTC ? OUTSIDE_UTC_YEARS : null;
}

/**
 * A date-time field of a request body, path or query: accepts the forms integrations send (seconds
 * optional, `Z` or an offset) and hands the handler the one canonical form the contracts carry, so
 * that what is stored is always publishable, also where a service writes it in UTC. Impossible dates,
 * times without an offset and instants whose UTC year has not four digits are refused.
 * The API document says `format: date-time`, merged into the field's own `@ApiProperty`.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  const toCanonical = Transform(({ value }) => (typeof value === 'string' ? (canonicalInstant(value) ?? value) : value));
  const validate = ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => instantRefusal(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${instantRefusal(args?.value) ?? OUTSIDE_UTC_YEARS}`,
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
