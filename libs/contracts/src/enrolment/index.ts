import { z } from 'zod';
import { AgencyKind, identifier, isoDate, Rank, TargetGroup } from '../common';
import { logSealSchemas } from '../log-seal';
import { defineTopicContract, type EventUnion } from '../define';

const headcount = z.number().int().min(0);
const nominationRef = {
  nominationId: identifier,
  runId: identifier,
  traineeId: identifier,
  agencyId: identifier,
};

/**
 * Integration events of the enrolment service. They never carry personal data:
 * trainees are known to other services by id, target group, rank and agency only.
 * Nor do they carry free text (the reasons officials write may name people): Kafka and the reporting
 * archive keep what they are given for good, and a reason stays in enrolment's own log.
 */
export const enrolmentContract = defineTopicContract('enrolment', {
  ...logSealSchemas,
  'AgencyRegistered.v1': z.object({
    agencyId: identifier,
    code: identifier,
    nameVi: z.string().min(1),
    nameEn: z.string().min(1),
    kind: AgencyKind,
    parentAgencyId: identifier.nullable(),
  }),
  'AgencyRenamed.v1': z.object({ agencyId: identifier, nameVi: z.string().min(1), nameEn: z.string().min(1) }),
  'StaffRosterDeclared.v1': z.object({
    agencyId: identifier,
    declarationId: identifier,
    asOf: isoDate,
    regular: headcount,
    nonRegular: headcount,
    byRank: z.array(z.object({ rank: Rank, regular: headcount, nonRegular: headcount })),
  }),
  'TraineeRegistered.v1': z.object({
    traineeId: identifier,
    agencyId: identifier,
    targetGroup: TargetGroup,
    rank: Rank,
    leadership: z.boolean(),
    sector: z.string().nullable(),
  }),
  'TraineeProfileChanged.v1': z.object({
    traineeId: identifier,
    agencyId: identifier,
    targetGroup: TargetGroup,
    rank: Rank,
    leadership: z.boolean(),
    sector: z.string().nullable(),
    effectiveFrom: isoDate,
  }),
  'TraineeTransferred.v1': z.object({
    traineeId: identifier,
    fromAgencyId: identifier,
    toAgencyId: identifier,
    effectiveFrom: isoDate,
  }),
  'NominationSubmitted.v1': z.object({
    ...nominationRef,
    targetGroup: TargetGroup,
    rank: Rank,
    leadership: z.boolean(),
  }),
  'NominationApproved.v1': z.object({
    ...nominationRef,
    targetGroup: TargetGroup,
    rank: Rank,
    leadership: z.boolean(),
    fromWaitlist: z.boolean(),
  }),
  'NominationRejected.v1': z.object({ ...nominationRef }),
  'NominationWaitlisted.v1': z.object({ ...nominationRef }),
  'NominationWithdrawn.v1': z.object({ ...nominationRef }),
  'NominationCancelled.v1': z.object({
    ...nominationRef,
    cause: z.enum(['run-cancelled', 'trainee-transferred']),
  }),
  /**
   * The trainee's personal data was erased in enrolment: every service that holds a copy of any of it
   * (certification's printed holder name) destroys that copy's key. It names the trainee by id only.
   */
  'TraineePersonalDataErased.v1': z.object({ traineeId: identifier }),
}, {
  'NominationRejected.v1': ['reason'],
  'NominationWithdrawn.v1': ['reason'],
  'NominationCancelled.v1': ['reason'],
  'TraineePersonalDataErased.v1': ['reason'],
});

export type EnrolmentIntegrationEvent = EventUnion<typeof enrolmentContract.schemas>;
