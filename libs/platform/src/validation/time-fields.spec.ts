import { plainToInstance } from 'class-transformer';
import { IsOptional, validate } from 'class-validator';
import { IsCalendarDate, IsInstant } from './time-fields';

class Mark {
  @IsInstant()
  observedAt!: string;

  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

async function read(plain: Record<string, unknown>): Promise<{ value: Mark; errors: string[] }> {
  const value = plainToInstance(Mark, plain);
  const errors = await validate(value);
  return { value, errors: errors.flatMap((error) => Object.values(error.constraints ?? {})) };
}

describe('time fields of requests', () => {
  it('hands the handler the canonical form of what integrations send', async () => {
    expect(await read({ observedAt: '2027-05-15T08:05+07:00' })).toEqual({ value: { observedAt: '2027-05-15T08:05:00+07:00' }, errors: [] });
    expect((await read({ observedAt: '2027-05-15 01:05:00.250z' })).value.observedAt).toBe('2027-05-15T01:05:00.250Z');
  });

  it('refuses an impossible date or a time without an offset, naming the field and why', async () => {
    expect((await read({ observedAt: '2027-02-31T08:00:00+07:00' })).errors).toEqual(['observedAt 2027-02-31 is not a day of the calendar']);
    expect((await read({ observedAt: '2027-05-15T08:05:00' })).errors[0]).toMatch(/^observedAt must be a date and time .* and an offset/);
    expect((await read({ observedAt: 1_779_000_000 })).errors[0]).toMatch(/^observedAt must be a date and time/);
  });

  it('refuses an instant whose UTC form would not have a four-digit year, as the metadata of a command writes it', async () => {
    expect((await read({ observedAt: '9999-12-31T23:59:59-14:00' })).errors).toEqual(['observedAt must fall within the years 0000–9999 in UTC']);
    expect((await read({ observedAt: '0000-01-01T00:00:00+00:01' })).errors).toEqual(['observedAt must fall within the years 0000–9999 in UTC']);
    expect((await read({ observedAt: '9999-12-31T23:59:59+14:00' })).errors).toEqual([]);
    expect((await read({ observedAt: '0000-01-01T00:00:00Z' })).errors).toEqual([]);
  });

  it('refuses a calendar date that does not exist', async () => {
    expect((await read({ observedAt: '2027-05-15T08:05Z', asOf: '2027-02-29' })).errors).toEqual([
      'asOf must be a calendar date YYYY-MM-DD that exists, e.g. 2027-03-15',
    ]);
    expect((await read({ observedAt: '2027-05-15T08:05Z', asOf: '2028-02-29' })).errors).toEqual([]);
  });
});
