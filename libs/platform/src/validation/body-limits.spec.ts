import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsString, ValidateNested } from 'class-validator';
import { DEFAULT_MAX_ITEMS, firstShapeViolation, MAX_DEPTH, MAX_PROPERTIES } from './body-limits';

class Session {
  @IsString()
  sessionId!: string;

  @ArrayMaxSize(3, { message: 'trainers may hold at most 3 names' })
  @IsString({ each: true })
  trainers!: string[];
}

class Run {
  @ArrayMaxSize(5_000)
  @ValidateNested({ each: true })
  @Type(() => Session)
  sessions!: Session[];

  @IsString({ each: true })
  languages!: string[];

  @ValidateNested()
  @Type(() => Session)
  opening!: Session;
}

describe('the shape of a body, read before its items are validated', () => {
  it('keeps a list to its declared size, however deep it is declared', () => {
    expect(firstShapeViolation({ sessions: Array.from({ length: 5_001 }, () => ({})) }, Run)).toEqual({ field: 'sessions', reason: 'sessions may hold at most 5000 items' });
    expect(firstShapeViolation({ sessions: Array.from({ length: 5_000 }, () => ({ trainers: [] })) }, Run)).toBeNull();
    expect(firstShapeViolation({ sessions: [{ trainers: [] }, { trainers: ['a', 'b', 'c', 'd'] }] }, Run)).toEqual({ field: 'sessions[1].trainers', reason: 'trainers may hold at most 3 names' });
  });

  it(`keeps a list that declares no size to ${DEFAULT_MAX_ITEMS} items, also where no class is known`, () => {
    expect(firstShapeViolation({ languages: Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, () => 'vi') }, Run)).toEqual({ field: 'languages', reason: `languages may hold at most ${DEFAULT_MAX_ITEMS} items` });
    expect(firstShapeViolation({ extra: { list: Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, () => 1) } }, Run)).toMatchObject({ field: 'extra.list' });
    expect(firstShapeViolation(Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, () => 1), undefined)).toMatchObject({ field: '(body)' });
  });

  it('bounds the properties of an object and the depth of nesting', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_PROPERTIES + 1 }, (_, index) => [`p${index}`, index]));
    expect(firstShapeViolation({ sessions: [wide] }, Run)).toEqual({ field: 'sessions[0]', reason: `sessions[0] may hold at most ${MAX_PROPERTIES} properties` });
    let deep: unknown = 'bottom';
    for (let level = 0; level < MAX_DEPTH + 1; level += 1) deep = [deep];
    expect(firstShapeViolation({ languages: deep }, Run)).toMatchObject({ reason: `lists and objects may nest at most ${MAX_DEPTH} deep` });
    let allowed: unknown = 'bottom';
    for (let level = 0; level < MAX_DEPTH - 1; level += 1) allowed = [allowed];
    expect(firstShapeViolation({ languages: allowed }, Run)).toBeNull();
  });

  it('takes no list where the DTO declares a nested object: class-validator would validate its items in the object’s place', () => {
    expect(firstShapeViolation({ opening: [] }, Run)).toEqual({ field: 'opening', reason: 'opening must be an object, not a list' });
    expect(firstShapeViolation({ opening: [{ sessionId: 'S1', trainers: [] }] }, Run)).toMatchObject({ field: 'opening' });
    expect(firstShapeViolation({ sessions: [{ trainers: [] }, []] }, Run)).toEqual({ field: 'sessions[1]', reason: 'sessions[1] must be an object, not a list' });
    expect(firstShapeViolation({ sessions: [[{ sessionId: 'S1', trainers: [] }]] }, Run)).toMatchObject({ field: 'sessions[0]' });
    expect(firstShapeViolation({ opening: { sessionId: 'S1', trainers: ['a'] }, sessions: [{ trainers: [] }] }, Run)).toBeNull();
  });
});
