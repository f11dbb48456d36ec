import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ranks, type Rank } from '@training-ledger/contracts';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '@training-ledger/platform';
import type { MessageMetadata } from '@training-ledger/decider';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import type { DeclareStaffRoster } from './staff-roster.decider';

/** More foreign-affairs staff than any agency has; keeps every total a safe integer. */
export const MAX_HEADCOUNT = 1_000_000;

export class RankHeadcountDto {
  @ApiProperty({ enum: ranks, example: 'specialist', description: 'Ngạch/cấp: director-general (Vụ trưởng, Giám đốc Sở) … specialist (chuyên viên)' })
  @IsIn(ranks, { message: `rank must be one of ${ranks.join(', ')}` })
  rank!: Rank;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HEADCOUNT, example: 120 })
  @IsInt({ message: 'regular must be a whole number' })
  @Min(0, { message: 'regular must not be negative' })
  @Max(MAX_HEADCOUNT, { message: `regular must be at most ${MAX_HEADCOUNT}` })
  regular!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HEADCOUNT, example: 40 })
  @IsInt({ message: 'nonRegular must be a whole number' })
  @Min(0, { message: 'nonRegular must not be negative' })
  @Max(MAX_HEADCOUNT, { message: `nonRegular must be at most ${MAX_HEADCOUNT}` })
  nonRegular!: number;
}

export class DeclareStaffRosterDto {
  @ApiProperty({ example: '2027-01-01', description: 'The date the headcounts are true of (YYYY-MM-DD)' })
  @IsCalendarDate()
  asOf!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HEADCOUNT, example: 150, description: 'Regular foreign-affairs staff (trực tiếp, thường xuyên)' })
  @IsInt({ message: 'regular must be a whole number' })
  @Min(0, { message: 'regular must not be negative' })
  @Max(MAX_HEADCOUNT, { message: `regular must be at most ${MAX_HEADCOUNT}` })
  regular!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HEADCOUNT, example: 60, description: 'Non-regular foreign-affairs staff (không thường xuyên)' })
  @IsInt({ message: 'nonRegular must be a whole number' })
  @Min(0, { message: 'nonRegular must not be negative' })
  @Max(MAX_HEADCOUNT, { message: `nonRegular must be at most ${MAX_HEADCOUNT}` })
  nonRegular!: number;

  @ApiPropertyOptional({ type: [RankHeadcountDto], maxItems: ranks.length, description: 'Optional split by rank; it must add up to the totals' })
  @IsOptional()
  @IsArray({ message: 'byRank must be a list' })
  @ArrayMaxSize(ranks.length, { message: `byRank may hold at most ${ranks.length} entries, one per rank` })
  @ValidateNested({ each: true })
  @Type(() => RankHeadcountDto)
  byRank?: RankHeadcountDto[];
}

/** One declaration per agency and as-of date: resending it is recognised by its id. */
export const declareStaffRosterCommand = (agencyId: string, body: DeclareStaffRosterDto, metadata: MessageMetadata): DeclareStaffRoster => ({
  type: 'DeclareStaffRoster',
  data: {
    agencyId,
    declarationId: `${agencyId}/${body.asOf}`,
    asOf: body.asOf,
    regular: body.regular,
    nonRegular: body.nonRegular,
    byRank: (body.byRank ?? []).map(({ rank, regular, nonRegular }) => ({ rank, regular, nonRegular })),
  },
  metadata,
});
