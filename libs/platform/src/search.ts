import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from './pagination';

export const MAX_SEARCH_LENGTH = 100;

/**
 * A name or title as search compares it: without diacritics, `đ` read as `d`, lower case, spaces
 * collapsed. An official who types "nguyen thi hong" finds "Nguyễn Thị Hồng"; one who types with
 * diacritics finds the same people. Read models store it beside the text they search.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The read-model filter for `q`: every word of the search, folded as `searchKey` folds it, must
 * begin a word of the stored key. `undefined` when there is nothing to search for.
 */
export function searchFilter(field: string, q: string | undefined): { $and: Record<string, RegExp>[] } | undefined {
  const words = searchKey(q ?? '').split(' ').filter((word) => word.length > 0);
  if (words.length === 0) return undefined;
  return { $and: words.map((word) => ({ [field]: new RegExp(`(^| )${escapeRegExp(word)}`) })) };
}

/** A paged list that may also be searched by name or title: `q`, diacritics optional. */
export class SearchPageQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: MAX_SEARCH_LENGTH, description: 'Words the name or title contains at the start of a word; diacritics and case are ignored ("nguyen thi" finds "Nguyễn Thị …")' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(MAX_SEARCH_LENGTH, { message: `q must be at most ${MAX_SEARCH_LENGTH} characters` })
  q?: string;
}
