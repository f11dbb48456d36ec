import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { revocationCategories, type RevocationCategory } from '@training-ledger/contracts';
import { IsIdentifier } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const MAX_CERTIFICATES_PER_REQUEST = 2_000;
/** The year of a certificate number and of a status list. */
export const YEAR = /^\d{4}$/;

export class HolderDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', minLength: 1, maxLength: 128 })
  @IsIdentifier()
  traineeId!: string;

  @ApiProperty({ example: 'Nguyễn Thị Hồng Nhung', minLength: 1, maxLength: 120, description: 'The name as it is to be printed (họ và tên)' })
  @IsString()
  @IsNotEmpty({ message: 'holderName must not be empty' })
  @MaxLength(120)
  holderName!: string;
}

export class IssueCertificatesDto {
  @ApiProperty({ type: [HolderDto], minItems: 1, maxItems: MAX_CERTIFICATES_PER_REQUEST, description: 'The trainees to certify, each with the name to print' })
  @IsArray({ message: 'holders must be a list' })
  @ArrayMinSize(1, { message: 'holders must hold at least one trainee' })
  @ArrayMaxSize(MAX_CERTIFICATES_PER_REQUEST, { message: `holders may hold at most ${MAX_CERTIFICATES_PER_REQUEST} trainees` })
  @ValidateNested({ each: true })
  @Type(() => HolderDto)
  holders!: HolderDto[];
}

export class IssueOneCertificateDto {
  @ApiProperty({ example: 'Nguyễn Thị Hồng Nhung', minLength: 1, maxLength: 120, description: 'The name as it is to be printed (họ và tên)' })
  @IsString()
  @IsNotEmpty({ message: 'holderName must not be empty' })
  @MaxLength(120)
  holderName!: string;
}

export class RevokeCertificateDto {
  @ApiProperty({ example: 'Attendance was misreported by the provider', minLength: 1, maxLength: 1000, description: 'Lý do thu hồi, in the certifier’s words: kept by MOFA, never shown to the public' })
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({
    enum: revocationCategories,
    default: 'other',
    description: 'The kind of reason the public verification page shows: attendance misreported, not eligible, identity error, issued in error, other',
  })
  @IsOptional()
  @IsIn(revocationCategories, { message: `category must be one of ${revocationCategories.join(', ')}` })
  category?: RevocationCategory;
}

/** The revocation as the register records it: `other` when the certifier names no category. */
export const revocationOf = (body: RevokeCertificateDto): { reason: string; category: RevocationCategory } => ({
  reason: body.reason,
  category: body.category ?? 'other',
});

export class ReissueCertificateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120, description: 'The corrected name to print; the replaced certificate’s name when omitted' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  holderName?: string;
}
