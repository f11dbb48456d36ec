import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PROBLEM_TYPES, ProblemException } from './problem-details/problem-details';

/** The most items one page of a list holds, and the page a list gives when no limit is asked for. */
export const MAX_PAGE_SIZE = 5_000;
const MAX_OFFSET = 10_000_000;

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

/** One page of a list read from a read model, and how many items the whole list holds. */
export interface CountedPage<TItem> {
  readonly total: number;
  readonly items: TItem[];
}

/** What the response of a paged list needs: the total goes in `X-Total-Count`, the list stays the body. */
export interface PagedResponse {
  setHeader(name: string, value: string): unknown;
}

export const TOTAL_COUNT_HEADER = 'X-Total-Count';

function whole(value: string | number | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    const reason = `must be a whole number from ${min} to ${max}`;
    throw new ProblemException({ type: PROBLEM_TYPES.validation, status: 400, detail: `${field} ${reason}`, errors: [{ field, reason }] });
  }
  return number;
}

/**
 * The page of a list asked for with `limit` and `offset`: every list reads only its page from the
 * read model and says in `X-Total-Count` how many there are, so that a console pages through 10,000
 * trainees' nominations without loading them all. Without `limit` a list gives its first 5,000.
 */
export function pageOf(query: { readonly limit?: string | number; readonly offset?: string | number }): Page {
  return { limit: whole(query.limit, 'limit', 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE), offset: whole(query.offset, 'offset', 0, MAX_OFFSET, 0) };
}

export function setTotalCount(response: PagedResponse, total: number): void {
  response.setHeader(TOTAL_COUNT_HEADER, String(total));
}

/** The OpenAPI document of a paged list's two query parameters; the answer's `X-Total-Count` says how many in all. */
export const ApiPaged = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
      description: LIMIT_DESCRIPTION,
    }),
    ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET }, description: 'Items to skip, 0 when omitted' }),
  );

const LIMIT_DESCRIPTION = `Items in the page, 1–${MAX_PAGE_SIZE}; ${MAX_PAGE_SIZE} when omitted. The answer's ${TOTAL_COUNT_HEADER} header says how many there are in all`;

/** `limit` and `offset` of a list whose query is a DTO: extend it, and read the page with `pageOf`. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: LIMIT_DESCRIPTION })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  limit?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, description: 'Items to skip, 0 when omitted' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: `offset must be a whole number from 0 to ${MAX_OFFSET}` })
  offset?: string;
}
