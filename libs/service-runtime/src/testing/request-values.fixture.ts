import fc from 'fast-check';

/**
 * Values of request bodies as integrations send them and as careless or hostile callers do. Each
 * field has `realistic` values and `odd` ones: values on either side of every bound, in every kind
 * of text unit, of the wrong type. An odd body is realistic but for one thing, chosen among all its
 * fields at any depth (`leaves` counts them), so that each odd value meets a body the DTO would
 * otherwise accept. JSON bodies carry ±Infinity (`1e400`) and -0 but never NaN or undefined:
 * neither is generated.
 */
export interface Values {
  readonly realistic: fc.Arbitrary<unknown>;
  readonly odd: fc.Arbitrary<unknown>;
  /** How many places the odd values may be in. */
  readonly leaves: number;
}

export const values = (realistic: fc.Arbitrary<unknown>, odd: fc.Arbitrary<unknown> = realistic): Values => ({ realistic, odd, leaves: 1 });

export const eitherOf = (...choices: Values[]): Values => ({
  realistic: fc.oneof(...choices.map((choice) => choice.realistic)),
  odd: fc.oneof(...choices.map((choice) => choice.odd)),
  leaves: Math.max(...choices.map((choice) => choice.leaves)),
});

export const nullable = (field: Values): Values => ({ ...field, realistic: fc.oneof(field.realistic, fc.constant(null)) });

/** What a test sends: mostly odd bodies, and realistic ones among them. */
export const sent = (body: Values): fc.Arbitrary<unknown> => fc.oneof({ weight: 1, arbitrary: body.realistic }, { weight: 4, arbitrary: body.odd });

/** One unit repeated: what a length bound counts differs between validators for some of them. */
const TEXT_UNITS = [
  'a',
  'A',
  '7',
  'ễ', // precomposed Vietnamese: one code point
  'e\u0302\u0303', // the same letter decomposed: three code points
  '😀', // one code point, two UTF-16 units
  'a\uFE0F', // a letter and its variation selector: two code points, one character to class-validator
  ' ',
  '\u00A0',
  '\u3000',
  '\u200B',
  '\u0000',
  '\uD800', // a lone surrogate
] as const;

const WHITESPACE = [' ', '   ', '\t', '\n', '\r\n', '\u00A0', '\u3000', '\u2028', ' \t\n '] as const;

const REALISTIC_WORDS = [
  'Bộ Ngoại giao',
  'Học viện Ngoại giao',
  'Nguyễn Thị Lan',
  'Trần Văn Minh',
  'ASEAN',
  'Kỹ năng đàm phán đa phương',
  'Ministry of Foreign Affairs',
  'international law',
  'Giảng viên ốm — lecturer taken ill',
  'Not in the target group of this advanced course',
] as const;

/** Units that class-validator counts as fewer characters than the contracts' code points or UTF-16 does. */
const WIDE_UNITS = ['a\uFE0F', '\u2764\uFE0F', '😀'] as const;

const unit = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...WIDE_UNITS) }, { weight: 1, arbitrary: fc.constantFrom(...TEXT_UNITS) });

/** A unit repeated to one less than, exactly or one more than a bound. */
const unitsAtBounds = (bounds: readonly number[]): fc.Arbitrary<string> =>
  fc
    .tuple(unit, fc.constantFrom(...bounds), fc.constantFrom(-1, 0, 1))
    .map(([repeated, bound, step]) => repeated.repeat(Math.max(0, bound + step)));

/** A unit repeated to no, one, half or twice a bound's length. */
const unitsAroundBounds = (bounds: readonly number[]): fc.Arbitrary<string> =>
  fc
    .tuple(unit, fc.constantFrom(...bounds), fc.constantFrom(0, 1, 0.5, 2))
    .map(([repeated, bound, factor]) => repeated.repeat(factor === 0 || factor === 1 ? factor : Math.ceil(bound * factor)));

/** Not text, or text that stands for no value. */
const notText: fc.Arbitrary<unknown> = fc.constantFrom(null, 0, 1, -1, true, false, [], {}, ['a'], { value: 'a' }, 'NaN', 'null', 'undefined', '');

/** Free text: words people write; odd, runs of units around the bounds, arbitrary Unicode, whitespace only. */
export function text(bounds: readonly number[], realistic: fc.Arbitrary<string> = fc.constantFrom(...REALISTIC_WORDS)): Values {
  const longest = Math.max(2, ...bounds) + 2;
  return values(
    realistic,
    fc.oneof(
      { weight: 4, arbitrary: unitsAtBounds(bounds) },
      { weight: 1, arbitrary: unitsAroundBounds(bounds) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: longest }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: longest }) },
      { weight: 1, arbitrary: fc.constantFrom(...WHITESPACE) },
      { weight: 1, arbitrary: notText },
    ),
  );
}

/** Identifiers: `realistic` ones; odd, ASCII ones up to and beyond `maxLength`, and every other kind of text. */
export function identifierText(maxLength: number, realistic: fc.Arbitrary<string>): Values {
  const asciiId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).filter((id) => id.length <= maxLength + 2);
  const asciiAtBound = fc.constantFrom(maxLength - 1, maxLength, maxLength + 1).map((length) => `N${'-0'.repeat(length)}`.slice(0, length));
  return values(
    realistic,
    fc.oneof({ weight: 2, arbitrary: asciiAtBound }, { weight: 1, arbitrary: asciiId }, { weight: 3, arbitrary: text([maxLength], realistic).odd }),
  );
}

export interface NumberBounds {
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Numbers within the bounds; odd, on and across them, fractional, huge, and things that only look like numbers. */
export function numberValue({ min, max, integer = false }: NumberBounds, realistic?: fc.Arbitrary<number>): Values {
  const upper = max ?? 1_000_000;
  const within = realistic ?? (integer ? fc.integer({ min, max: upper }) : fc.double({ min, max: upper, noNaN: true }));
  const edges = [min, min - 1, min - 0.5, min + 0.5, upper, upper + 1, upper - 0.5, upper + 0.5];
  const extremes = [
    0,
    -0,
    -1,
    0.1,
    1.5,
    1e-7,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 1,
    2 ** 64,
    1e21,
    1e308,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Infinity,
    -Infinity,
  ];
  return values(
    within,
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...edges) },
      { weight: 2, arbitrary: fc.constantFrom(...extremes) },
      { weight: 1, arbitrary: fc.double({ noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom('1', '5', '1e3', 'NaN', 'Infinity', '-0', '', ' ', '0x10', null, true, false, [], [1], {}) },
    ),
  );
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A day written YYYY-MM-DD, whether or not the calendar has it (2027-02-31). */
const anyWrittenDay = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);

/** Days of the programme's years, 2026 to 2032. */
export const programmeDay: fc.Arbitrary<string> = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const DAY_EDGES = [
  '2028-02-29',
  '2027-02-29',
  '2000-02-29',
  '1900-02-29',
  '2027-02-31',
  '2027-04-31',
  '2027-13-01',
  '2027-00-10',
  '2027-01-00',
  '0000-01-01',
  '9999-12-31',
  '2027-5-1',
  '27-05-15',
  '20270515',
  ' 2027-05-15',
  '2027-05-15 ',
  '2027-05-15T00:00:00Z',
  '2027-05-15T00:00:00+07:00',
  '２０２７-05-15',
  '2027/05/15',
  '15/05/2027',
] as const;

/** Calendar dates: days of the programme; odd, any written day, leap days, impossible days and other forms. */
export function calendarDateText(realistic: fc.Arbitrary<string> = programmeDay): Values {
  return values(
    realistic,
    fc.oneof(
      { weight: 2, arbitrary: anyWrittenDay },
      { weight: 2, arbitrary: fc.constantFrom(...DAY_EDGES) },
      { weight: 1, arbitrary: notText },
    ),
  );
}

export interface WallClock {
  readonly day: string;
  readonly hour: number;
  readonly minute: number;
}

/**
 * A wall-clock time written the ways integrations write it: seconds or not, a fraction or not,
 * `T`, `t` or a space, `Z`, `z` or an offset with or without its colon, possibly out of range.
 */
export function writtenInstant(moment: fc.Arbitrary<WallClock>): fc.Arbitrary<string> {
  const zone = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('+07:00', 'Z', '+0700', 'z', '-00:00', '+00:00') },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.constantFrom(0, 30, 45, 59, 60), fc.boolean())
        .map(([sign, hours, minutes, colon]) => `${sign}${pad(hours, 2)}${colon ? ':' : ''}${pad(minutes, 2)}`),
    },
    { weight: 1, arbitrary: fc.constant('') },
  );
  const seconds = fc.oneof(fc.constant(''), fc.constantFrom(':00', ':59', ':60', ':07.5', ':07,25', ':07.123456789', ':00.000'));
  return fc
    .tuple(moment, fc.constantFrom('T', 't', ' '), seconds, zone)
    .map(([{ day, hour, minute }, separator, second, offset]) => `${day}${separator}${pad(hour, 2)}:${pad(minute, 2)}${second}${offset}`);
}

const INSTANT_EDGES = [
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-14:00',
  '9999-12-31T23:59:59.999-14:59',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+14:00',
  '0000-01-01T00:00+00:01',
  '2027-02-31T08:00+07:00',
  '2028-02-29T08:00+07:00',
  '2027-02-29T08:00+07:00',
  '2027-05-15T24:00:00Z',
  '2027-05-15T08:05:60Z',
  '2027-05-15T08:05:00',
  '2027-05-15',
  '2027-05-15T08:05:00+15:00',
  '2027-05-15T08:05:00 +07:00',
  '1779000000000',
] as const;

/** Instants: times of the programme's days in every written form; odd, any day and hour, and impossible ones. */
export function instantText(realistic?: fc.Arbitrary<string>): Values {
  const programmeTime = writtenInstant(
    fc.record({ day: programmeDay, hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
  );
  const anyTime = writtenInstant(fc.record({ day: anyWrittenDay, hour: fc.integer({ min: 0, max: 25 }), minute: fc.integer({ min: 0, max: 60 }) }));
  return values(
    realistic ?? programmeTime,
    fc.oneof(
      { weight: 2, arbitrary: anyTime },
      { weight: 2, arbitrary: fc.constantFrom(...INSTANT_EDGES) },
      { weight: 1, arbitrary: notText },
    ),
  );
}

/** One of the values a field allows; odd, a near miss: another case, padded, in a list, or another type. */
export function oneOfValues<T extends string>(allowed: readonly T[]): Values {
  const nearMiss = fc
    .constantFrom(...allowed)
    .chain((value) => fc.constantFrom(value.toUpperCase(), ` ${value}`, `${value} `, `${value}\u0000`, value.replace(/-/g, '_'), [value]));
  return values(fc.constantFrom(...allowed), fc.oneof(nearMiss, notText));
}

export const booleanValue: Values = values(fc.boolean(), fc.constantFrom('true', 'false', 0, 1, null, 'yes', []));

/** Short lists of `item`; odd, one odd item, or a list empty, too long, of lists, or no list at all. */
export function listOf(item: Values, { minLength = 0, maxLength = 3 } = {}): Values {
  const realistic = fc.array(item.realistic, { minLength, maxLength });
  const oddItem = fc
    .tuple(fc.array(item.realistic, { minLength: Math.max(0, minLength - 1), maxLength: maxLength - 1 }), item.odd, fc.nat())
    .map(([items, odd, at]) => items.toSpliced(at % (items.length + 1), 0, odd));
  const oddList = fc.oneof(
    fc.constant([]),
    fc.array(item.realistic, { minLength: maxLength + 1, maxLength: maxLength + 3 }),
    fc.array(fc.array(item.realistic, { maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    fc.constantFrom(null, 'a', {}, 1),
  );
  return {
    realistic,
    odd: fc.oneof({ weight: item.leaves, arbitrary: oddItem }, { weight: 1, arbitrary: oddList }),
    leaves: item.leaves + 1,
  };
}

/** A nested object; odd, one of its fields, or the object wrapped in a list, an empty list, or no object. */
export function nested(body: Values): Values {
  return {
    realistic: body.realistic,
    odd: fc.oneof(
      { weight: body.leaves, arbitrary: body.odd },
      { weight: 1, arbitrary: fc.oneof(body.realistic.map((value) => [value]), fc.constantFrom([], null, 'object', 1)) },
    ),
    leaves: body.leaves + 1,
  };
}

/**
 * A body of these fields (the `optional` ones may be absent); odd, one field odd at any depth, or a
 * body lacking a required field, with an unknown field, or no object at all.
 */
export function bodyOf(fields: Readonly<Record<string, Values>>, optional: readonly string[] = []): Values {
  const names = Object.keys(fields);
  const requiredKeys = names.filter((name) => !optional.includes(name));
  const realisticFields = Object.fromEntries(names.map((name) => [name, fields[name]!.realistic]));
  const realistic = fc.record(realisticFields, { requiredKeys });
  const oddField = (name: string) => ({
    weight: fields[name]!.leaves,
    arbitrary: fc.record({ ...realisticFields, [name]: fields[name]!.odd }, { requiredKeys: [...requiredKeys, name] }),
  });
  const lacking =
    requiredKeys.length === 0
      ? realistic
      : fc.tuple(realistic, fc.constantFrom(...requiredKeys)).map(([body, key]) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key)));
  const withUnknownField = fc
    .tuple(realistic, fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'Note'), fc.jsonValue({ maxDepth: 1 }))
    .map(([body, key, value]) => ({ ...body, [key]: value }));
  const oddBody = fc.oneof(lacking, withUnknownField, fc.constantFrom(null, [], 'body', 42, true, {}));
  return {
    realistic,
    odd: fc.oneof(...names.map(oddField), { weight: 1, arbitrary: oddBody }),
    leaves: names.reduce((sum, name) => sum + fields[name]!.leaves, 1),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * One body of the fields of several, for fields that must hang together (a run's dates, a rule's
 * pass mark and assessment): each part gives realistic values that do; odd, one part is odd.
 */
export function merged(...parts: Values[]): Values {
  // Spread, not Object.assign: an odd part's own `__proto__` field must stay a field.
  const merge = (bodies: unknown[]): unknown => bodies.reduce<Record<string, unknown>>((body, part) => ({ ...body, ...(part as Record<string, unknown>) }), {});
  const realistic = fc.tuple(...parts.map((part) => part.realistic)).map(merge);
  const oddPart = (index: number) => ({
    weight: parts[index]!.leaves,
    arbitrary: fc
      .tuple(...parts.map((part, position) => (position === index ? part.odd : part.realistic)))
      .map((bodies) => (isObject(bodies[index]) ? merge(bodies) : bodies[index])),
  });
  return { realistic, odd: fc.oneof(...parts.map((_, index) => oddPart(index))), leaves: parts.reduce((sum, part) => sum + part.leaves, 0) };
}
