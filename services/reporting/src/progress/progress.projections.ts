import type {
  CertificationIntegrationEvent,
  CourseDeliveryIntegrationEvent,
  EnrolmentIntegrationEvent,
} from '@training-ledger/contracts';
import { defineProjection, upsert } from '@training-ledger/read-models';

type DataOf<TEvent extends { type: string; data: unknown }, TType extends TEvent['type']> = Extract<TEvent, { type: TType }>['data'];

export interface RosterDeclarationDocument {
  readonly _id: string;
  readonly agencyId: string;
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
}

/** Every roster declaration; the one in force is chosen when read, by its own date. */
export const rosterDeclarationsProjection = defineProjection<{ 'StaffRosterDeclared.v1': DataOf<EnrolmentIntegrationEvent, 'StaffRosterDeclared.v1'> }>({
  name: 'progress-rosters',
  version: 1,
  collection: 'progress_rosters',
  indexes: [{ fields: { agencyId: 1, asOf: 1 } }],
  handlers: {
    'StaffRosterDeclared.v1': ({ data }) => [
      upsert(data.declarationId, { $set: { agencyId: data.agencyId, asOf: data.asOf, regular: data.regular, nonRegular: data.nonRegular } }),
    ],
  },
});

export interface CertificateProgressDocument {
  readonly _id: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: 'regular' | 'non-regular';
  readonly rank: string;
  readonly runId: string;
  readonly level: string;
  readonly trainingGroup: string;
  readonly format: string;
  readonly issuedOn: string;
  readonly revoked: boolean;
  readonly replaced: boolean;
}

type IssuedData = DataOf<CertificationIntegrationEvent, 'CertificateIssued.v1'>;
const issued = (data: IssuedData) =>
  upsert(data.certificateId, {
    $set: {
      traineeId: data.traineeId,
      agencyId: data.agencyId,
      targetGroup: data.targetGroup,
      rank: data.rank,
      runId: data.runId,
      level: data.level,
      trainingGroup: data.trainingGroup,
      format: data.format,
      issuedOn: data.issuedOn,
    },
    $setOnInsert: { revoked: false, replaced: false },
  });

/** Certificates with what progress counts: the agency at issue, target group, rank, level, group and format. */
export const certificateProgressProjection = defineProjection<{
  'CertificateIssued.v1': IssuedData;
  'CertificateReissued.v1': DataOf<CertificationIntegrationEvent, 'CertificateReissued.v1'>;
  'CertificateRevoked.v1': DataOf<CertificationIntegrationEvent, 'CertificateRevoked.v1'>;
}>({
  name: 'progress-certificates',
  version: 1,
  collection: 'progress_certificates',
  indexes: [{ fields: { agencyId: 1 } }, { fields: { traineeId: 1 } }],
  handlers: {
    'CertificateIssued.v1': ({ data }) => [issued(data)],
    'CertificateReissued.v1': ({ data }) => [issued(data), upsert(data.replacesCertificateId, { $set: { replaced: true } })],
    'CertificateRevoked.v1': ({ data }) => [upsert(data.certificateId, { $set: { revoked: true } })],
  },
});

export interface RunProgressDocument {
  readonly _id: string;
  readonly level: string;
  readonly trainingGroup: string;
  readonly format: string;
  readonly hostAgencyId: string | null;
  readonly hasForeignLecturer: boolean;
  readonly completedOn: string;
}

export const runProgressProjection = defineProjection<{ 'CourseRunCompleted.v1': DataOf<CourseDeliveryIntegrationEvent, 'CourseRunCompleted.v1'> }>({
  name: 'progress-runs',
  version: 1,
  collection: 'progress_runs',
  handlers: {
    'CourseRunCompleted.v1': ({ data }) => [
      upsert(data.runId, {
        $set: {
          level: data.level,
          trainingGroup: data.trainingGroup,
          format: data.format,
          hostAgencyId: data.hostAgencyId,
          hasForeignLecturer: data.hasForeignLecturer,
          completedOn: data.completedOn,
        },
      }),
    ],
  },
});

export interface FeedbackProgressDocument {
  readonly _id: string;
  readonly runId: string;
  readonly agencyId: string;
  readonly content: number;
  readonly lecturers: number;
  readonly organisation: number;
}

export const feedbackProgressProjection = defineProjection<{ 'FeedbackSubmitted.v1': DataOf<CourseDeliveryIntegrationEvent, 'FeedbackSubmitted.v1'> }>({
  name: 'progress-feedback',
  version: 1,
  collection: 'progress_feedback',
  indexes: [{ fields: { agencyId: 1 } }],
  handlers: {
    'FeedbackSubmitted.v1': ({ data }) => [
      upsert(`${data.runId}/${data.feedbackId}`, { $set: { runId: data.runId, agencyId: data.agencyId, ...data.ratings } }),
    ],
  },
});
