import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ProblemException } from '../problem-details/problem-details';
import { createValidationPipe } from '../problem-details/validation';
import { CompiledValidation, compileValidation, markedValidator } from './compiled-validation';
import { IsIdentifier } from './identifier-fields';
import { IsInstant } from './time-fields';

class RatingsBody {
  @IsInt()
  @Min(1)
  @Max(5)
  content!: number;
}

class FeedbackBody {
  @IsIdentifier()
  feedbackId!: string;

  @IsIn(['trainee', 'agency'])
  from!: string;

  @IsOptional()
  @IsString()
  comment?: string;

  @IsOptional()
  @IsInstant()
  givenAt?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => RatingsBody)
  ratings!: RatingsBody;
}

@CompiledValidation()
class MarkedFeedbackBody extends FeedbackBody {}

@ValidatorConstraint({ async: true })
class RemoteCheck implements ValidatorConstraintInterface {
  validate(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

class AsyncRuleBody {
  @Validate(RemoteCheck)
  name!: string;
}

const pipe = createValidationPipe();

async function outcome(body: unknown, metatype: typeof FeedbackBody): Promise<unknown> {
  try {
    const built = await pipe.transform(structuredClone(body), { type: 'body', metatype });
    return { accepted: JSON.parse(JSON.stringify(built)) };
  } catch (error) {
    if (error instanceof ProblemException) return { refused: error.getResponse() };
    throw error;
  }
}

const valid = { feedbackId: 'F-1', from: 'agency', givenAt: '2027-05-10T08:05+07:00', ratings: { content: 4 } };
const bodies: readonly unknown[] = [
  valid,
  { ...valid, comment: 'Useful' },
  { ...valid, comment: null },
  { ...valid, givenAt: undefined },
  { ...valid, givenAt: '2027-05-10T08:05' },
  { ...valid, from: 'office' },
  { ...valid, ratings: { content: 6 } },
  { ...valid, ratings: { content: '4' } },
  { ...valid, ratings: { content: 4, extra: 1 } },
  { ...valid, ratings: [{ content: 4 }] },
  { ...valid, ratings: null },
  { ...valid, ratings: undefined },
  { ...valid, unknown: true },
  { ...valid, feedbackId: '' },
  [],
  'text',
];

describe('compiled validation', () => {
  it('is used only for the classes marked for it', () => {
    expect(markedValidator(FeedbackBody)).toBeNull();
    expect(markedValidator(MarkedFeedbackBody)).not.toBeNull();
  });

  it('reads no class whose rules it cannot run synchronously', () => {
    expect(compileValidation(AsyncRuleBody)).toBeNull();
  });

  it.each(bodies.map((body, index) => [index, body]))('answers body %i as class-validator does', async (_index, body) => {
    const full = await outcome(body, FeedbackBody);
    expect(await outcome(body, MarkedFeedbackBody)).toEqual(full);
    const fast = compileValidation<FeedbackBody>(MarkedFeedbackBody)?.(structuredClone(body));
    expect(fast !== undefined).toBe(full !== null && typeof full === 'object' && 'accepted' in full);
  });

  it('hands over the values as class-transformer builds them', () => {
    const built = compileValidation<FeedbackBody>(MarkedFeedbackBody)?.(structuredClone(valid));
    expect(built).toBeInstanceOf(MarkedFeedbackBody);
    expect(built?.ratings).toBeInstanceOf(RatingsBody);
    expect(built?.givenAt).toBe('2027-05-10T08:05:00+07:00');
  });
});
