import 'reflect-metadata';
import { DEFAULT_JSON_BODY_LIMIT } from '@training-ledger/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  DecideNominationsDto,
  MAX_DECISIONS_PER_REQUEST,
  MAX_NOMINATIONS_PER_REQUEST,
  SubmitNominationsDto,
} from './nominations/nomination-requests.dto';

/** Enrolment reads the platform's default 2 MiB: its bulk bodies at their item limits fit, every field at its longest. */
describe('the largest body enrolment reads', () => {
  const fits = (dto: new () => object, body: object) => {
    expect(validateSync(plainToInstance(dto, body))).toEqual([]);
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeLessThanOrEqual(DEFAULT_JSON_BODY_LIMIT);
    return bytes;
  };

  it('holds the most nominations', () => {
    const nominations = Array.from({ length: MAX_NOMINATIONS_PER_REQUEST }, () => ({ traineeId: 'x'.repeat(128), nominationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }));
    expect(fits(SubmitNominationsDto, { agencyId: `B${'X'.repeat(31)}`, nominations })).toBe(199_063);
  });

  it('holds the most decisions, each with the longest reason', () => {
    const decisions = Array.from({ length: MAX_DECISIONS_PER_REQUEST }, () => ({ nominationId: 'x'.repeat(128), decision: 'waitlist', reason: 'x'.repeat(1_000) }));
    expect(fits(DecideNominationsDto, { decisions })).toBe(1_182_015);
  });
});
