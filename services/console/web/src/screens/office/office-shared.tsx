import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import './i18n';
import './office.css';

export const PAGE_SIZE = 20;

export interface Paged<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** The typed clients for the signed-in user, and whether that user may change what the screens show. */
export function useOfficeApi() {
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  return { api, administers: session?.roles.includes('programme-admin') ?? false };
}

/** A paged list's items and the `X-Total-Count` the service sent with them; throws the refusal otherwise. */
export function paged<T>(answer: { data?: unknown; error?: unknown; response: Response }): Paged<T> {
  if (answer.error !== undefined || !answer.response.ok) throw new Error(refusalText(answer.error, answer.response));
  const items = answer.data as T[];
  return { items, total: Number(answer.response.headers.get('X-Total-Count') ?? items.length) };
}

/** One item's body; throws the refusal otherwise. */
export function single<T>(answer: { data?: unknown; error?: unknown; response: Response }): T {
  if (answer.error !== undefined || !answer.response.ok) throw new Error(refusalText(answer.error, answer.response));
  return answer.data as T;
}

/** A refusal as the reader reads it: the rule in their language, the field it names. */
export const refusalText = problemText;

/** The problem's field errors by field, for showing each beside its field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors = typeof error === 'object' && error !== null && 'errors' in error ? (error as { errors: unknown }).errors : null;
  if (!Array.isArray(errors)) return {};
  const byField: Record<string, string> = {};
  for (const entry of errors as { field?: unknown; reason?: unknown }[]) {
    const field = String(entry.field ?? '');
    byField[field] = byField[field] ? `${byField[field]}; ${String(entry.reason)}` : String(entry.reason);
  }
  return byField;
}

export function Pager({ offset, total, onPage }: { offset: number; total: number; onPage: (offset: number) => void }) {
  const { t } = useTranslation('office');
  if (total === 0) return null;
  return (
    <nav aria-label={t('pager.label')} className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.range', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}</span>
      <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => onPage(offset + PAGE_SIZE)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/**
 * Waits, a few seconds at most, until the read model shows what was just written: lists and details
 * follow the log a moment after each write, and the screen opened next should not say "not found".
 */
export async function untilReadable(read: () => Promise<{ response: Response }>): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if ((await read().catch(() => null))?.response.ok) return;
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/** Vietnamese calendar date (YYYY-MM-DD) as officials write it: DD/MM/YYYY. */
export { dayText } from '../../dates';

/** A table with its column headers; the rows are the caller's. */
export function Table({ headers, children }: { headers: readonly ReactNode[]; children: ReactNode }) {
  return (
    <table>
      <thead>
        <tr>
          {headers.map((header, index) => (
            <th scope="col" key={index}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
