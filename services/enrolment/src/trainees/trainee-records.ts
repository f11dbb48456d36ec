import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertAgencyAccess, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, loadStreamState, type EventStore } from '@training-ledger/event-store';
import { EVENT_STORE, type PersonalDataEnvelope, PersonalDataVault } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { commandMetadata } from '@training-ledger/platform';
import { assertAgencyRegistered } from '../agency-registration';
import { actingAgency, mayReadPersonalData, transferActingAgency } from './who-may';
import {
  type ChangeTraineeProfile,
  type RegisterTrainee,
  type Trainee,
  type TraineeCommand,
  traineeDecider,
  type TraineePersonalData,
  type TraineeProfile,
  type TraineeState,
  traineeStreamName,
  type TransferTrainee,
} from './trainee.decider';

export interface TraineeCommandResult {
  readonly traineeId: string;
  /** The agency the trainee belongs to after the command. */
  readonly agencyId: string;
  /** Event types the command added to the log; empty when it was already done. */
  readonly recorded: readonly string[];
}

export interface TraineeView extends TraineeProfile {
  readonly traineeId: string;
  readonly agencyId: string;
  /** Effective date of the latest change of profile or transfer; null while none happened. */
  readonly lastEffectiveFrom: string | null;
  readonly erased: boolean;
  /** Null once erased, or when none was recorded. */
  readonly personalData: TraineePersonalData | null;
}

export interface RegistrationRequest extends TraineeProfile, TraineePersonalData {
  readonly traineeId?: string;
}

const MAX_ATTEMPTS = 3;

/**
 * Trainees' records over the event log. Personal data is sealed with the trainee's own key before
 * any command is decided, and opened only when a trainee is read: the decider sees envelopes only.
 */
@Injectable()
export class TraineeRecords {
  private readonly logger = new Logger('TraineeRecords');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async register(
    agencyId: string,
    request: RegistrationRequest,
    actor: AuthenticatedActor,
    correlationId: string,
  ): Promise<TraineeCommandResult> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    return this.registerInAgency(agencyId, request.traineeId ?? randomUUID(), request, commandMetadata(actor, correlationId));
  }

  /**
   * Registers one trainee under `traineeId` (the request's own, or one chosen for it) in an agency
   * the caller has been found to act for and the log to hold: a registration alone, or a row of many.
   */
  async registerInAgency(agencyId: string, traineeId: string, request: RegistrationRequest, metadata: MessageMetadata): Promise<TraineeCommandResult> {
    const personalData = registrationPersonalData(request);
    const sealed = await this.vault.seal(traineeId, personalData);
    const result = await this.registerSealed(agencyId, traineeId, request, sealed, metadata);
    // Indexed after the log holds the registration; a resent registration indexes again, harmlessly.
    if (sealed) await this.vault.index(traineeId, result.agencyId, personalData.fullName);
    return result;
  }

  /**
   * Decides and records a registration whose personal data (from `registrationPersonalData`) is
   * already sealed for the trainee: null when their personal data was erased, and a resent
   * registration is then recognised without it. The caller indexes the name once this returns.
   */
  registerSealed(agencyId: string, traineeId: string, profile: TraineeProfile, sealed: PersonalDataEnvelope | null, metadata: MessageMetadata): Promise<TraineeCommandResult> {
    return this.decide(traineeId, registerTraineeCommand(traineeId, agencyId, profile, sealed, metadata));
  }

  async changeProfile(
    traineeId: string,
    change: TraineeProfile & { readonly effectiveFrom: string },
    actor: AuthenticatedActor,
    correlationId: string,
  ): Promise<TraineeCommandResult> {
    const trainee = await this.existingTrainee(traineeId);
    return this.decide(traineeId, changeProfileCommand(trainee, change, actor, commandMetadata(actor, correlationId)));
  }

  async transfer(
    traineeId: string,
    transfer: { readonly toAgencyId: string; readonly effectiveFrom: string },
    actor: AuthenticatedActor,
    correlationId: string,
  ): Promise<TraineeCommandResult> {
    await assertAgencyRegistered(this.eventStore, transfer.toAgencyId).catch((error: unknown) => {
      if (error instanceof DomainRuleViolation) {
        throw new DomainRuleViolation(error.rule, error.message, 'toAgencyId', error.kind);
      }
      throw error;
    });
    const trainee = await this.existingTrainee(traineeId);
    const result = await this.decide(traineeId, transferCommand(trainee, transfer, actor, commandMetadata(actor, correlationId)));
    await this.vault.rescope(traineeId, result.agencyId);
    return result;
  }

  async correctPersonalData(
    traineeId: string,
    correction: TraineePersonalData,
    actor: AuthenticatedActor,
    correlationId: string,
  ): Promise<TraineeCommandResult> {
    const trainee = await this.existingTrainee(traineeId);
    const actingAgencyId = actingAgency(actor, trainee.agencyId);
    assertAgencyAccess(actor, trainee.agencyId);
    const corrected = normalisedPersonalData(correction);
    const sealed = await this.vault.seal(traineeId, corrected);
    if (!sealed) throw erasedRecord(traineeId);
    const result = await this.decide(traineeId, {
      type: 'CorrectTraineePersonalData',
      data: { traineeId, actingAgencyId, personalData: sealed },
      metadata: commandMetadata(actor, correlationId),
    });
    await this.vault.index(traineeId, result.agencyId, corrected.fullName);
    return result;
  }

  /**
   * Records the erasure, then destroys the key. Should the destruction fail, the request fails and
   * a retry, finding the erasure recorded, destroys the key then: it is never left half done.
   */
  async erase(
    traineeId: string,
    reason: string,
    actor: AuthenticatedActor,
    correlationId: string,
  ): Promise<TraineeCommandResult & { readonly personalDataKey: 'destroyed' }> {
    const trainee = await this.existingTrainee(traineeId);
    assertAgencyAccess(actor, trainee.agencyId);
    const result = await this.decide(traineeId, {
      type: 'ForgetTraineePersonalData',
      data: { traineeId, reason },
      metadata: commandMetadata(actor, correlationId),
    });
    await this.vault.forget(traineeId);
    return { ...result, personalDataKey: 'destroyed' };
  }

  async read(traineeId: string, actor: AuthenticatedActor): Promise<TraineeView> {
    const trainee = await this.existingTrainee(traineeId);
    assertAgencyAccess(actor, trainee.agencyId);
    return {
      traineeId,
      agencyId: trainee.agencyId,
      ...trainee.profile,
      lastEffectiveFrom: trainee.lastEffectiveFrom,
      erased: trainee.personalDataErased,
      personalData: mayReadPersonalData(actor) ? await this.personalDataOf(trainee) : null,
    };
  }

  private async personalDataOf(trainee: Trainee): Promise<TraineePersonalData | null> {
    if (trainee.personalDataErased || !trainee.personalData) return null;
    const opened = await this.vault.open(trainee.traineeId, trainee.personalData);
    if (opened === null) {
      this.logger.warn(`Trainee ${trainee.traineeId} has sealed personal data but no key, and no erasure on record`);
      return null;
    }
    return personalDataFrom(opened, trainee.traineeId);
  }

  /** The trainee's state in the log, `initial` when none is registered under the id. */
  async stateOf(traineeId: string): Promise<TraineeState> {
    return (await loadStreamState(this.eventStore, traineeDecider, traineeStreamName(traineeId))).state;
  }

  private async existingTrainee(traineeId: string): Promise<Trainee> {
    const state = await this.stateOf(traineeId);
    if (state.status !== 'registered') {
      throw new DomainRuleViolation('trainee-must-exist', `Trainee ${traineeId} is not registered`, 'traineeId', 'not-found');
    }
    return state.trainee;
  }

  private async decide(traineeId: string, command: TraineeCommand): Promise<TraineeCommandResult> {
    const result = await handleCommand(this.eventStore, traineeDecider, {
      streamName: traineeStreamName(traineeId),
      commandId: randomUUID(),
      maxAttempts: MAX_ATTEMPTS,
      command,
      expectNewStream: command.type === 'RegisterTrainee',
    });
    if (result.state.status !== 'registered') throw new Error(`Trainee ${traineeId} is not registered after ${command.type}`);
    return { traineeId, agencyId: result.state.trainee.agencyId, recorded: result.events.map((event) => event.type) };
  }
}

export function registerTraineeCommand(
  traineeId: string,
  agencyId: string,
  profile: TraineeProfile,
  sealed: PersonalDataEnvelope | null,
  metadata: MessageMetadata,
): RegisterTrainee {
  return {
    type: 'RegisterTrainee',
    data: {
      traineeId,
      agencyId,
      targetGroup: profile.targetGroup,
      rank: profile.rank,
      leadership: profile.leadership,
      sector: profile.sector,
      ...(sealed ? { personalData: sealed } : {}),
    },
    metadata,
  };
}

export function changeProfileCommand(
  trainee: Trainee,
  change: TraineeProfile & { readonly effectiveFrom: string },
  actor: AuthenticatedActor,
  metadata: MessageMetadata,
): ChangeTraineeProfile {
  return {
    type: 'ChangeTraineeProfile',
    data: {
      traineeId: trainee.traineeId,
      actingAgencyId: actingAgency(actor, trainee.agencyId),
      targetGroup: change.targetGroup,
      rank: change.rank,
      leadership: change.leadership,
      sector: change.sector,
      effectiveFrom: change.effectiveFrom,
    },
    metadata,
  };
}

export function transferCommand(
  trainee: Trainee,
  transfer: { readonly toAgencyId: string; readonly effectiveFrom: string },
  actor: AuthenticatedActor,
  metadata: MessageMetadata,
): TransferTrainee {
  return {
    type: 'TransferTrainee',
    data: {
      traineeId: trainee.traineeId,
      actingAgencyId: transferActingAgency(actor, trainee, transfer),
      toAgencyId: transfer.toAgencyId,
      effectiveFrom: transfer.effectiveFrom,
    },
    metadata,
  };
}

/**
 * The same person sent twice must seal to the same fingerprint: names are compared in Unicode NFC
 * with single spaces, as Vietnamese diacritics arrive composed or decomposed from different systems.
 */
export function normalisedPersonalData(source: TraineePersonalData): TraineePersonalData {
  return {
    fullName: source.fullName.normalize('NFC').trim().replace(/\s+/g, ' '),
    dateOfBirth: source.dateOfBirth,
    staffNumber: source.staffNumber.normalize('NFC'),
  };
}

/** The personal data a registration seals, once the id it names (if any) is found to carry none of it. */
export function registrationPersonalData(request: RegistrationRequest): TraineePersonalData {
  const personalData = normalisedPersonalData(request);
  if (request.traineeId !== undefined) assertIdCarriesNoPersonalData(request.traineeId, personalData);
  return personalData;
}

/**
 * Ids end up in stream names, published events and every other service: none may carry what an
 * erasure must remove. Staff numbers shorter than four characters turn up in ids by chance, and are let pass.
 */
export function assertIdCarriesNoPersonalData(traineeId: string, personalData: TraineePersonalData): void {
  const id = traineeId.toLowerCase();
  const revealing = [personalData.dateOfBirth, personalData.dateOfBirth.replace(/-/g, '')];
  if (personalData.staffNumber.length >= 4) revealing.push(personalData.staffNumber.toLowerCase());
  if (revealing.some((value) => id.includes(value))) {
    throw new DomainRuleViolation(
      'trainee-id-carries-no-personal-data',
      'traineeId must not contain the staff number or the date of birth: the id outlives an erasure',
      'traineeId',
    );
  }
}

function personalDataFrom(opened: unknown, traineeId: string): TraineePersonalData {
  const candidate = opened as Partial<Record<keyof TraineePersonalData, unknown>> | null;
  if (
    typeof candidate?.fullName !== 'string' ||
    typeof candidate.dateOfBirth !== 'string' ||
    typeof candidate.staffNumber !== 'string'
  ) {
    throw new Error(`The personal data of trainee ${traineeId} does not have the recorded shape`);
  }
  return { fullName: candidate.fullName, dateOfBirth: candidate.dateOfBirth, staffNumber: candidate.staffNumber };
}

function erasedRecord(traineeId: string): DomainRuleViolation {
  return new DomainRuleViolation(
    'no-changes-after-erasure',
    `Trainee ${traineeId} had their personal data erased; their record is closed`,
    'traineeId',
    'conflict',
  );
}
