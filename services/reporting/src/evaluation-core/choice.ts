import { compareCodeUnits } from './canonical-json';

/**
 * Picks one value per key by an explicit order of the facts (dates, then ids), so that the choice
 * never depends on which partition was read first.
 */
export class Choice<T> {
  private readonly entries = new Map<string, { readonly value: T; readonly order: readonly string[] }>();

  constructor(private readonly keep: 'first' | 'last') {}

  offer(key: string, value: T, order: readonly string[]): void {
    const current = this.entries.get(key);
    const better = current === undefined || compareTuples(order, current.order) * (this.keep === 'first' ? -1 : 1) > 0;
    if (better) this.entries.set(key, { value, order });
  }

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Without an array per entry: a choice may hold a value per certificate of the programme. */
  chosen(): ReadonlyMap<string, T> {
    const chosen = new Map<string, T>();
    this.entries.forEach((entry, key) => chosen.set(key, entry.value));
    return chosen;
  }
}

export function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const order = compareCodeUnits(a[index], b[index]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
