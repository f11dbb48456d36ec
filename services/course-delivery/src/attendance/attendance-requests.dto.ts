import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { attendanceStatuses, type AttendanceStatus } from '@training-ledger/contracts';
import { CompiledValidation, IsIdentifier, IsInstant } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const MAX_MARKS_PER_REQUEST = 5_000;

export class AttendanceMarkDto {
  @ApiProperty({ example: 'HVNG-2027-000123', minLength: 1, maxLength: 128, description: "The integration's own id for this mark, unique among its marks" })
  @IsIdentifier()
  recordId!: string;

  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  traineeId!: string;

  @ApiProperty({ example: 'S1', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  sessionId!: string;

  @ApiProperty({ enum: attendanceStatuses })
  @IsIn(attendanceStatuses, { message: `status must be one of ${attendanceStatuses.join(', ')}` })
  status!: AttendanceStatus;

  @ApiProperty({ example: '2027-05-10T08:05:00+07:00', maxLength: 40, description: 'When the trainee was observed, with its offset' })
  @MaxLength(40)
  @IsInstant()
  observedAt!: string;
}

/** Thousands of marks come in one body: a valid one is built and checked by the compiled rules. */
@CompiledValidation()
export class PostAttendanceDto {
  @ApiProperty({ type: [AttendanceMarkDto], minItems: 1, maxItems: MAX_MARKS_PER_REQUEST, description: `Up to ${MAX_MARKS_PER_REQUEST} marks` })
  @IsArray({ message: 'marks must be a list' })
  @ArrayMinSize(1, { message: 'marks must hold at least one mark' })
  @ArrayMaxSize(MAX_MARKS_PER_REQUEST, { message: `marks may hold at most ${MAX_MARKS_PER_REQUEST} marks` })
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  marks!: AttendanceMarkDto[];
}

/** One cell of the sheet: a trainee at a session. */
export class AttendanceCellDto {
  @ApiProperty({ example: 'S1', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  sessionId!: string;

  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  traineeId!: string;
}

export class CorrectAttendanceDto extends AttendanceCellDto {
  @ApiProperty({ enum: attendanceStatuses })
  @IsIn(attendanceStatuses, { message: `newStatus must be one of ${attendanceStatuses.join(', ')}` })
  newStatus!: AttendanceStatus;

  @ApiProperty({ example: 'Medical certificate presented on the next day', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

export const MAX_CORRECTIONS_PER_REQUEST = 1_000;

export class AttendanceCorrectionsDto {
  @ApiProperty({
    type: [CorrectAttendanceDto],
    minItems: 1,
    maxItems: MAX_CORRECTIONS_PER_REQUEST,
    description: `Up to ${MAX_CORRECTIONS_PER_REQUEST} corrections, each as POST /runs/{runId}/attendance/corrections takes it, decided in order`,
  })
  @IsArray({ message: 'corrections must be a list' })
  @ArrayMinSize(1, { message: 'corrections must hold at least one correction' })
  @ArrayMaxSize(MAX_CORRECTIONS_PER_REQUEST, { message: `corrections may hold at most ${MAX_CORRECTIONS_PER_REQUEST} corrections` })
  @ValidateNested({ each: true })
  @Type(() => CorrectAttendanceDto)
  corrections!: CorrectAttendanceDto[];
}

export class RecordAssessmentDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  traineeId!: string;

  @ApiProperty({ example: 78, minimum: 0, maximum: 1_000_000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0, { message: 'score must not be negative' })
  @Max(1_000_000, { message: 'score must be at most 1000000' })
  score!: number;

  @ApiProperty({ example: 100, exclusiveMinimum: true, minimum: 0, maximum: 1_000_000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive({ message: 'maxScore must be above zero' })
  @Max(1_000_000, { message: 'maxScore must be at most 1000000' })
  maxScore!: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  passed!: boolean;
}

export const MAX_ASSESSMENTS_PER_REQUEST = 1_000;

export class RecordAssessmentsDto {
  @ApiProperty({
    type: [RecordAssessmentDto],
    minItems: 1,
    maxItems: MAX_ASSESSMENTS_PER_REQUEST,
    description: `Up to ${MAX_ASSESSMENTS_PER_REQUEST} trainees' results, each as POST /runs/{runId}/assessments takes it`,
  })
  @IsArray({ message: 'assessments must be a list' })
  @ArrayMinSize(1, { message: 'assessments must hold at least one result' })
  @ArrayMaxSize(MAX_ASSESSMENTS_PER_REQUEST, { message: `assessments may hold at most ${MAX_ASSESSMENTS_PER_REQUEST} results` })
  @ValidateNested({ each: true })
  @Type(() => RecordAssessmentDto)
  assessments!: RecordAssessmentDto[];
}

export class RatingsDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  content!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  lecturers!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  organisation!: number;
}

export class SubmitFeedbackDto {
  @ApiProperty({ example: '0f8fad5b-d9cb-469f-a165-70867728950e', minLength: 1, maxLength: 128, description: "The sender's own id for this feedback" })
  @IsIdentifier()
  feedbackId!: string;

  @ApiProperty({ enum: ['trainee', 'agency'] })
  @IsIn(['trainee', 'agency'], { message: 'from must be trainee or agency' })
  from!: 'trainee' | 'agency';

  @ApiPropertyOptional({ example: 'BNV', maxLength: 128, description: 'The sending agency; an agency-bound token gives feedback for its own agency only' })
  @IsOptional()
  @IsIdentifier()
  agencyId?: string;

  @ApiProperty({ type: RatingsDto })
  @IsDefined({ message: 'ratings must be given' })
  @ValidateNested({ message: 'ratings must be an object' })
  @Type(() => RatingsDto)
  ratings!: RatingsDto;

  @ApiPropertyOptional({ example: 'Useful simulation of a multilateral negotiation', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
