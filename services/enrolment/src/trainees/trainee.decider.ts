import type { Rank, TargetGroup } from '@training-ledger/contracts';
import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
  enforce,
} from '@training-ledger/decider';
import type { PersonalDataEnvelope } from '@training-ledger/service-runtime';
import { mayChangeTrainee } from './who-may';

/** What the programme needs to know of a trainee to classify and count them; nothing that names a person. */
export interface TraineeProfile {
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  /** Cán bộ lãnh đạo, quản lý. */
  readonly leadership: boolean;
  readonly sector: string | null;
}

export interface TraineeRegistration extends TraineeProfile {
  readonly traineeId: string;
  readonly agencyId: string;
}

/**
 * What identifies the person. It enters the event log, which is immutable, only sealed under the
 * trainee's own data key (see `PersonalDataEnvelope`); destroying that key erases it everywhere.
 * The staff number is here too because it singles out one person in the agency's HR register.
 */
export interface TraineePersonalData {
  readonly fullName: string;
  /** YYYY-MM-DD */
  readonly dateOfBirth: string;
  readonly staffNumber: string;
}

/**
 * The personal data comes already sealed: deciding never encrypts. Without it the trainee is
 * registered with no personal data on record.
 */
export type RegisterTrainee = Command<
  'RegisterTrainee',
  TraineeRegistration & { readonly personalData?: PersonalDataEnvelope }
>;
export type ChangeTraineeProfile = Command<
  'ChangeTraineeProfile',
  TraineeProfile & { traineeId: string; actingAgencyId: string; effectiveFrom: string }
>;
export type TransferTrainee = Command<
  'TransferTrainee',
  { traineeId: string; actingAgencyId: string; toAgencyId: string; effectiveFrom: string }
>;
export type CorrectTraineePersonalData = Command<
  'CorrectTraineePersonalData',
  { traineeId: string; actingAgencyId: string; personalData: PersonalDataEnvelope }
>;
export type ForgetTraineePersonalData = Command<'ForgetTraineePersonalData', { traineeId: string; reason: string }>;
export type TraineeCommand =
  | RegisterTrainee
  | ChangeTraineeProfile
  | TransferTrainee
  | CorrectTraineePersonalData
  | ForgetTraineePersonalData;

export type TraineeRegistered = DomainEvent<'TraineeRegistered.v1', TraineeRegistration>;
export type TraineeProfileChanged = DomainEvent<
  'TraineeProfileChanged.v1',
  TraineeRegistration & { effectiveFrom: string }
>;
export type TraineeTransferred = DomainEvent<
  'TraineeTransferred.v1',
  { traineeId: string; fromAgencyId: string; toAgencyId: string; effectiveFrom: string }
>;
/** Private to this service: never published, and unreadable once the trainee's key is destroyed. */
export type TraineePersonalDataRecorded = DomainEvent<
  'TraineePersonalDataRecorded.v1',
  PersonalDataEnvelope & { traineeId: string }
>;
export type TraineePersonalDataErased = DomainEvent<
  'TraineePersonalDataErased.v1',
  { traineeId: string; reason: string }
>;
export type TraineeEvent =
  | TraineeRegistered
  | TraineeProfileChanged
  | TraineeTransferred
  | TraineePersonalDataRecorded
  | TraineePersonalDataErased;

export interface Trainee {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly profile: TraineeProfile;
  /** As first registered, so that a resent registration is recognised after later changes. */
  readonly registration: TraineeRegistration;
  /** Effective date of the latest change or transfer; null while none happened. */
  readonly lastEffectiveFrom: string | null;
  readonly lastTransfer: TraineeTransferred['data'] | null;
  /** The latest sealed personal data; null when none was recorded or it was erased. */
  readonly personalData: PersonalDataEnvelope | null;
  /** Fingerprint of the personal data first recorded, so that a resent registration is recognised. */
  readonly registeredFingerprint: string | null;
  readonly personalDataErased: boolean;
}

export type TraineeState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly trainee: Trainee };

export const traineeStreamName = (traineeId: string): string => `trainee-${traineeId}`;

export const traineeDecider: Decider<TraineeCommand, TraineeEvent, TraineeState> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterTrainee':
        return registerTrainee(command, state);
      case 'ChangeTraineeProfile':
        return changeTraineeProfile(command, state);
      case 'TransferTrainee':
        return transferTrainee(command, state);
      case 'CorrectTraineePersonalData':
        return correctTraineePersonalData(command, state);
      case 'ForgetTraineePersonalData':
        return forgetTraineePersonalData(command, state);
      default:
        return assertNever(command, 'trainee command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TraineeRegistered.v1': {
        const { traineeId, agencyId } = event.data;
        return {
          status: 'registered',
          trainee: {
            traineeId,
            agencyId,
            profile: profileOf(event.data),
            registration: event.data,
            lastEffectiveFrom: null,
            lastTransfer: null,
            personalData: null,
            registeredFingerprint: null,
            personalDataErased: false,
          },
        };
      }
      case 'TraineeProfileChanged.v1':
        if (state.status !== 'registered') return state;
        return {
          status: 'registered',
          trainee: { ...state.trainee, profile: profileOf(event.data), lastEffectiveFrom: event.data.effectiveFrom },
        };
      case 'TraineeTransferred.v1':
        if (state.status !== 'registered') return state;
        return {
          status: 'registered',
          trainee: {
            ...state.trainee,
            agencyId: event.data.toAgencyId,
            lastEffectiveFrom: event.data.effectiveFrom,
            lastTransfer: event.data,
          },
        };
      case 'TraineePersonalDataRecorded.v1': {
        if (state.status !== 'registered') return state;
        const personalData = envelopeOf(event.data);
        return {
          status: 'registered',
          trainee: {
            ...state.trainee,
            personalData,
            registeredFingerprint: state.trainee.registeredFingerprint ?? personalData.fingerprint,
          },
        };
      }
      case 'TraineePersonalDataErased.v1':
        if (state.status !== 'registered') return state;
        return { status: 'registered', trainee: { ...state.trainee, personalData: null, personalDataErased: true } };
      default:
        return assertNever(event, 'trainee event');
    }
  },
};

function registerTrainee(command: RegisterTrainee, state: TraineeState): TraineeEvent[] {
  const { traineeId, agencyId, personalData } = command.data;
  const registration = { traineeId, agencyId, ...profileOf(command.data) };
  if (state.status === 'registered') {
    if (sameRegistration(state.trainee.registration, registration) && samePersonalDataAsRegistered(state.trainee, personalData)) {
      return [];
    }
    throw new DomainRuleViolation(
      'trainee-registered-once',
      `Trainee ${traineeId} is already registered`,
      'traineeId',
      'conflict',
    );
  }
  const registered: TraineeEvent = { type: 'TraineeRegistered.v1', data: registration, metadata: command.metadata };
  if (!personalData) return [registered];
  return [registered, personalDataRecorded(traineeId, personalData, command)];
}

/**
 * Without personal data, or after erasure, there is nothing to compare. The fingerprints of the same
 * data under the same key are equal: the ciphertexts never are.
 */
function samePersonalDataAsRegistered(trainee: Trainee, personalData: PersonalDataEnvelope | undefined): boolean {
  return personalData === undefined || trainee.personalDataErased || trainee.registeredFingerprint === personalData.fingerprint;
}

function correctTraineePersonalData(command: CorrectTraineePersonalData, state: TraineeState): TraineeEvent[] {
  const { traineeId, actingAgencyId, personalData } = command.data;
  const trainee = openTrainee(state, traineeId, actingAgencyId);
  if (trainee.personalData?.fingerprint === personalData.fingerprint) return [];
  return [personalDataRecorded(traineeId, personalData, command)];
}

function personalDataRecorded(
  traineeId: string,
  personalData: PersonalDataEnvelope,
  command: RegisterTrainee | CorrectTraineePersonalData,
): TraineeEvent {
  return {
    type: 'TraineePersonalDataRecorded.v1',
    data: { traineeId, ...envelopeOf(personalData) },
    metadata: command.metadata,
  };
}

function changeTraineeProfile(command: ChangeTraineeProfile, state: TraineeState): TraineeEvent[] {
  const { traineeId, actingAgencyId, effectiveFrom } = command.data;
  const profile = profileOf(command.data);
  const trainee = changeableTrainee(state, traineeId, actingAgencyId, effectiveFrom);
  if (sameProfile(trainee.profile, profile)) return [];
  return [
    {
      type: 'TraineeProfileChanged.v1',
      data: { traineeId, agencyId: trainee.agencyId, ...profile, effectiveFrom },
      metadata: command.metadata,
    },
  ];
}

function transferTrainee(command: TransferTrainee, state: TraineeState): TraineeEvent[] {
  const { traineeId, actingAgencyId, toAgencyId, effectiveFrom } = command.data;
  if (state.status === 'registered' && isResentTransfer(state.trainee, command.data)) return [];
  const trainee = changeableTrainee(state, traineeId, actingAgencyId, effectiveFrom);
  if (toAgencyId === trainee.agencyId) {
    throw new DomainRuleViolation(
      'transfer-to-another-agency',
      `Trainee ${traineeId} already belongs to agency ${toAgencyId}`,
      'toAgencyId',
    );
  }
  return [
    {
      type: 'TraineeTransferred.v1',
      data: { traineeId, fromAgencyId: trainee.agencyId, toAgencyId, effectiveFrom },
      metadata: command.metadata,
    },
  ];
}

function forgetTraineePersonalData(command: ForgetTraineePersonalData, state: TraineeState): TraineeEvent[] {
  const { traineeId, reason } = command.data;
  const trainee = registeredTrainee(state, traineeId);
  if (trainee.personalDataErased) return [];
  if (reason.trim() === '') {
    throw new DomainRuleViolation('erasure-states-reason', 'An erasure must state its lawful reason', 'reason');
  }
  return [{ type: 'TraineePersonalDataErased.v1', data: { traineeId, reason }, metadata: command.metadata }];
}

function registeredTrainee(state: TraineeState, traineeId: string): Trainee {
  if (state.status !== 'registered') {
    throw new DomainRuleViolation(
      'trainee-must-exist',
      `Trainee ${traineeId} is not registered`,
      'traineeId',
      'not-found',
    );
  }
  return state.trainee;
}

/** The checks every change of profile or agency passes. */
function changeableTrainee(
  state: TraineeState,
  traineeId: string,
  actingAgencyId: string,
  effectiveFrom: string,
): Trainee {
  const trainee = openTrainee(state, traineeId, actingAgencyId);
  if (trainee.lastEffectiveFrom !== null && effectiveFrom < trainee.lastEffectiveFrom) {
    throw new DomainRuleViolation(
      'changes-in-date-order',
      `The latest change of trainee ${traineeId} took effect on ${trainee.lastEffectiveFrom}; ` +
        'a change cannot take effect before it',
      'effectiveFrom',
    );
  }
  return trainee;
}

/** A registered trainee whose record is not closed by erasure, changed by the agency they belong to. */
function openTrainee(state: TraineeState, traineeId: string, actingAgencyId: string): Trainee {
  const trainee = registeredTrainee(state, traineeId);
  if (trainee.personalDataErased) {
    throw new DomainRuleViolation(
      'no-changes-after-erasure',
      `Trainee ${traineeId} had their personal data erased; their record is closed`,
      'traineeId',
      'conflict',
    );
  }
  enforce(mayChangeTrainee({ traineeId, agencyId: trainee.agencyId }, actingAgencyId));
  return trainee;
}

/** The agency that sent a transfer no longer owns the trainee once it is done, so a retry must be recognised first. */
function isResentTransfer(trainee: Trainee, transfer: TransferTrainee['data']): boolean {
  const last = trainee.lastTransfer;
  return (
    last !== null &&
    trainee.agencyId === transfer.toAgencyId &&
    last.fromAgencyId === transfer.actingAgencyId &&
    last.toAgencyId === transfer.toAgencyId &&
    last.effectiveFrom === transfer.effectiveFrom
  );
}

/**
 * Event data is built field by field: whatever else a caller's object carries, personal data
 * included, must never reach the log.
 */
function profileOf(source: TraineeProfile): TraineeProfile {
  return { targetGroup: source.targetGroup, rank: source.rank, leadership: source.leadership, sector: source.sector };
}

/** Built field by field, like `profileOf`: only the envelope reaches the log. */
function envelopeOf(source: PersonalDataEnvelope): PersonalDataEnvelope {
  return {
    keyId: source.keyId,
    ciphertext: source.ciphertext,
    iv: source.iv,
    tag: source.tag,
    fingerprint: source.fingerprint,
  };
}

function sameProfile(left: TraineeProfile, right: TraineeProfile): boolean {
  return (
    left.targetGroup === right.targetGroup &&
    left.rank === right.rank &&
    left.leadership === right.leadership &&
    left.sector === right.sector
  );
}

function sameRegistration(left: TraineeRegistration, right: TraineeRegistration): boolean {
  return left.traineeId === right.traineeId && left.agencyId === right.agencyId && sameProfile(left, right);
}
