import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  courseFormats,
  courseLevels,
  ranks,
  requirementGroups,
  targetGroups,
  trainingGroups,
  type CourseFormat,
  type CourseLevel,
  type Rank,
  type RequirementGroup,
  type TargetGroup,
  type TrainingGroup,
} from '@training-ledger/contracts';
import type { MessageMetadata } from '@training-ledger/decider';
import { SearchPageQuery } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CompletionRuleTerms, DefineCourse, VersionCompletionRule } from './course.decider';

export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/**
 * An id that names event streams, here and in the services that follow it (`course-run-<runId>`,
 * `run-nominations-<runId>`): short enough that each stream name stays within the 128 characters the
 * published envelope allows for it.
 */
export const STREAM_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const streamKeyRule = 'must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit: it names event streams';
const SHARE = /^(0\.\d{4}|1\.0000)$/;
const identifierRule = 'must be 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit';

export class CompletionRuleTermsDto {
  @ApiProperty({ example: '0.8000', pattern: SHARE, description: 'Minimum share of held sessions attended (tỷ lệ tham dự tối thiểu), 0.0000–1.0000' })
  @Matches(SHARE, { message: 'minAttendanceShare must be written 0.0000 to 1.0000' })
  minAttendanceShare!: string;

  @ApiProperty({ example: true, description: 'Whether an excused absence (vắng có phép) counts as attended' })
  @IsBoolean({ message: 'excusedCountsAsAttended must be true or false' })
  excusedCountsAsAttended!: boolean;

  @ApiProperty({ example: true, description: 'Whether a final assessment (bài kiểm tra cuối khóa) is required' })
  @IsBoolean({ message: 'assessmentRequired must be true or false' })
  assessmentRequired!: boolean;

  @ApiProperty({ example: 5, nullable: true, type: Number, minimum: 0, description: 'Pass mark when an assessment is required; null otherwise' })
  @ValidateIf((_rule: unknown, value: unknown) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'passMark must be a number or null' })
  @Min(0, { message: 'passMark must not be negative' })
  passMark!: number | null;
}

export class DefineCourseDto {
  @ApiProperty({ example: 'NV-DP-01', pattern: STREAM_KEY, description: 'Stable identifier of the course (mã khóa học)' })
  @Matches(STREAM_KEY, { message: `courseId ${streamKeyRule}` })
  courseId!: string;

  @ApiProperty({ example: 'NV-DP-01', pattern: IDENTIFIER, description: 'Catalogue code' })
  @Matches(IDENTIFIER, { message: `code ${identifierRule}` })
  code!: string;

  @ApiProperty({ example: 'Nghiệp vụ đối ngoại cơ bản', minLength: 1, maxLength: 300, description: 'Vietnamese title (tên khóa học)' })
  @IsString({ message: 'titleVi must be text' })
  @Length(1, 300, { message: 'titleVi must be 1–300 characters' })
  titleVi!: string;

  @ApiProperty({ example: 'Foundations of foreign affairs practice', minLength: 1, maxLength: 300, description: 'English title' })
  @IsString({ message: 'titleEn must be text' })
  @Length(1, 300, { message: 'titleEn must be 1–300 characters' })
  titleEn!: string;

  @ApiProperty({ enum: trainingGroups, example: 'expertise', description: 'Nhóm bồi dưỡng: expertise (chuyên môn) or skills-and-style (kỹ năng, tác phong)' })
  @IsIn(trainingGroups, { message: `trainingGroup must be one of ${trainingGroups.join(', ')}` })
  trainingGroup!: TrainingGroup;

  @ApiProperty({ enum: courseLevels, example: 'universal', description: 'Cấp độ: universal (phổ cập), advanced (nâng cao), specialised (chuyên sâu), sector-specific (đặc thù)' })
  @IsIn(courseLevels, { message: `level must be one of ${courseLevels.join(', ')}` })
  level!: CourseLevel;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'The sector a sector-specific (đặc thù) course serves, e.g. "ASEAN"; null otherwise' })
  @IsOptional()
  @IsString({ message: 'sector must be text or null' })
  sector?: string | null;

  @ApiProperty({ enum: requirementGroups, isArray: true, minItems: 1, example: ['expertise'], description: 'Nhóm yêu cầu the course serves' })
  @IsArray({ message: 'requirementGroups must be a list' })
  @ArrayNotEmpty({ message: 'requirementGroups must name at least one group' })
  @IsIn(requirementGroups, { each: true, message: `requirementGroups must each be one of ${requirementGroups.join(', ')}` })
  requirementGroups!: RequirementGroup[];

  @ApiProperty({ enum: courseFormats, example: 'in-person', description: 'Hình thức tổ chức' })
  @IsIn(courseFormats, { message: `format must be one of ${courseFormats.join(', ')}` })
  format!: CourseFormat;

  @ApiProperty({ minimum: 0, example: 5, description: 'Length in days' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lengthDays must be a number' })
  @Min(0, { message: 'lengthDays must not be negative' })
  lengthDays!: number;

  @ApiProperty({ minimum: 0, example: 40, description: 'Length in hours (số tiết quy đổi giờ)' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lengthHours must be a number' })
  @Min(0, { message: 'lengthHours must not be negative' })
  lengthHours!: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 2, maxLength: 35 },
    minItems: 1,
    example: ['vi', 'en'],
    description: 'Languages of instruction',
  })
  @IsArray({ message: 'languages must be a list' })
  @ArrayNotEmpty({ message: 'languages must name at least one language' })
  @IsString({ each: true, message: 'languages must each be a language code' })
  @Length(2, 35, { each: true, message: 'languages must each be a code of 2–35 characters' })
  languages!: string[];

  @ApiProperty({ enum: targetGroups, isArray: true, minItems: 1, example: ['regular', 'non-regular'], description: 'Đối tượng: regular (thường xuyên) and/or non-regular (không thường xuyên) staff' })
  @IsArray({ message: 'eligibleTargetGroups must be a list' })
  @ArrayNotEmpty({ message: 'eligibleTargetGroups must name at least one group' })
  @IsIn(targetGroups, { each: true, message: `eligibleTargetGroups must each be one of ${targetGroups.join(', ')}` })
  eligibleTargetGroups!: TargetGroup[];

  @ApiProperty({ enum: ranks, isArray: true, minItems: 1, example: ['specialist', 'division-level'], description: 'Ngạch/cấp eligible' })
  @IsArray({ message: 'eligibleRanks must be a list' })
  @ArrayNotEmpty({ message: 'eligibleRanks must name at least one rank' })
  @IsIn(ranks, { each: true, message: `eligibleRanks must each be one of ${ranks.join(', ')}` })
  eligibleRanks!: Rank[];

  @ApiProperty({ type: CompletionRuleTermsDto, description: 'Điều kiện hoàn thành; the course numbers it version 1' })
  @IsDefined({ message: 'completionRule must be given' })
  @ValidateNested({ message: 'completionRule must be an object' })
  @Type(() => CompletionRuleTermsDto)
  completionRule!: CompletionRuleTermsDto;
}

export class VersionCompletionRuleDto extends CompletionRuleTermsDto {}

export class CourseCatalogueQuery extends SearchPageQuery {
  @ApiPropertyOptional({ enum: courseLevels })
  @IsOptional()
  @IsIn(courseLevels, { message: `level must be one of ${courseLevels.join(', ')}` })
  level?: CourseLevel;

  @ApiPropertyOptional({ enum: trainingGroups })
  @IsOptional()
  @IsIn(trainingGroups, { message: `trainingGroup must be one of ${trainingGroups.join(', ')}` })
  trainingGroup?: TrainingGroup;

  @ApiPropertyOptional({ enum: courseFormats })
  @IsOptional()
  @IsIn(courseFormats, { message: `format must be one of ${courseFormats.join(', ')}` })
  format?: CourseFormat;
}

export const completionRuleTerms = (rule: CompletionRuleTermsDto): CompletionRuleTerms => ({
  minAttendanceShare: rule.minAttendanceShare,
  excusedCountsAsAttended: rule.excusedCountsAsAttended,
  assessmentRequired: rule.assessmentRequired,
  passMark: rule.passMark,
});

export const defineCourseCommand = (body: DefineCourseDto, metadata: MessageMetadata): DefineCourse => ({
  type: 'DefineCourse',
  data: {
    courseId: body.courseId,
    code: body.code,
    titleVi: body.titleVi,
    titleEn: body.titleEn,
    trainingGroup: body.trainingGroup,
    level: body.level,
    sector: body.sector ?? null,
    requirementGroups: body.requirementGroups,
    format: body.format,
    lengthDays: body.lengthDays,
    lengthHours: body.lengthHours,
    languages: body.languages,
    eligibleTargetGroups: body.eligibleTargetGroups,
    eligibleRanks: body.eligibleRanks,
    completionRule: completionRuleTerms(body.completionRule),
  },
  metadata,
});

export const versionCompletionRuleCommand = (courseId: string, body: VersionCompletionRuleDto, metadata: MessageMetadata): VersionCompletionRule => ({
  type: 'VersionCompletionRule',
  data: { courseId, completionRule: completionRuleTerms(body) },
  metadata,
});
