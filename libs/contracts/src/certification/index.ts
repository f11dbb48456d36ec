import { z } from 'zod';
import {
  CourseFormat,
  CourseLevel,
  decimalShare,
  identifier,
  isoDate,
  Rank,
  RevocationCategory,
  TargetGroup,
  TrainingGroup,
} from '../common';
import { logSealSchemas } from '../log-seal';
import { defineTopicContract, type EventUnion } from '../define';

const CertificateBasisSchema = z.object({
  attendanceShare: decimalShare,
  assessmentPassed: z.boolean().nullable(),
  ruleVersion: z.number().int().min(1),
});

/** Everything reporting counts, carried on the certificate itself so that no join is ever needed. */
const CertificateFactsSchema = z.object({
  certificateId: identifier,
  certificateNumber: z.string().regex(/^\d{4}\/\d{6}$/, 'must look like 2027/000123'),
  traineeId: identifier,
  agencyId: identifier,
  targetGroup: TargetGroup,
  rank: Rank,
  leadership: z.boolean(),
  runId: identifier,
  courseId: identifier,
  courseCode: identifier,
  level: CourseLevel,
  trainingGroup: TrainingGroup,
  format: CourseFormat,
  runStartDate: isoDate,
  runEndDate: isoDate,
  issuedOn: isoDate,
  issuedBy: identifier,
  basis: CertificateBasisSchema,
});

/** No free text (reasons, comments): it may name people, and Kafka and the reporting archive keep it for good. */
export const certificationContract = defineTopicContract('certification', {
  ...logSealSchemas,
  'CompletionAssessed.v1': z.object({
    runId: identifier,
    traineeId: identifier,
    agencyId: identifier,
    sessionsHeld: z.number().int().min(0),
    sessionsAttended: z.number().int().min(0),
    attendanceShare: decimalShare,
    assessmentPassed: z.boolean().nullable(),
    ruleVersion: z.number().int().min(1),
    eligible: z.boolean(),
    reasons: z.array(z.string()),
  }),
  'CertificateIssued.v1': CertificateFactsSchema,
  'CertificateReissued.v1': CertificateFactsSchema.extend({ replacesCertificateId: identifier }),
  'CertificateRevoked.v1': z.object({
    certificateId: identifier,
    certificateNumber: z.string(),
    traineeId: identifier,
    agencyId: identifier,
    runId: identifier,
    revokedOn: isoDate,
    revokedBy: identifier,
    /** The kind of reason; absent on revocations recorded before categories. The certifier's own words stay in certification's log. */
    category: RevocationCategory.optional(),
  }),
  'CertificateFlaggedForReview.v1': z.object({
    certificateId: identifier,
    traineeId: identifier,
    runId: identifier,
    reasons: z.array(z.string()).min(1),
  }),
}, { 'CertificateRevoked.v1': ['reason'] });

export type CertificationIntegrationEvent = EventUnion<typeof certificationContract.schemas>;
