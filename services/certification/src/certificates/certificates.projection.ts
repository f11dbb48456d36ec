import { defineProjection, upsert } from '@training-ledger/read-models';
import type { RevocationCategory } from '@training-ledger/contracts';
import type {
  CertificateFlaggedForReview,
  CertificateIssued,
  CertificateReissued,
  CertificateRevoked,
} from './certificate-register.decider';

export interface CertificatesEvents {
  'CertificateIssued.v1': CertificateIssued['data'];
  'CertificateReissued.v1': CertificateReissued['data'];
  'CertificateRevoked.v1': CertificateRevoked['data'];
  'CertificateFlaggedForReview.v1': CertificateFlaggedForReview['data'];
}

export interface CertificateDocument extends Omit<CertificateIssued['data'], 'certificateId'> {
  readonly _id: string;
  readonly year: number;
  readonly status: 'valid' | 'revoked';
  readonly revokedOn: string | null;
  readonly revocationReason: string | null;
  readonly revocationCategory: RevocationCategory | null;
  readonly replacesCertificateId: string | null;
  readonly replacedByCertificateId: string | null;
  readonly flaggedForReview: readonly string[] | null;
}

const issued = (data: CertificateIssued['data'], replacesCertificateId: string | null) => {
  const { certificateId, ...record } = data;
  return upsert(certificateId, {
    $set: {
      ...record,
      year: Number(record.certificateNumber.slice(0, 4)),
      status: 'valid',
      revokedOn: null,
      revocationReason: null,
      revocationCategory: null,
      replacesCertificateId,
      flaggedForReview: null,
    },
  });
};

/** Every certificate with its status, kept from this service's own log. */
export const certificatesProjection = defineProjection<CertificatesEvents>({
  name: 'certificates',
  version: 2,
  collection: 'certificates',
  indexes: [
    { fields: { certificateNumber: 1 } },
    { fields: { verificationCode: 1 } },
    { fields: { traineeId: 1 } },
    { fields: { agencyId: 1, year: 1 } },
    { fields: { runId: 1, traineeId: 1 } },
  ],
  handlers: {
    'CertificateIssued.v1': ({ data }) => [issued(data, null)],
    'CertificateReissued.v1': ({ data }) => {
      const { replacesCertificateId, replacesCertificateNumber: _replaced, ...record } = data;
      return [issued(record, replacesCertificateId), upsert(replacesCertificateId, { $set: { replacedByCertificateId: data.certificateId } })];
    },
    'CertificateRevoked.v1': ({ data }) => [
      upsert(data.certificateId, { $set: { status: 'revoked', revokedOn: data.revokedOn, revocationReason: data.reason, revocationCategory: data.category ?? 'other' } }),
    ],
    'CertificateFlaggedForReview.v1': ({ data }) => [upsert(data.certificateId, { $set: { flaggedForReview: data.reasons } })],
  },
});
