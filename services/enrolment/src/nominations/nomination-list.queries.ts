import type { CountedPage, Page } from '@training-ledger/platform';
import type { Projector } from '@training-ledger/read-models';
import { type NominationListEntry, nominationListProjection } from './nomination-list.projection';
import type { NominationStatus } from './run-nominations.state';

export type NominationView = Omit<NominationListEntry, '_id'>;

/** Which nominations a list holds: those matching every field given. */
export interface NominationFilter {
  readonly runId?: string;
  readonly traineeId?: string;
  readonly status?: NominationStatus;
  /** null, from a token bound to no agency, matches no nomination: every one names its agency. */
  readonly agencyId?: string | null;
}

/** One page of the nominations the filter selects, oldest first, and how many it selects in all. */
export async function nominationsPage(projector: Projector, filter: NominationFilter, page: Page): Promise<CountedPage<NominationView>> {
  const model = await projector.model<NominationListEntry>(nominationListProjection);
  const total = await model.countDocuments(filter);
  const items = await model
    .find(filter, { _id: 0, _v: 0 })
    .sort({ submittedAt: 1, nominationId: 1 })
    .skip(page.offset)
    .limit(page.limit)
    .lean<NominationView[]>();
  return { total, items };
}
