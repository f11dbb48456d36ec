import { enrolmentContract } from '@training-ledger/contracts';
import { publishedEvents } from '@training-ledger/service-runtime';
import type { AgencyEvent } from './agencies/agency.decider';
import type { NominationRef, RunNominationsEvent } from './nominations/run-nominations.state';
import type { StaffRosterEvent } from './rosters/staff-roster.decider';
import type { TraineeEvent, TraineeRegistration } from './trainees/trainee.decider';

/** Every event enrolment's deciders record. */
export type EnrolmentDomainEvent = AgencyEvent | StaffRosterEvent | TraineeEvent | RunNominationsEvent;

const nominationRef = (data: NominationRef) => ({
  nominationId: data.nominationId,
  runId: data.runId,
  traineeId: data.traineeId,
  agencyId: data.agencyId,
});

const traineeProfile = (data: TraineeRegistration) => ({
  traineeId: data.traineeId,
  agencyId: data.agencyId,
  targetGroup: data.targetGroup,
  rank: data.rank,
  leadership: data.leadership,
  sector: data.sector,
});

/**
 * What enrolment publishes on enrolment.events.v1, event by event. Personal data and the reasons
 * officials write stay in the log: they are simply not mapped.
 */
export const enrolmentPublishedEvents = publishedEvents<EnrolmentDomainEvent, typeof enrolmentContract>(enrolmentContract, {
  'AgencyRegistered.v1': (data) => ({
    type: 'AgencyRegistered.v1',
    data: {
      agencyId: data.agencyId,
      code: data.code,
      nameVi: data.nameVi,
      nameEn: data.nameEn,
      kind: data.kind,
      parentAgencyId: data.parentAgencyId,
    },
  }),
  'AgencyRenamed.v1': (data) => ({
    type: 'AgencyRenamed.v1',
    data: { agencyId: data.agencyId, nameVi: data.nameVi, nameEn: data.nameEn },
  }),
  'StaffRosterDeclared.v1': (data) => ({
    type: 'StaffRosterDeclared.v1',
    data: {
      agencyId: data.agencyId,
      declarationId: data.declarationId,
      asOf: data.asOf,
      regular: data.regular,
      nonRegular: data.nonRegular,
      byRank: data.byRank,
    },
  }),
  'TraineeRegistered.v1': (data) => ({
    type: 'TraineeRegistered.v1',
    data: traineeProfile(data),
  }),
  'TraineeProfileChanged.v1': (data) => ({
    type: 'TraineeProfileChanged.v1',
    data: { ...traineeProfile(data), effectiveFrom: data.effectiveFrom },
  }),
  'TraineeTransferred.v1': (data) => ({
    type: 'TraineeTransferred.v1',
    data: {
      traineeId: data.traineeId,
      fromAgencyId: data.fromAgencyId,
      toAgencyId: data.toAgencyId,
      effectiveFrom: data.effectiveFrom,
    },
  }),
  'TraineePersonalDataRecorded.v1': 'private',
  'TraineePersonalDataErased.v1': (data) => ({
    type: 'TraineePersonalDataErased.v1',
    data: { traineeId: data.traineeId },
  }),
  'NominationSubmitted.v1': (data) => ({
    type: 'NominationSubmitted.v1',
    data: { ...nominationRef(data), targetGroup: data.targetGroup, rank: data.rank, leadership: data.leadership },
  }),
  'NominationApproved.v1': (data) => ({
    type: 'NominationApproved.v1',
    data: {
      ...nominationRef(data),
      targetGroup: data.targetGroup,
      rank: data.rank,
      leadership: data.leadership,
      fromWaitlist: data.fromWaitlist,
    },
  }),
  'NominationRejected.v1': (data) => ({ type: 'NominationRejected.v1', data: nominationRef(data) }),
  'NominationWaitlisted.v1': (data) => ({ type: 'NominationWaitlisted.v1', data: nominationRef(data) }),
  'NominationWithdrawn.v1': (data) => ({ type: 'NominationWithdrawn.v1', data: nominationRef(data) }),
  'NominationCancelled.v1': (data) => ({
    type: 'NominationCancelled.v1',
    data: { ...nominationRef(data), cause: data.cause },
  }),
  'WaitlistSeatOffered.v1': 'private',
  'RunNominationsClosed.v1': 'private',
});
