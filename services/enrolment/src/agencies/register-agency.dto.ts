import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuthenticatedActor } from '@training-ledger/auth';
import { agencyKinds, type AgencyKind } from '@training-ledger/contracts';
import { commandMetadata, IsInstant } from '@training-ledger/platform';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { RegisterAgency, RenameAgency } from './agency.decider';

const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export class RegisterAgencyDto {
  @ApiProperty({ example: 'BNG', pattern: AGENCY_CODE, description: 'Stable agency code (mã cơ quan): capitals, digits and dashes' })
  @Matches(AGENCY_CODE, { message: 'code must be 2–32 capitals, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'Bộ Ngoại giao', minLength: 1, maxLength: 300, description: 'Name in Vietnamese (tên tiếng Việt)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Ministry of Foreign Affairs', minLength: 1, maxLength: 300, description: 'Name in English' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameEn!: string;

  @ApiProperty({ enum: agencyKinds, example: 'ministry', description: 'Loại cơ quan' })
  @IsIn(agencyKinds, { message: `kind must be one of ${agencyKinds.join(', ')}` })
  kind!: AgencyKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: AGENCY_CODE,
    example: 'HN',
    description: 'For a commune-level unit (cấp xã): the code of its province',
  })
  @ValidateIf((dto: RegisterAgencyDto) => dto.parentAgencyCode !== undefined && dto.parentAgencyCode !== null)
  @Matches(AGENCY_CODE, { message: 'parentAgencyCode must be an agency code' })
  parentAgencyCode?: string | null;

  @ApiPropertyOptional({ example: '2026-06-01T08:00:00+07:00', description: 'When the registration took effect; now when omitted' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

export class RenameAgencyDto {
  @ApiProperty({ example: 'Bộ Ngoại giao', minLength: 1, maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Ministry of Foreign Affairs', minLength: 1, maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameEn!: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+07:00' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

/** The agency is known by its code; the time it took effect is the caller's, or now. */
export const registerAgencyCommand = (body: RegisterAgencyDto, actor: AuthenticatedActor, correlationId: string): RegisterAgency => ({
  type: 'RegisterAgency',
  data: {
    agencyId: body.code,
    code: body.code,
    nameVi: body.nameVi,
    nameEn: body.nameEn,
    kind: body.kind,
    parentAgencyId: body.parentAgencyCode ?? null,
  },
  metadata: commandMetadata(actor, correlationId, body.occurredAt),
});

export const renameAgencyCommand = (agencyId: string, body: RenameAgencyDto, actor: AuthenticatedActor, correlationId: string): RenameAgency => ({
  type: 'RenameAgency',
  data: { agencyId, nameVi: body.nameVi, nameEn: body.nameEn },
  metadata: commandMetadata(actor, correlationId, body.occurredAt),
});
