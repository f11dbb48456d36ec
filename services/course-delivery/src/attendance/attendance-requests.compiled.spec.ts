import 'reflect-metadata';
import { compileValidation, createValidationPipe, ProblemException } from '@training-ledger/platform';
import { AttendanceMarkDto, PostAttendanceDto } from './attendance-requests.dto';

/** The same rules without the compiled path: the class is not marked, its metadata is inherited. */
class FullyValidatedPostAttendance extends PostAttendanceDto {}

const pipe = createValidationPipe();
const compiled = compileValidation<PostAttendanceDto>(PostAttendanceDto);

type Outcome = { kind: 'accepted'; body: unknown; markClasses: string[] } | { kind: 'refused'; status: number; problem: unknown };

async function throughPipe(body: unknown, metatype: typeof PostAttendanceDto): Promise<Outcome> {
  try {
    const built = (await pipe.transform(structuredClone(body), { type: 'body', metatype })) as PostAttendanceDto;
    return { kind: 'accepted', body: JSON.parse(JSON.stringify(built)), markClasses: built.marks.map((mark) => mark.constructor.name) };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { kind: 'refused', status: error.getStatus(), problem: error.getResponse() };
  }
}

/** A small deterministic generator, so that a failing case can be found again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const validMark = (index: number) => ({
  recordId: `HVNG-2027-${index}`,
  traineeId: `7c9e6679-7425-40de-944b-${String(index).padStart(12, '0')}`,
  sessionId: `S${(index % 20) + 1}`,
  status: ['present', 'absent', 'excused', 'late'][index % 4],
  observedAt: index % 3 === 0 ? '2027-05-10T08:05+07:00' : '2027-05-10T01:05:00Z',
});

const badValues: readonly unknown[] = [
  undefined,
  null,
  42,
  true,
  '',
  'x'.repeat(129),
  'a\uFE0F'.repeat(64),
  'maybe',
  '2027-05-10T08:05:00',
  '2027-02-31T08:05:00+07:00',
  '10000-01-01T00:00:00Z',
  ['present'],
  { status: 'present' },
];

function mutatedMark(index: number, next: () => number): unknown {
  const mark: Record<string, unknown> = validMark(index);
  const roll = next();
  if (roll < 0.05) return [null, 'mark', [], 7][Math.floor(next() * 4)];
  if (roll < 0.1) return { ...mark, extra: 'field' };
  const field = Object.keys(mark)[Math.floor(next() * 5)] ?? 'status';
  const value = badValues[Math.floor(next() * badValues.length)];
  if (value === undefined) delete mark[field];
  else mark[field] = value;
  return mark;
}

describe('PostAttendanceDto compiled rules', () => {
  it('builds and checks its rules from class-validator and class-transformer', () => {
    expect(compiled).not.toBeNull();
  });

  it('accepts a valid body as the full validation builds it', async () => {
    const body = { marks: Array.from({ length: 40 }, (_, index) => validMark(index)) };
    const fast = compiled?.(structuredClone(body));
    const full = await throughPipe(body, FullyValidatedPostAttendance);
    expect(full.kind).toBe('accepted');
    expect(fast).toBeInstanceOf(PostAttendanceDto);
    expect(fast?.marks.every((mark) => mark instanceof AttendanceMarkDto)).toBe(true);
    expect(JSON.parse(JSON.stringify(fast))).toEqual(full.kind === 'accepted' ? full.body : null);
    expect(fast?.marks[0]?.observedAt).toBe('2027-05-10T08:05:00+07:00');
  });

  it('agrees with class-validator on thousands of bodies, valid and broken', async () => {
    const next = random(20_270_510);
    for (let round = 0; round < 1_500; round += 1) {
      const size = 1 + Math.floor(next() * 4);
      const broken = next() < 0.6 ? Math.floor(next() * size) : -1;
      const marks = Array.from({ length: size }, (_, index) => (index === broken ? mutatedMark(round * 10 + index, next) : validMark(round * 10 + index)));
      const roll = next();
      const body = roll < 0.02 ? { marks: [] } : roll < 0.04 ? { marks, extra: 1 } : roll < 0.06 ? { marks: marks[0] } : roll < 0.07 ? {} : { marks };

      const full = await throughPipe(body, FullyValidatedPostAttendance);
      const marked = await throughPipe(body, PostAttendanceDto);
      const fast = compiled?.(structuredClone(body));

      expect({ round, fastAccepts: fast !== undefined }).toEqual({ round, fastAccepts: full.kind === 'accepted' });
      expect(marked).toEqual({ ...full, ...(full.kind === 'accepted' ? { markClasses: full.markClasses } : {}) });
    }
  });
});
