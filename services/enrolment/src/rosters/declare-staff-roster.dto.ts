import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ranks, type Rank } from '@training-ledger/contracts';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';

const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class RankHeadcountDto {
  @ApiProperty({ enum: ranks, example: 'specialist', description: 'Ngạch/cấp: director-general (Vụ trưởng, Giám đốc Sở) … specialist (chuyên viên)' })
  @IsIn(ranks, { message: `rank must be one of ${ranks.join(', ')}` })
  rank!: Rank;

  @ApiProperty({ example: 120 })
  @IsInt({ message: 'regular must be a whole number' })
  @Min(0, { message: 'regular must not be negative' })
  regular!: number;

  @ApiProperty({ example: 40 })
  @IsInt({ message: 'nonRegular must be a whole number' })
  @Min(0, { message: 'nonRegular must not be negative' })
  nonRegular!: number;
}

export class DeclareStaffRosterDto {
  @ApiProperty({ example: '2027-01-01', description: 'The date the headcounts are true of (YYYY-MM-DD)' })
  @Matches(CALENDAR_DATE, { message: 'asOf must be a calendar date YYYY-MM-DD' })
  asOf!: string;

  @ApiProperty({ example: 150, description: 'Regular foreign-affairs staff (trực tiếp, thường xuyên)' })
  @IsInt({ message: 'regular must be a whole number' })
  @Min(0, { message: 'regular must not be negative' })
  regular!: number;

  @ApiProperty({ example: 60, description: 'Non-regular foreign-affairs staff (không thường xuyên)' })
  @IsInt({ message: 'nonRegular must be a whole number' })
  @Min(0, { message: 'nonRegular must not be negative' })
  nonRegular!: number;

  @ApiPropertyOptional({ type: [RankHeadcountDto], description: 'Optional split by rank; it must add up to the totals' })
  @IsOptional()
  @IsArray({ message: 'byRank must be a list' })
  @ValidateNested({ each: true })
  @Type(() => RankHeadcountDto)
  byRank?: RankHeadcountDto[];
}
