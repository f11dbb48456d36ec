import { defineProjection, upsert } from '@training-ledger/read-models';

interface NominationRef {
  readonly nominationId: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
}

export interface ApprovedTraineesEvents {
  'NominationApproved.v1': NominationRef;
  'NominationRejected.v1': NominationRef;
  'NominationWithdrawn.v1': NominationRef;
  'NominationCancelled.v1': NominationRef;
}

/** One document per nomination enrolment decided on, keyed by the nomination id. */
export interface ApprovedNominationDocument {
  readonly _id: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly approved: boolean;
}

const decided = (data: NominationRef, approved: boolean) => [
  upsert(data.nominationId, {
    $set: { runId: data.runId, traineeId: data.traineeId, agencyId: data.agencyId, approved },
  }),
];

/**
 * Who may attend a run: the trainees whose nomination enrolment approved and has not since
 * withdrawn, cancelled or rejected, fed from `enrolment.events.v1`.
 */
export const approvedTraineesProjection = defineProjection<ApprovedTraineesEvents>({
  name: 'approved-trainees',
  version: 1,
  collection: 'approved_trainees',
  indexes: [{ fields: { runId: 1, approved: 1 } }],
  handlers: {
    'NominationApproved.v1': ({ data }) => decided(data, true),
    'NominationRejected.v1': ({ data }) => decided(data, false),
    'NominationWithdrawn.v1': ({ data }) => decided(data, false),
    'NominationCancelled.v1': ({ data }) => decided(data, false),
  },
});
