import { Body, Controller, Post, Query, Get, Module } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ApiIdempotencyKey } from '../idempotency/idempotency-store';
import { IsCalendarDate, IsInstant } from '../validation/time-fields';
import { createOpenApiDocument } from './openapi';

class Session {
  @ApiProperty({ example: '2027-05-15T08:00:00+07:00', description: 'Start' })
  @IsInstant()
  startsAt!: string;
}

class Schedule {
  @ApiPropertyOptional({ example: '2027-05-15' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiProperty({ type: [Session] })
  @ValidateNested({ each: true })
  @Type(() => Session)
  sessions!: Session[];
}

class Listing {
  @ApiProperty({ example: '2027-12-31' })
  @IsCalendarDate()
  asOf!: string;
}

class Answer {
  @ApiProperty()
  runId!: string;
}

@Controller()
class ScheduleController {
  @Post('runs')
  @ApiIdempotencyKey()
  schedule(@Body() body: Schedule): Answer {
    return { runId: String(body.sessions.length) };
  }

  @Get('runs')
  list(@Query() query: Listing): string {
    return query.asOf;
  }
}

@Module({ controllers: [ScheduleController] })
class ScheduleModule {}

describe('the OpenAPI document', () => {
  const document = async () => {
    const app = (await Test.createTestingModule({ imports: [ScheduleModule] }).compile()).createNestApplication();
    await app.init();
    try {
      return createOpenApiDocument(app, { title: 'Schedules', version: '1.0.0' }) as unknown as {
        components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: unknown }> };
        paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[] }>>;
      };
    } finally {
      await app.close();
    }
  };

  it('gives time fields their format, keeping what the field itself says', async () => {
    const { components, paths } = await document();
    expect(components.schemas.Session!.properties.startsAt).toEqual({ type: 'string', format: 'date-time', example: '2027-05-15T08:00:00+07:00', description: 'Start' });
    expect(components.schemas.Schedule!.properties.startDate).toEqual({ type: 'string', format: 'date', example: '2027-05-15' });
    expect(components.schemas.Schedule!.required).toEqual(['sessions']);
    expect(paths['/runs']!.get!.parameters).toEqual([expect.objectContaining({ name: 'asOf', in: 'query', required: true, schema: expect.objectContaining({ format: 'date' }) })]);
  });

  it('says of every schema a request body reaches that unknown properties are refused, and of no other', async () => {
    const { components } = await document();
    expect(components.schemas.Schedule!.additionalProperties).toBe(false);
    expect(components.schemas.Session!.additionalProperties).toBe(false);
    expect(components.schemas.Answer?.additionalProperties).toBeUndefined();
  });

  it('documents the Idempotency-Key in the form the service accepts', async () => {
    const { paths } = await document();
    expect(paths['/runs']!.post!.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' } }),
    ]);
  });
});
