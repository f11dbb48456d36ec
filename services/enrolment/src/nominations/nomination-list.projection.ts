import type { Rank, TargetGroup } from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type { NominationStatus, Nominee, NominationRef } from './run-nominations.state';

type Ref = NominationRef;

export interface NominationListEvents {
  'NominationSubmitted.v1': Ref & Nominee;
  'NominationApproved.v1': Ref & Nominee & { fromWaitlist: boolean };
  'NominationRejected.v1': Ref & { reason: string };
  'NominationWaitlisted.v1': Ref;
  'NominationWithdrawn.v1': Ref & { reason: string | null };
  'NominationCancelled.v1': Ref & { cause: string; reason: string };
  'WaitlistSeatOffered.v1': { nominationId: string; runId: string };
}

export interface NominationListEntry {
  readonly _id: string;
  readonly nominationId: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly status: NominationStatus;
  readonly seatOffered: boolean;
  readonly reason: string | null;
  readonly submittedAt: string;
  readonly decidedAt: string | null;
}

const decided = (status: NominationStatus, occurredAt: string, reason: string | null = null) => ({
  $set: { status, decidedAt: occurredAt, reason },
});

/** One document per nomination with its latest status: lists per run, per agency and per trainee. */
export const nominationListProjection = defineProjection<NominationListEvents>({
  name: 'nomination-list',
  version: 1,
  collection: 'nominations',
  indexes: [{ fields: { runId: 1 } }, { fields: { agencyId: 1 } }, { fields: { traineeId: 1 } }],
  handlers: {
    'NominationSubmitted.v1': ({ data, metadata }) => [
      upsert(data.nominationId, {
        $set: {
          nominationId: data.nominationId,
          runId: data.runId,
          traineeId: data.traineeId,
          agencyId: data.agencyId,
          targetGroup: data.targetGroup,
          rank: data.rank,
          leadership: data.leadership,
          status: 'submitted',
          seatOffered: false,
          reason: null,
          submittedAt: metadata.occurredAt,
          decidedAt: null,
        },
      }),
    ],
    'NominationApproved.v1': ({ data, metadata }) => [
      upsert(data.nominationId, { $set: { ...decided('approved', metadata.occurredAt).$set, seatOffered: false } }),
    ],
    'NominationRejected.v1': ({ data, metadata }) => [upsert(data.nominationId, decided('rejected', metadata.occurredAt, data.reason))],
    'NominationWaitlisted.v1': ({ data, metadata }) => [upsert(data.nominationId, decided('waitlisted', metadata.occurredAt))],
    'NominationWithdrawn.v1': ({ data, metadata }) => [upsert(data.nominationId, decided('withdrawn', metadata.occurredAt, data.reason))],
    'NominationCancelled.v1': ({ data, metadata }) => [upsert(data.nominationId, decided('cancelled', metadata.occurredAt, data.reason))],
    'WaitlistSeatOffered.v1': ({ data }) => [upsert(data.nominationId, { $set: { seatOffered: true } })],
  },
});
