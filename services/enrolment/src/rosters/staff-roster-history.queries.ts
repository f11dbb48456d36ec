import type { Projector } from '@training-ledger/read-models';
import { type StaffRosterHistoryEntry, staffRosterHistoryProjection } from './staff-roster-history.projection';

export type StaffRosterView = Omit<StaffRosterHistoryEntry, '_id'>;

/** Every roster declaration of the agency, newest first. */
export async function rosterHistoryOf(projector: Projector, agencyId: string): Promise<StaffRosterView[]> {
  const model = await projector.model<StaffRosterHistoryEntry>(staffRosterHistoryProjection);
  return model.find({ agencyId }, { _id: 0, _v: 0 }).sort({ asOf: -1 }).lean<StaffRosterView[]>();
}

/** The declaration in force on `asOf`: the latest with an as-of date on or before it; null when none is. */
export async function rosterInForce(projector: Projector, agencyId: string, asOf: string): Promise<StaffRosterView | null> {
  const model = await projector.model<StaffRosterHistoryEntry>(staffRosterHistoryProjection);
  const [entry] = await model
    .find({ agencyId, asOf: { $lte: asOf } }, { _id: 0, _v: 0 })
    .sort({ asOf: -1 })
    .limit(1)
    .lean<StaffRosterView[]>();
  return entry ?? null;
}
