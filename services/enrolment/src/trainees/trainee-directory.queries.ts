import type { Page } from '@training-ledger/platform';
import type { Projector } from '@training-ledger/read-models';
import { type TraineeDirectoryEntry, traineeDirectoryProjection } from './trainee-directory.projection';

export type TraineeDirectoryView = Omit<TraineeDirectoryEntry, '_id'>;

export interface TraineeDirectorySelection {
  readonly agencyId: string;
  /** Only these trainees (what a search of personal data found); every trainee of the agency when absent. */
  readonly traineeIds?: string[];
  /** Only trainees whose id sorts after this one: the cursor of the previous page. */
  readonly after?: string;
}

export interface TraineeDirectorySlice {
  readonly total: number;
  readonly trainees: TraineeDirectoryView[];
  /** The cursor of the next page; null on the last page. */
  readonly next: string | null;
}

/** One page of an agency's trainees by id, how many the selection holds in all, and where the next page starts. */
export async function traineeDirectoryPage(projector: Projector, selection: TraineeDirectorySelection, { limit, offset }: Page): Promise<TraineeDirectorySlice> {
  const model = await projector.model<TraineeDirectoryEntry>(traineeDirectoryProjection);
  const found = selection.traineeIds ? { traineeId: { $in: selection.traineeIds } } : {};
  const filter = { agencyId: selection.agencyId, ...found };
  const total = await model.countDocuments(filter);
  const after = selection.after !== undefined ? { traineeId: { $gt: selection.after, ...found.traineeId } } : {};
  const entries = await model
    .find({ ...filter, ...after }, { _id: 0, _v: 0 })
    .sort({ traineeId: 1 })
    .skip(offset)
    .limit(limit + 1)
    .lean<TraineeDirectoryView[]>();
  const trainees = entries.slice(0, limit);
  return { total, trainees, next: entries.length > limit ? (trainees.at(-1)?.traineeId ?? null) : null };
}
