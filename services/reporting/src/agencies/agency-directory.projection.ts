import type { AgencyKind } from '@training-ledger/contracts';
import { searchKey } from '@training-ledger/platform';
import { defineProjection, upsert } from '@training-ledger/read-models';

export interface AgencyDirectoryEvents {
  'AgencyRegistered.v1': {
    agencyId: string;
    code: string;
    nameVi: string;
    nameEn: string;
    kind: AgencyKind;
    parentAgencyId: string | null;
  };
  'AgencyRenamed.v1': { agencyId: string; nameVi: string; nameEn: string };
}

export interface AgencyDirectoryEntry {
  readonly _id: string;
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly kind: AgencyKind;
  readonly parentAgencyId: string | null;
  readonly registeredAt: string;
  /** How many times the agency changed its names. */
  readonly renameCount: number;
  /** Code and both names folded by `searchKey`, so that "so noi vu" finds "Sở Nội vụ". */
  readonly nameSearchKey: string;
}

const nameSearchKeyOf = (code: string, nameVi: string, nameEn: string): string => searchKey(`${code} ${nameVi} ${nameEn}`);

/** Agencies as reporting groups them: ministries and agencies against provinces and communes. */
export const agencyDirectoryProjection = defineProjection<AgencyDirectoryEvents>({
  name: 'agency-directory',
  version: 2,
  collection: 'agency_directory',
  indexes: [{ fields: { kind: 1 } }],
  handlers: {
    'AgencyRegistered.v1': (event) => [
      upsert(event.data.agencyId, {
        $set: {
          code: event.data.code,
          kind: event.data.kind,
          parentAgencyId: event.data.parentAgencyId,
          nameVi: event.data.nameVi,
          nameEn: event.data.nameEn,
          nameSearchKey: nameSearchKeyOf(event.data.code, event.data.nameVi, event.data.nameEn),
          registeredAt: event.metadata.occurredAt,
        },
        $setOnInsert: { renameCount: 0 },
      }),
    ],
    'AgencyRenamed.v1': (event) => [
      upsert(event.data.agencyId, {
        // The code never changes: the agency's id is its code.
        $set: { nameVi: event.data.nameVi, nameEn: event.data.nameEn, nameSearchKey: nameSearchKeyOf(event.data.agencyId, event.data.nameVi, event.data.nameEn) },
        $inc: { renameCount: 1 },
      }),
    ],
  },
});
