import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { courseFormats, courseLevels, type CourseFormat, type CourseLevel } from '@training-ledger/contracts';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant, PageQuery } from '@training-ledger/platform';
import type { MessageMetadata } from '@training-ledger/decider';
import { IDENTIFIER, STREAM_KEY, streamKeyRule } from '../catalogue/course.dto';
import type { Lecturer, ScheduledCourse, WaitlistPolicy } from './course-run.plan';
import type { AddSession, AssignLecturer, CancelCourseRun, CancelSession, CourseRunStatus, RescheduleCourseRun, ScheduleCourseRun } from './course-run.state';

const identifierRule = 'must be 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit';
const waitlistPolicies: readonly WaitlistPolicy[] = ['auto-approve', 'flag-for-review'];
const lecturerOrigins: readonly Lecturer['origin'][] = ['vietnamese', 'foreign'];
const runStatuses: readonly CourseRunStatus[] = ['scheduled', 'started', 'cancelled', 'completed'];

export class SessionDto {
  @ApiProperty({ example: 'S01', pattern: IDENTIFIER, description: 'Identifier of the session (buổi học) within the run' })
  @Matches(IDENTIFIER, { message: `sessionId ${identifierRule}` })
  sessionId!: string;

  @ApiProperty({ example: '2027-03-15', description: 'The day the session is held (YYYY-MM-DD)' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: '2027-03-15T08:00:00+07:00', description: 'Start, ISO-8601 with offset' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-03-15T11:30:00+07:00', description: 'End, ISO-8601 with offset' })
  @IsInstant()
  endsAt!: string;
}

export class LecturerDto {
  @ApiProperty({ example: 'L-ASEAN-07', pattern: IDENTIFIER, description: 'Identifier of the lecturer (giảng viên)' })
  @Matches(IDENTIFIER, { message: `lecturerId ${identifierRule}` })
  lecturerId!: string;

  @ApiProperty({ example: 'Nguyễn Văn An', minLength: 1, maxLength: 200 })
  @IsString({ message: 'name must be text' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  name!: string;

  @ApiProperty({ enum: lecturerOrigins, example: 'foreign', description: 'vietnamese (giảng viên trong nước) or foreign (giảng viên nước ngoài)' })
  @IsIn(lecturerOrigins, { message: `origin must be one of ${lecturerOrigins.join(', ')}` })
  origin!: Lecturer['origin'];

  @ApiPropertyOptional({ example: 'ASEAN Secretariat', nullable: true, type: String })
  @IsOptional()
  @IsString({ message: 'affiliation must be text or null' })
  affiliation?: string | null;
}

export class AgencyQuotaDto {
  @ApiProperty({ example: 'BTP', pattern: IDENTIFIER, description: 'The nominating agency (cơ quan cử)' })
  @Matches(IDENTIFIER, { message: `agencyId ${identifierRule}` })
  agencyId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100_000, example: 5, description: 'Seats reserved for the agency (chỉ tiêu)' })
  @IsInt({ message: 'seats must be a whole number' })
  @Min(0, { message: 'seats must not be negative' })
  @Max(100_000, { message: 'seats must be at most 100000' })
  seats!: number;
}

export class RunDatesDto {
  @ApiProperty({ example: '2027-03-15', description: 'First day of the run (YYYY-MM-DD)' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ example: '2027-03-19', description: 'Last day of the run (YYYY-MM-DD)' })
  @IsCalendarDate()
  endDate!: string;

  @ApiProperty({ example: '2027-03-01', description: 'Last day nominations (cử cán bộ) are accepted' })
  @IsCalendarDate()
  nominationDeadline!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100_000, example: 40, description: 'Seats in the run' })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(100_000, { message: 'capacity must be at most 100000' })
  capacity!: number;

  @ApiPropertyOptional({ type: [AgencyQuotaDto], description: 'Seats reserved per agency; none when omitted' })
  @IsOptional()
  @IsArray({ message: 'agencyQuotas must be a list' })
  @ValidateNested({ each: true })
  @Type(() => AgencyQuotaDto)
  agencyQuotas?: AgencyQuotaDto[];
}

export class ScheduleCourseRunDto extends RunDatesDto {
  @ApiPropertyOptional({ example: 'NV-DP-01-2027-1', pattern: STREAM_KEY, description: 'Identifier of the run (lớp); a new one when omitted' })
  @IsOptional()
  @Matches(STREAM_KEY, { message: `runId ${streamKeyRule}` })
  runId?: string;

  @ApiProperty({ example: 'NV-DP-01', pattern: IDENTIFIER, description: 'The course in the catalogue' })
  @Matches(IDENTIFIER, { message: `courseId ${identifierRule}` })
  courseId!: string;

  @ApiProperty({ example: 'HVNG', pattern: IDENTIFIER, description: 'The training institution (cơ sở đào tạo) that delivers the run' })
  @Matches(IDENTIFIER, { message: `providerInstitutionId ${identifierRule}` })
  providerInstitutionId!: string;

  @ApiPropertyOptional({ example: 'BTP', nullable: true, type: String, pattern: IDENTIFIER, description: 'The ministry or province hosting the run, if any' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: `hostAgencyId ${identifierRule}` })
  hostAgencyId?: string | null;

  @ApiPropertyOptional({ example: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội', nullable: true, type: String, minLength: 1, maxLength: 300, description: 'Địa điểm; null for a run held online' })
  @IsOptional()
  @IsString({ message: 'venue must be text or null' })
  @Length(1, 300, { message: 'venue must be 1–300 characters' })
  venue?: string | null;

  @ApiProperty({ enum: waitlistPolicies, example: 'flag-for-review', description: 'What happens to nominations beyond the seats' })
  @IsIn(waitlistPolicies, { message: `waitlistPolicy must be one of ${waitlistPolicies.join(', ')}` })
  waitlistPolicy!: WaitlistPolicy;

  @ApiPropertyOptional({ type: [SessionDto], description: 'The timetable (thời khóa biểu)' })
  @IsOptional()
  @IsArray({ message: 'sessions must be a list' })
  @ValidateNested({ each: true })
  @Type(() => SessionDto)
  sessions?: SessionDto[];

  @ApiPropertyOptional({ type: [LecturerDto] })
  @IsOptional()
  @IsArray({ message: 'lecturers must be a list' })
  @ValidateNested({ each: true })
  @Type(() => LecturerDto)
  lecturers?: LecturerDto[];
}

export class CancellationDto {
  @ApiProperty({ example: 'Giảng viên ốm — lecturer taken ill', minLength: 1, maxLength: 1000, description: 'Why (lý do hủy)' })
  @IsString({ message: 'reason must be text' })
  @Length(1, 1000, { message: 'reason must be 1–1000 characters' })
  reason!: string;
}

export class CourseRunsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'Runs that end on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Runs that start on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: courseLevels })
  @IsOptional()
  @IsIn(courseLevels, { message: `level must be one of ${courseLevels.join(', ')}` })
  level?: CourseLevel;

  @ApiPropertyOptional({ enum: courseFormats })
  @IsOptional()
  @IsIn(courseFormats, { message: `format must be one of ${courseFormats.join(', ')}` })
  format?: CourseFormat;

  @ApiPropertyOptional({ example: 'BTP', pattern: IDENTIFIER })
  @IsOptional()
  @Matches(IDENTIFIER, { message: `hostAgencyId ${identifierRule}` })
  hostAgencyId?: string;

  @ApiPropertyOptional({ enum: runStatuses, description: 'scheduled (đã lên lịch), started (đã khai giảng), cancelled (đã hủy), completed (đã bế giảng)' })
  @IsOptional()
  @IsIn(runStatuses, { message: `status must be one of ${runStatuses.join(', ')}` })
  status?: CourseRunStatus;

  @ApiPropertyOptional({ example: 'NV-DP-01', pattern: IDENTIFIER, description: 'Runs of one course in the catalogue' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: `courseId ${identifierRule}` })
  courseId?: string;

  @ApiPropertyOptional({ example: 'HVNG', pattern: IDENTIFIER, description: 'Runs delivered by this training institution (cơ sở đào tạo)' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: `providerInstitutionId ${identifierRule}` })
  providerInstitutionId?: string;
}

export const plainSession = (session: SessionDto) => ({
  sessionId: session.sessionId,
  date: session.date,
  startsAt: session.startsAt,
  endsAt: session.endsAt,
});

export const plainLecturer = (lecturer: LecturerDto): Lecturer => ({
  lecturerId: lecturer.lecturerId,
  name: lecturer.name,
  origin: lecturer.origin,
  affiliation: lecturer.affiliation ?? null,
});

export const plainDates = (dates: RunDatesDto) => ({
  startDate: dates.startDate,
  endDate: dates.endDate,
  nominationDeadline: dates.nominationDeadline,
  capacity: dates.capacity,
  agencyQuotas: (dates.agencyQuotas ?? []).map(({ agencyId, seats }) => ({ agencyId, seats })),
});

/** The run as scheduled: its plan from the body, the course as the catalogue holds it now. */
export const scheduleCourseRunCommand = (
  runId: string,
  body: ScheduleCourseRunDto,
  course: ScheduledCourse,
  metadata: MessageMetadata,
): ScheduleCourseRun => ({
  type: 'ScheduleCourseRun',
  data: {
    runId,
    providerInstitutionId: body.providerInstitutionId,
    hostAgencyId: body.hostAgencyId ?? null,
    venue: body.venue ?? null,
    waitlistPolicy: body.waitlistPolicy,
    ...plainDates(body),
    sessions: (body.sessions ?? []).map(plainSession),
    lecturers: (body.lecturers ?? []).map(plainLecturer),
    course,
  },
  metadata,
});

export const rescheduleCourseRunCommand = (runId: string, body: RunDatesDto, metadata: MessageMetadata): RescheduleCourseRun => ({
  type: 'RescheduleCourseRun',
  data: { runId, ...plainDates(body) },
  metadata,
});

export const addSessionCommand = (runId: string, body: SessionDto, metadata: MessageMetadata): AddSession => ({
  type: 'AddSession',
  data: { runId, session: plainSession(body) },
  metadata,
});

export const cancelSessionCommand = (runId: string, sessionId: string, body: CancellationDto, metadata: MessageMetadata): CancelSession => ({
  type: 'CancelSession',
  data: { runId, sessionId, reason: body.reason },
  metadata,
});

export const assignLecturerCommand = (runId: string, body: LecturerDto, metadata: MessageMetadata): AssignLecturer => ({
  type: 'AssignLecturer',
  data: { runId, lecturer: plainLecturer(body) },
  metadata,
});

export const cancelCourseRunCommand = (runId: string, body: CancellationDto, metadata: MessageMetadata): CancelCourseRun => ({
  type: 'CancelCourseRun',
  data: { runId, reason: body.reason },
  metadata,
});
