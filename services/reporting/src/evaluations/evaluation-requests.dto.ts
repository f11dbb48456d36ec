import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsCalendarDate } from '@training-ledger/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { z } from 'zod';
import { CoverageRuleSchema, evaluationKinds, PhaseTargetsSchema, type EvaluationKind } from '../evaluation-core';
import { policyKinds, type PolicyKind } from '../policy/policy.decider';

export class IssueEvaluationDto {
  @ApiProperty({ enum: evaluationKinds, description: 'mid-term (sơ kết), final (tổng kết), annual or ad hoc' })
  @IsIn(evaluationKinds, { message: `kind must be one of ${evaluationKinds.join(', ')}` })
  kind!: EvaluationKind;

  @ApiProperty({ example: '2028-12-31', description: 'Facts count when they take effect on or before this date' })
  @IsCalendarDate()
  asOf!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The coverage rule version; the latest when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'coverageRuleVersion must be a whole number from 1' })
  @Min(1, { message: 'coverageRuleVersion must be a whole number from 1' })
  coverageRuleVersion?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The phase targets version; the latest when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'phaseTargetsVersion must be a whole number from 1' })
  @Min(1, { message: 'phaseTargetsVersion must be a whole number from 1' })
  phaseTargetsVersion?: number;
}

export class VersionPolicyDto {
  @ApiProperty({
    oneOf: [CoverageRuleSchema, PhaseTargetsSchema].map((schema) => z.toJSONSchema(schema, { target: 'openapi-3.0' }) as SchemaObject),
    description: 'The coverage rule ({ "kind": "any-certificate" }) or the phase targets ({ "phases": [...] })',
  })
  @IsObject({ message: 'content must be an object' })
  content!: Record<string, unknown>;

  @ApiProperty({ example: 'Mid-term review decision of the steering committee', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

export class PolicyParams {
  @ApiProperty({ enum: policyKinds, description: 'coverage-rule (which certificates count a person as trained) or phase-targets' })
  @IsIn(policyKinds, { message: `policy must be one of ${policyKinds.join(', ')}` })
  policy!: PolicyKind;
}
