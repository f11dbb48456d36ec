import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsIdentifier } from './identifier-fields';

class Mark {
  @IsIdentifier()
  traineeId!: string;
}

async function reasons(traineeId: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(Mark, { traineeId }));
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

const refused = ['traineeId must be text of 1–128 characters (Unicode code points)'];

describe('identifier fields of requests', () => {
  it('takes 1 to 128 code points, as the published contracts count them', async () => {
    expect(await reasons('T-0001')).toEqual([]);
    expect(await reasons('x'.repeat(128))).toEqual([]);
    expect(await reasons('😀'.repeat(128))).toEqual([]);
  });

  it('refuses what MaxLength(128) lets through: 128 letters each with its variation selector', async () => {
    expect(await reasons('a\uFE0F'.repeat(128))).toEqual(refused);
    expect(await reasons('😀'.repeat(129))).toEqual(refused);
  });

  it('refuses empty text, longer text and anything but text', async () => {
    for (const value of ['', 'x'.repeat(129), 7, null, undefined, ['T-0001']]) {
      expect(await reasons(value)).toEqual(refused);
    }
  });
});
