import type { agencyKinds } from '@training-ledger/contracts';
import { type Page, searchFilter } from '@training-ledger/platform';
import { notDeleted, type Projector } from '@training-ledger/read-models';
import { agencyDirectoryProjection, type AgencyDirectoryEntry } from './agency-directory.projection';

export type AgencyView = Omit<AgencyDirectoryEntry, '_id' | 'nameSearchKey'>;

export interface AgencyDirectoryPage {
  readonly total: number;
  readonly items: readonly AgencyView[];
}

export interface AgencyDirectorySelection {
  /** Words the code or name holds, diacritics and case ignored. */
  readonly q?: string;
  readonly kind?: (typeof agencyKinds)[number];
  /** The only agency a caller bound to one agency reads; none (or null) for a caller who reads them all. */
  readonly agencyId?: string | null;
}

/** One page of the agencies not deleted that the selection holds, by code, and how many it holds in all. */
export async function agencyDirectoryPage(projector: Projector, selection: AgencyDirectorySelection, { limit, offset }: Page): Promise<AgencyDirectoryPage> {
  const model = await projector.model<AgencyDirectoryEntry>(agencyDirectoryProjection);
  const filter: Record<string, unknown> = { ...notDeleted, ...searchFilter('nameSearchKey', selection.q) };
  if (selection.kind) filter.kind = selection.kind;
  if (selection.agencyId) filter._id = selection.agencyId;
  const [total, items] = await Promise.all([
    model.countDocuments(filter),
    model.find(filter, { _v: 0, _id: 0, nameSearchKey: 0 }).sort({ code: 1 }).skip(offset).limit(limit).lean<AgencyView[]>(),
  ]);
  return { total, items };
}
