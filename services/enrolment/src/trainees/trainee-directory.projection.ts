import type { Rank, TargetGroup } from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type {
  TraineePersonalDataErased,
  TraineeProfileChanged,
  TraineeRegistered,
  TraineeTransferred,
} from './trainee.decider';

/** No handler for `TraineePersonalDataRecorded.v1`: personal data, even sealed, stays out of read models. */
export interface TraineeDirectoryEvents {
  'TraineeRegistered.v1': TraineeRegistered['data'];
  'TraineeProfileChanged.v1': TraineeProfileChanged['data'];
  'TraineeTransferred.v1': TraineeTransferred['data'];
  'TraineePersonalDataErased.v1': TraineePersonalDataErased['data'];
}

export interface TraineeDirectoryEntry {
  readonly _id: string;
  readonly traineeId: string;
  /** The agency the trainee belongs to now. */
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly sector: string | null;
  readonly erased: boolean;
}

/** Each agency's trainees as they stand now, one document per trainee. */
export const traineeDirectoryProjection = defineProjection<TraineeDirectoryEvents>({
  name: 'trainee-directory',
  version: 1,
  collection: 'trainee_directory',
  indexes: [{ fields: { agencyId: 1, traineeId: 1 } }],
  handlers: {
    'TraineeRegistered.v1': ({ data }) => [
      upsert(data.traineeId, {
        $set: {
          traineeId: data.traineeId,
          agencyId: data.agencyId,
          targetGroup: data.targetGroup,
          rank: data.rank,
          leadership: data.leadership,
          sector: data.sector,
          erased: false,
        },
      }),
    ],
    'TraineeProfileChanged.v1': ({ data }) => [
      upsert(data.traineeId, {
        $set: {
          agencyId: data.agencyId,
          targetGroup: data.targetGroup,
          rank: data.rank,
          leadership: data.leadership,
          sector: data.sector,
        },
      }),
    ],
    'TraineeTransferred.v1': ({ data }) => [upsert(data.traineeId, { $set: { agencyId: data.toAgencyId } })],
    'TraineePersonalDataErased.v1': ({ data }) => [upsert(data.traineeId, { $set: { erased: true } })],
  },
});
