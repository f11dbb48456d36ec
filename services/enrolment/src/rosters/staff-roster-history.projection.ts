import type { RankHeadcount, StaffRosterDeclaration } from './staff-roster.decider';
import { defineProjection, upsert } from '@training-ledger/read-models';

export interface StaffRosterHistoryEvents {
  'StaffRosterDeclared.v1': StaffRosterDeclaration;
}

export interface StaffRosterHistoryEntry {
  readonly _id: string;
  readonly agencyId: string;
  readonly declarationId: string;
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
  readonly byRank: readonly RankHeadcount[];
  readonly declaredAt: string;
}

/** Every declaration ever made, one document each: declarations are never edited, only superseded. */
export const staffRosterHistoryProjection = defineProjection<StaffRosterHistoryEvents>({
  name: 'staff-roster-history',
  version: 1,
  collection: 'staff_roster_history',
  indexes: [{ fields: { agencyId: 1, asOf: -1 } }],
  handlers: {
    'StaffRosterDeclared.v1': (event) => [
      upsert(`${event.data.agencyId}/${event.data.asOf}`, {
        $set: {
          agencyId: event.data.agencyId,
          declarationId: event.data.declarationId,
          asOf: event.data.asOf,
          regular: event.data.regular,
          nonRegular: event.data.nonRegular,
          byRank: event.data.byRank,
          declaredAt: event.metadata.occurredAt,
        },
      }),
    ],
  },
});
