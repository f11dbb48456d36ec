import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { isCalendarDate, ranks, targetGroups, type Rank, type TargetGroup } from '@training-ledger/contracts';
import { IsCalendarDate, SearchPageQuery } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

const TRAINEE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const STAFF_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,63}$/u;
/** STAFF_NUMBER in ASCII: JSON Schema's regular expressions have no `\p{…}` classes everywhere. */
const STAFF_NUMBER_ASCII = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
/** Birth dates from 1900-01-01 to 2019-12-31: what IsDateOfBirth accepts but for the last few years, which no civil servant was born in. */
const DATE_OF_BIRTH = /^(19[0-9]{2}|20[01][0-9])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$/;
/** A staff member's birth date: a real day, after 1900, not in the future. */
function IsDateOfBirth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOfBirth',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isCalendarDate(value) &&
          value >= '1900-01-01' &&
          value <= new Date().toISOString().slice(0, 10),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD between 1900-01-01 and today`,
      },
    },
    options,
  );
}

const TARGET_GROUP_DESCRIPTION =
  'Đối tượng: regular (trực tiếp, thường xuyên) or non-regular (không thường xuyên) foreign-affairs staff';
const RANK_DESCRIPTION =
  'Cấp bậc: director-general (Vụ trưởng, Giám đốc Sở), deputy-director-general (cấp phó), ' +
  'division-level (cấp phòng), specialist (chuyên viên), other';
const LEADERSHIP_DESCRIPTION = 'Leader or manager (cán bộ lãnh đạo, quản lý)';
const SECTOR_DESCRIPTION = 'Sector or field of work (lĩnh vực), e.g. international law; null when none applies';

/** The facts the programme classifies and counts a trainee by; nothing here names the person. */
export class TraineeProfileDto {
  @ApiProperty({ enum: targetGroups, example: 'regular', description: TARGET_GROUP_DESCRIPTION })
  @IsIn(targetGroups, { message: `targetGroup must be one of ${targetGroups.join(', ')}` })
  targetGroup!: TargetGroup;

  @ApiProperty({ enum: ranks, example: 'specialist', description: RANK_DESCRIPTION })
  @IsIn(ranks, { message: `rank must be one of ${ranks.join(', ')}` })
  rank!: Rank;

  @ApiProperty({ example: false, description: LEADERSHIP_DESCRIPTION })
  @IsBoolean({ message: 'leadership must be true or false' })
  leadership!: boolean;

  @ApiPropertyOptional({ type: String, example: 'international law', nullable: true, minLength: 1, maxLength: 200, description: SECTOR_DESCRIPTION })
  @ValidateIf((dto: TraineeProfileDto) => dto.sector !== undefined && dto.sector !== null)
  @IsString({ message: 'sector must be text or null' })
  @IsNotEmpty({ message: 'sector must not be empty; send null when none applies' })
  @MaxLength(200, { message: 'sector must be at most 200 characters' })
  sector?: string | null;
}

/** What identifies the person (thông tin cá nhân): kept only sealed under the trainee's own key. */
export class TraineePersonalDataDto {
  @ApiProperty({ example: 'Nguyễn Thị Lan', minLength: 1, maxLength: 200, description: 'Full name (họ và tên)' })
  @IsString({ message: 'fullName must be text' })
  @IsNotEmpty({ message: 'fullName must not be empty' })
  @MaxLength(200, { message: 'fullName must be at most 200 characters' })
  fullName!: string;

  @ApiProperty({ example: '1990-04-12', pattern: DATE_OF_BIRTH, description: 'Date of birth (ngày sinh), YYYY-MM-DD, from 1900-01-01 to today' })
  @IsDateOfBirth()
  dateOfBirth!: string;

  @ApiProperty({
    example: 'BTP-004512',
    pattern: STAFF_NUMBER_ASCII,
    description:
      "The agency's own staff number (mã cán bộ) in its HR register; never a national ID number (số CCCD). " +
      'Letters outside ASCII (Vietnamese ones too) are accepted as well.',
  })
  @Matches(STAFF_NUMBER, { message: 'staffNumber must be 1–64 letters, digits, ".", "_", "/" or "-", starting with a letter or digit' })
  staffNumber!: string;
}

export class RegisterTraineeDto extends IntersectionType(TraineeProfileDto, TraineePersonalDataDto) {
  @ApiPropertyOptional({
    example: '3f6c1d2a-8b7e-4f0a-9c1d-5e2b7a9c4d10',
    pattern: TRAINEE_ID,
    description:
      'Trainee id (mã học viên). Send your own stable id so that a retried request registers the trainee once; ' +
      'a random UUID is chosen when omitted. It must not carry personal data: not the staff number, name or birth date.',
  })
  // Omitted, not null: a null id is refused here rather than taken for one to choose.
  @ValidateIf((dto: RegisterTraineeDto) => dto.traineeId !== undefined)
  @Matches(TRAINEE_ID, { message: 'traineeId must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  traineeId?: string;
}

export const MAX_REGISTRATIONS_PER_REQUEST = 1_000;

export class RegisterTraineesDto {
  @ApiProperty({
    type: [RegisterTraineeDto],
    minItems: 1,
    maxItems: MAX_REGISTRATIONS_PER_REQUEST,
    description: `Up to ${MAX_REGISTRATIONS_PER_REQUEST} registrations, each as POST /agencies/{agencyId}/trainees takes it`,
  })
  @IsArray({ message: 'trainees must be a list' })
  @ArrayMinSize(1, { message: 'trainees must hold at least one registration' })
  @ArrayMaxSize(MAX_REGISTRATIONS_PER_REQUEST, { message: `trainees may hold at most ${MAX_REGISTRATIONS_PER_REQUEST} registrations` })
  @ValidateNested({ each: true })
  @Type(() => RegisterTraineeDto)
  trainees!: RegisterTraineeDto[];
}

export class ChangeTraineeProfileDto extends TraineeProfileDto {
  @ApiProperty({ example: '2027-03-01', description: 'The day the change takes effect (ngày hiệu lực), YYYY-MM-DD' })
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class TransferTraineeDto {
  @ApiProperty({ example: 'BNG', pattern: AGENCY_CODE, description: 'Code of the agency the trainee moves to (cơ quan chuyển đến)' })
  @Matches(AGENCY_CODE, { message: 'toAgencyId must be an agency code: 2–32 capitals, digits or dashes' })
  toAgencyId!: string;

  @ApiProperty({ example: '2027-07-01', description: 'The day the transfer (điều chuyển) takes effect, YYYY-MM-DD' })
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class EraseTraineePersonalDataDto {
  @ApiProperty({
    example: 'Request of the data subject under Article 16 of Decree 13/2023/ND-CP',
    pattern: /\S/,
    maxLength: 1000,
    description:
      'The lawful ground of the erasure (căn cứ xoá dữ liệu cá nhân). It stays in the log for good: ' +
      'cite the ground and the request, never the person.',
  })
  @IsString({ message: 'reason must be text' })
  @Matches(/\S/, { message: 'reason must state the lawful ground of the erasure' })
  @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  reason!: string;
}

export class TraineeDirectoryQuery extends SearchPageQuery {
  @ApiPropertyOptional({ example: 'T-0001', pattern: TRAINEE_ID, description: 'Continue after this trainee id (from `next` of the previous page)' })
  @IsOptional()
  @Matches(TRAINEE_ID, { message: 'after must be a trainee id' })
  after?: string;
}

/** The registration as the trainee records take it: no sector is null, and an id only when the caller sent one. */
export const registrationRequest = (body: RegisterTraineeDto) => ({
  ...(body.traineeId !== undefined ? { traineeId: body.traineeId } : {}),
  targetGroup: body.targetGroup,
  rank: body.rank,
  leadership: body.leadership,
  sector: body.sector ?? null,
  fullName: body.fullName,
  dateOfBirth: body.dateOfBirth,
  staffNumber: body.staffNumber,
});

export const profileChange = (body: ChangeTraineeProfileDto) => ({
  targetGroup: body.targetGroup,
  rank: body.rank,
  leadership: body.leadership,
  sector: body.sector ?? null,
  effectiveFrom: body.effectiveFrom,
});
