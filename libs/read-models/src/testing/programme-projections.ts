import { defineProjection, markDeleted, type ProjectionHandlers, upsert } from '../projection';

/** Events shaped like the programme's registry and certification events, for exercising the projector. */
export interface ProgrammeEvents {
  'AgencyRegistered.v1': { agencyId: string; name: string; kind: string; province: string };
  'AgencyRenamed.v1': { agencyId: string; name: string };
  'AgencyClosed.v1': { agencyId: string };
  'TraineeRegistered.v1': { traineeId: string; agencyId: string; province: string; targetGroup: string };
  'TraineeDetailsCleared.v1': { traineeId: string };
  'CertificateIssued.v1': { certificateId: string; traineeId: string; hours: number; issuedOn: string };
  'CertificateRevoked.v1': { certificateId: string; traineeId: string; hours: number };
}

export const agencyDirectoryHandlers: ProjectionHandlers<ProgrammeEvents> = {
    'AgencyRegistered.v1': (e) => [
      upsert(e.data.agencyId, {
        $set: { name: e.data.name, kind: e.data.kind, province: e.data.province, status: 'active' },
        $setOnInsert: { firstSeenAt: e.metadata.occurredAt },
        $push: { names: e.data.name },
      }),
    ],
    'AgencyRenamed.v1': (e) => [upsert(e.data.agencyId, { $set: { name: e.data.name }, $push: { names: e.data.name } })],
  'AgencyClosed.v1': (e) => [markDeleted(e.data.agencyId, { status: 'closed' })],
};

export const agencyDirectory = defineProjection<ProgrammeEvents>({
  name: 'agency-directory',
  version: 1,
  collection: 'agencies',
  handlers: agencyDirectoryHandlers,
});

export const traineeProgress = defineProjection<ProgrammeEvents>({
  name: 'trainee-progress',
  version: 1,
  collection: 'trainee_progress',
  indexes: [{ fields: { agencyId: 1 } }, { fields: { province: 1, targetGroup: 1 } }],
  handlers: {
    'TraineeRegistered.v1': (e) => [
      upsert(e.data.traineeId, {
        $set: { agencyId: e.data.agencyId, province: e.data.province, targetGroup: e.data.targetGroup, contact: 'on file' },
        $setOnInsert: { certificates: 0, hours: 0 },
      }),
    ],
    'TraineeDetailsCleared.v1': (e) => [upsert(e.data.traineeId, { $unset: { contact: '' } })],
    'CertificateIssued.v1': (e) => [
      upsert(e.data.traineeId, {
        $inc: { certificates: 1, hours: e.data.hours },
        $addToSet: { certificateIds: e.data.certificateId },
        $max: { lastCertifiedOn: e.data.issuedOn },
        $min: { firstCertifiedOn: e.data.issuedOn },
      }),
    ],
    'CertificateRevoked.v1': (e) => [
      upsert(e.data.traineeId, {
        $inc: { certificates: -1, hours: -e.data.hours },
        $pull: { certificateIds: e.data.certificateId },
      }),
    ],
  },
});
