import type { FieldError } from '../problem-details/problem-details';

/**
 * The first text of a request — a string or a property name, at any depth of a body, or a path or
 * query parameter — that the event log cannot store: PostgreSQL's text and jsonb take neither the
 * NUL character nor half of a UTF-16 surrogate pair, and refusing them later would be a 500. Null
 * when every text can be stored. `field` names the parameter, or is empty for a whole body or query,
 * which `whole` then names.
 */
export function firstUnstorableText(value: unknown, field: string, whole = 'body'): FieldError | null {
  const pending: { value: unknown; path: string }[] = [{ value, path: field }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const reason = unstorable(item);
      if (reason) return { field: path === '' ? `(${whole})` : path, reason: `${path === '' ? `the ${whole}` : path} ${reason}` };
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1) pending.push({ value: item[index], path: `${path}[${index}]` });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, property] of Object.entries(item).reverse()) {
        const reason = unstorable(key);
        if (reason) return { field: path === '' ? `(${whole})` : path, reason: `a property name of ${path === '' ? `the ${whole}` : path} ${reason}` };
        pending.push({ value: property, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode: it holds half of a surrogate pair';
  return null;
}
