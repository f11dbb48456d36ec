import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor, MessageMetadata } from '@training-ledger/decider';
import { IsIdentifier, PageQuery } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CourseRunView } from '../course-runs/course-run-view';
import type { NominationStatus, RejectNomination, WithdrawNomination } from './run-nominations.state';

export const MAX_NOMINATIONS_PER_REQUEST = 1_000;
const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const nominationStatuses: readonly NominationStatus[] = ['submitted', 'approved', 'rejected', 'waitlisted', 'withdrawn', 'cancelled'];

export class NominationItemDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', minLength: 1, maxLength: 128, description: 'The trainee (học viên) being sent' })
  @IsIdentifier()
  traineeId!: string;

  @ApiPropertyOptional({
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    format: 'uuid',
    description: "The caller's own id for this nomination; derived from the Idempotency-Key when omitted",
  })
  @IsOptional()
  @IsUUID('all', { message: 'nominationId must be a UUID' })
  nominationId?: string;
}

/** One row of an import of nominations: the run and the trainee, checked as the submission checks them. */
export class NominationRowDto extends NominationItemDto {
  @ApiProperty({ example: 'RUN-2027-001', minLength: 1, maxLength: 128, description: 'The course run (lớp) the trainee is sent to' })
  @IsIdentifier()
  runId!: string;
}

export class SubmitNominationsDto {
  @ApiPropertyOptional({
    example: 'BNV',
    pattern: AGENCY_CODE,
    description: 'The nominating agency (cơ quan cử); an agency-bound token nominates for its own agency only',
  })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'agencyId must be an agency code' })
  agencyId?: string;

  @ApiProperty({ type: [NominationItemDto], minItems: 1, maxItems: MAX_NOMINATIONS_PER_REQUEST, description: `Up to ${MAX_NOMINATIONS_PER_REQUEST} trainees` })
  @IsArray({ message: 'nominations must be a list' })
  @ArrayMinSize(1, { message: 'nominations must name at least one trainee' })
  @ArrayMaxSize(MAX_NOMINATIONS_PER_REQUEST, { message: `nominations may hold at most ${MAX_NOMINATIONS_PER_REQUEST} trainees` })
  @ValidateNested({ each: true })
  @Type(() => NominationItemDto)
  nominations!: NominationItemDto[];
}

export class ReasonDto {
  @ApiProperty({ example: 'Not in the target group of this advanced course', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ example: 'Assigned to a delegation abroad on the course dates', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export const rejectionCommand = (nominationId: string, body: ReasonDto, metadata: MessageMetadata): RejectNomination => ({
  type: 'RejectNomination',
  data: { nominationId, reason: body.reason },
  metadata,
});

export const withdrawalCommand = (
  nominationId: string,
  withdrawnBy: Actor,
  body: OptionalReasonDto,
  run: CourseRunView,
  today: string,
  metadata: MessageMetadata,
): WithdrawNomination => ({
  type: 'WithdrawNomination',
  data: { nominationId, withdrawnBy, reason: body.reason ?? null, run, today },
  metadata,
});

export const MAX_DECISIONS_PER_REQUEST = 1_000;
export const nominationDecisions = ['approve', 'reject', 'waitlist'] as const;
export type NominationDecision = (typeof nominationDecisions)[number];

export class NominationDecisionDto {
  @ApiProperty({ example: '0f8fad5b-d9cb-469f-a165-70867728950e', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  nominationId!: string;

  @ApiProperty({ enum: nominationDecisions, description: 'approve (duyệt), reject (từ chối) or waitlist (danh sách chờ)' })
  @IsIn(nominationDecisions, { message: `decision must be one of ${nominationDecisions.join(', ')}` })
  decision!: NominationDecision;

  @ApiPropertyOptional({ example: 'Not in the target group of this advanced course', minLength: 1, maxLength: 1000, description: 'Required to reject' })
  @ValidateIf((item: NominationDecisionDto) => item.decision === 'reject' || item.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty when a nomination is rejected' })
  @MaxLength(1000)
  reason?: string;
}

export class DecideNominationsDto {
  @ApiProperty({
    type: [NominationDecisionDto],
    minItems: 1,
    maxItems: MAX_DECISIONS_PER_REQUEST,
    description: `Up to ${MAX_DECISIONS_PER_REQUEST} decisions, taken in order`,
  })
  @IsArray({ message: 'decisions must be a list' })
  @ArrayMinSize(1, { message: 'decisions must hold at least one decision' })
  @ArrayMaxSize(MAX_DECISIONS_PER_REQUEST, { message: `decisions may hold at most ${MAX_DECISIONS_PER_REQUEST} decisions` })
  @ValidateNested({ each: true })
  @Type(() => NominationDecisionDto)
  decisions!: NominationDecisionDto[];
}

/**
 * The programme office's queue across runs. No search by name: trainees' names are personal data,
 * sealed in the log and kept out of every read model, so a list cannot be searched by them.
 */
export class NominationQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: nominationStatuses, description: 'submitted (chờ duyệt), approved, rejected, waitlisted (danh sách chờ), withdrawn, cancelled' })
  @IsOptional()
  @IsIn(nominationStatuses, { message: `status must be one of ${nominationStatuses.join(', ')}` })
  status?: NominationStatus;

  @ApiPropertyOptional({ example: 'NV-DP-01-2027-1', minLength: 1, maxLength: 128, description: 'Nominations to one run (lớp)' })
  @IsOptional()
  @IsIdentifier()
  runId?: string;

  @ApiPropertyOptional({ example: 'BTP', pattern: AGENCY_CODE, description: 'Nominations made by one agency (cơ quan cử)' })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'agencyId must be an agency code' })
  agencyId?: string;
}
