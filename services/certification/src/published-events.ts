import { certificationContract } from '@training-ledger/contracts';
import { publishedEvents } from '@training-ledger/service-runtime';
import type { CertificateRecord, CertificateRegisterEvent } from './certificates/certificate-register.decider';
import type { RunCompletionEvent } from './completion/run-completion.decider';
import type { HolderPersonalDataErased } from './holder-erasure/holder-erasure.decider';

/** Every event certification's deciders record. */
export type CertificationDomainEvent = CertificateRegisterEvent | RunCompletionEvent | HolderPersonalDataErased;

/**
 * Everything reporting counts, carried on the certificate itself so that no join is ever needed.
 * The printed name and the verification code stay in certification.
 */
const certificateFacts = (record: CertificateRecord) => ({
  certificateId: record.certificateId,
  certificateNumber: record.certificateNumber,
  traineeId: record.traineeId,
  agencyId: record.agencyId,
  targetGroup: record.targetGroup,
  rank: record.rank,
  leadership: record.leadership,
  runId: record.runId,
  courseId: record.courseId,
  courseCode: record.courseCode,
  level: record.level,
  trainingGroup: record.trainingGroup,
  format: record.format,
  runStartDate: record.runStartDate,
  runEndDate: record.runEndDate,
  issuedOn: record.issuedOn,
  issuedBy: record.issuedBy,
  basis: record.basis,
});

/**
 * What certification publishes on certification.events.v1, event by event. The facts it notes from
 * other services and the erasure of a holder's name stay private; so do the certifier's own words.
 */
export const certificationPublishedEvents = publishedEvents<CertificationDomainEvent, typeof certificationContract>(
  certificationContract,
  {
    'RunEvidenceNoted.v1': 'private',
    'CompletionAssessed.v1': (data) => ({
      type: 'CompletionAssessed.v1',
      data: {
        runId: data.runId,
        traineeId: data.traineeId,
        agencyId: data.agencyId,
        sessionsHeld: data.sessionsHeld,
        sessionsAttended: data.sessionsAttended,
        attendanceShare: data.attendanceShare,
        assessmentPassed: data.assessmentPassed,
        ruleVersion: data.ruleVersion,
        eligible: data.eligible,
        reasons: data.reasons,
      },
    }),
    'CertificateIssued.v1': (data) => ({ type: 'CertificateIssued.v1', data: certificateFacts(data) }),
    'CertificateReissued.v1': (data) => ({
      type: 'CertificateReissued.v1',
      data: { ...certificateFacts(data), replacesCertificateId: data.replacesCertificateId },
    }),
    'CertificateRevoked.v1': (data) => ({
      type: 'CertificateRevoked.v1',
      data: {
        certificateId: data.certificateId,
        certificateNumber: data.certificateNumber,
        traineeId: data.traineeId,
        agencyId: data.agencyId,
        runId: data.runId,
        revokedOn: data.revokedOn,
        revokedBy: data.revokedBy,
        category: data.category,
      },
    }),
    'CertificateFlaggedForReview.v1': (data) => ({
      type: 'CertificateFlaggedForReview.v1',
      data: { certificateId: data.certificateId, traineeId: data.traineeId, runId: data.runId, reasons: data.reasons },
    }),
    'HolderPersonalDataErased.v1': 'private',
  },
);
