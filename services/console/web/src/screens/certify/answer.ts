import { problemText } from '../../api/clients';

/** What openapi-fetch answers: the body when the service said yes, a thrown problem otherwise. */
export function answered<T>({ data, error, response }: { data?: unknown; error?: unknown; response: Response }): T {
  if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
  return data as T;
}

/** The X-Total-Count of a paged list; the page's own length when the header is missing. */
export function totalCount(response: Response, fallback: number): number {
  const header = response.headers.get('x-total-count');
  return header === null ? fallback : Number(header);
}
