import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { LocalTokenAuthority, Public } from '@training-ledger/auth';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createServiceApp } from './bootstrap/bootstrap';
import { PROBLEM_TYPES } from './problem-details/problem-details';
import { capturedLog, testServiceConfig } from './service-config.fixture';
import { MAX_LISTED_ERRORS } from './problem-details/validation';
import { DEFAULT_MAX_ITEMS, MAX_DEPTH } from './validation/body-limits';

class Mark {
  @IsUUID('all', { message: 'traineeId must be a UUID' })
  traineeId!: string;
}

class PostMarks {
  @IsString()
  sheetId!: string;

  @IsArray()
  @ArrayMaxSize(500, { message: 'marks may hold at most 500 marks' })
  @ValidateNested({ each: true })
  @Type(() => Mark)
  marks!: Mark[];

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsObject()
  content?: Record<string, unknown>;
}

@Controller('sheets')
class SheetController {
  @Public()
  @Post()
  @HttpCode(202)
  post(@Body() body: PostMarks) {
    return { accepted: body.marks.length };
  }
}

@Module({ controllers: [SheetController] })
class SheetModule {}

const TRAINEE = '0b7e7a4e-5b0a-4f5b-9d8e-2f1b8f1c6a11';

/** What a service does with a body before its handler sees it: JSON only, bounded in size and shape, refused as problem documents. */
describe('request bodies', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  const logLines: string[] = [];

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = testServiceConfig(authority, 'body-test', 3998);
    const destination = capturedLog(logLines);
    app = await createServiceApp({ module: SheetModule, config, title: 'Body test service', logDestination: destination });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    authority.dispose();
  });

  const post = () => request(app.getHttpServer()).post('/sheets');
  const expectProblem = (response: request.Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, instance: '/sheets' });
  };

  it('accepts a JSON body within its limits', async () => {
    const response = await post().send({ sheetId: 'S-1', marks: [{ traineeId: TRAINEE }] });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 1 });
  });

  it('refuses a body over 2 MB with 413, saying the limit', async () => {
    const response = await post().set('content-type', 'application/json').send(JSON.stringify({ sheetId: 'x'.repeat(2 * 1024 * 1024), marks: [] }));
    expectProblem(response, 413);
    expect(response.body).toMatchObject({ limitBytes: 2 * 1024 * 1024 });
    expect(response.body.detail).toContain('2097152 bytes');
  });

  it('counts the inflated size of a compressed body against the limit', async () => {
    const bomb = gzipSync(JSON.stringify({ sheetId: ' '.repeat(8 * 1024 * 1024), marks: [] }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const response = await post().set('content-type', 'application/json').set('content-encoding', 'gzip').serialize((body: unknown) => body as string).send(bomb);
    expectProblem(response, 413);
  });

  it('answers a body that does not inflate as its Content-Encoding says with 400', async () => {
    const response = await post().set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"sheetId":"S-1","marks":[]}');
    expectProblem(response, 400);
    expect(response.body.detail).toBe('The body could not be decompressed as its Content-Encoding says');
  });

  it.each([
    ['text/plain', 'sheetId=S-1'],
    ['application/x-www-form-urlencoded', 'sheetId=S-1&marks=1'],
    ['application/xml', '<sheet/>'],
  ])('refuses a %s body with 415', async (type, body) => {
    const response = await post().set('content-type', type).send(body);
    expectProblem(response, 415);
    expect(response.body.detail).toBe('The body must be JSON, sent with Content-Type: application/json');
  });

  it('refuses a body without a Content-Type with 415', async () => {
    const response = await post().send(Buffer.from('{"sheetId":"S-1","marks":[]}'));
    expectProblem(response, 415);
  });

  it('accepts a +json media type', async () => {
    const response = await post().set('content-type', 'application/merge-patch+json').send(JSON.stringify({ sheetId: 'S-1', marks: [] }));
    expect(response.status).toBe(202);
  });

  it('refuses a charset other than UTF-8 with 415', async () => {
    const response = await post().set('content-type', 'application/json; charset=latin1').send('{"sheetId":"S-1","marks":[]}');
    expectProblem(response, 415);
    expect(response.body.detail).toBe('A JSON body must be encoded as UTF-8');
  });

  it('refuses an unknown Content-Encoding with 415', async () => {
    const response = await post().set('content-type', 'application/json').set('content-encoding', 'compress').send('{}');
    expectProblem(response, 415);
  });

  it('answers malformed JSON with 400 naming where it broke, never quoting it', async () => {
    const response = await post().set('content-type', 'application/json').send('{"sheetId": "SECRET-SHEET-7", "marks": [}');
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/^The body is not well-formed JSON( \(at character \d+\))?$/);
    expect(JSON.stringify(response.body)).not.toContain('SECRET');
    expect(logLines.join('\n')).not.toContain('Unhandled error');
  });

  it('refuses 100,000 marks at once naming the list, before any mark is validated', async () => {
    const marks = Array.from({ length: 100_000 }, () => ({ traineeId: 'x' }));
    const started = Date.now();
    const response = await post().send({ sheetId: 'S-1', marks });
    expectProblem(response, 400);
    expect(response.body).toMatchObject({ type: PROBLEM_TYPES.validation, errors: [{ field: 'marks', reason: 'marks may hold at most 500 marks' }] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('bounds a list that declares no size, objects and nesting, naming the field', async () => {
    const tags = await post().send({ sheetId: 'S-1', marks: [], tags: Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, () => 'x') });
    expectProblem(tags, 400);
    expect(tags.body.errors).toEqual([{ field: 'tags', reason: `tags may hold at most ${DEFAULT_MAX_ITEMS} items` }]);

    const wide = await post().send({ sheetId: 'S-1', marks: [], content: Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, index])) });
    expectProblem(wide, 400);
    expect(wide.body.errors).toEqual([{ field: 'content', reason: 'content may hold at most 1000 properties' }]);

    const deep = `${'{"next":'.repeat(50_000)}{}${'}'.repeat(50_000)}`;
    const nested = await post().set('content-type', 'application/json').send(`{"sheetId":"S-1","marks":[],"content":${deep}}`);
    expectProblem(nested, 400);
    expect(nested.body.errors[0].reason).toBe(`lists and objects may nest at most ${MAX_DEPTH} deep`);
  });

  it(`lists at most ${MAX_LISTED_ERRORS} field errors, and how many there were`, async () => {
    const marks = Array.from({ length: 300 }, () => ({ traineeId: 'not-a-uuid' }));
    const response = await post().send({ sheetId: 'S-1', marks });
    expectProblem(response, 400);
    expect(response.body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(response.body.errors[99]).toEqual({ field: 'marks[99].traineeId', reason: 'traineeId must be a UUID' });
    expect(response.body).toMatchObject({ errorCount: 300, detail: `300 fields are not valid; the first ${MAX_LISTED_ERRORS} are listed` });
  });

  it('names the fields of a bad body without repeating the values sent', async () => {
    const response = await post().send({ sheetId: ['SECRET-VALUE-1'], marks: [{ traineeId: 'SECRET-VALUE-2' }], [`extra-${'y'.repeat(500)}`]: 'SECRET-VALUE-3' });
    expectProblem(response, 400);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('SECRET-VALUE');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['sheetId', 'marks[0].traineeId']));
    expect(Math.max(...response.body.errors.map((error: { field: string }) => error.field.length))).toBeLessThanOrEqual(201);
  });
});
