import type { Model, PipelineStage } from 'mongoose';

export interface GroupTotal<TKey = unknown> {
  /** The group field's value; null gathers documents where it is missing or null. */
  readonly key: TKey;
  readonly total: number;
}

const fieldPathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/**
 * Totals of `sumField` (or document counts when it is 1) per value of `groupField`, using
 * only `$match` and `$group` with `$sum`, which FerretDB 1.x runs. Rows come back ordered by key.
 */
export async function sumBy<TKey = unknown, TDocument = unknown>(
  model: Model<TDocument>,
  match: Record<string, unknown>,
  groupField: string,
  sumField: string | 1,
): Promise<GroupTotal<TKey>[]> {
  assertFieldPath(groupField);
  if (sumField !== 1) assertFieldPath(sumField);
  const pipeline: PipelineStage[] = [
    { $match: match },
    { $group: { _id: `$${groupField}`, total: { $sum: sumField === 1 ? 1 : `$${sumField}` } } },
  ];
  const rows = await model.aggregate<{ _id: TKey; total: number }>(pipeline).exec();
  return rows.map((row) => ({ key: row._id, total: row.total })).sort((a, b) => compareKeys(a.key, b.key));
}

export function countBy<TKey = unknown, TDocument = unknown>(
  model: Model<TDocument>,
  match: Record<string, unknown>,
  groupField: string,
): Promise<GroupTotal<TKey>[]> {
  return sumBy<TKey, TDocument>(model, match, groupField, 1);
}

function assertFieldPath(path: string): void {
  if (!fieldPathPattern.test(path)) throw new RangeError(`Not a plain field path: ${JSON.stringify(path)}`);
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
