import { Inject, Injectable } from '@nestjs/common';
import { assertAgencyAccess, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import type { EventStore } from '@training-ledger/event-store';
import { type BulkAnswer, bulkAnswer, type ItemOutcome, keyDerivedUuid, refusedItem } from '@training-ledger/platform';
import { EVENT_STORE, type PersonalDataEnvelope, PersonalDataVault } from '@training-ledger/service-runtime';
import { assertAgencyRegistered } from '../agency-registration';
import type { TraineePersonalData } from './trainee.decider';
import { type RegistrationRequest, registrationPersonalData, type TraineeCommandResult, TraineeRecords } from './trainee-records';

/** A result per registration, named by the trainee's id: the caller's, or the one chosen for it. */
export type BulkRegistrationResult = BulkAnswer<{ readonly traineeId: string }> & { readonly agencyId: string };

/** Trainees registered side by side: each is its own stream, so they wait on no one but the servers. */
const REGISTERED_SIDE_BY_SIDE = 8;

/** A row whose personal data may be sealed: its id carries none of it. */
interface SealableRow {
  readonly index: number;
  readonly traineeId: string;
  readonly request: RegistrationRequest;
  readonly personalData: TraineePersonalData;
}

interface SealedRow extends SealableRow {
  /** Null when the trainee's personal data was erased. */
  readonly sealed: PersonalDataEnvelope | null;
}

/**
 * Many registrations of one agency, each decided and recorded as POST /agencies/{agencyId}/trainees
 * records one. Each trainee is a stream of its own, and no rule spans two trainees: a registration
 * is appended to its own stream whatever became of the others, so a refused row stops none of them.
 * The personal data of every row is sealed first, with the keys read and made in one go, and the
 * names of those recorded are indexed together at the end.
 * The appends are not one transaction, and need not be: the Idempotency-Key answers a retry of the
 * whole request, and should the request fail part-way, its retry finds the trainees recorded before
 * the failure already there (the same registration, under the same id), answers them already-recorded
 * and indexes them again.
 */
@Injectable()
export class TraineeRegistrations {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly records: TraineeRecords,
    private readonly vault: PersonalDataVault,
  ) {}

  async registerMany(
    agencyId: string,
    requests: readonly RegistrationRequest[],
    actor: AuthenticatedActor,
    metadata: MessageMetadata,
    idempotencyKey: string,
  ): Promise<BulkRegistrationResult> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    const traineeIds = requests.map((request, index) => traineeIdOf(request, index, { actorId: actor.id, agencyId, idempotencyKey }));
    const outcomes: ItemOutcome<string>[] = new Array(requests.length);
    const sealable: SealableRow[] = [];
    requests.forEach((request, index) => {
      try {
        sealable.push({ index, traineeId: traineeIds[index] as string, request, personalData: registrationPersonalData(request) });
      } catch (error) {
        outcomes[index] = refusal(error);
      }
    });
    const envelopes = await this.vault.sealMany(sealable.map(({ traineeId, personalData }) => ({ subjectId: traineeId, data: personalData })));
    await this.decideSideBySide(agencyId, sealable.map((row, position): SealedRow => ({ ...row, sealed: envelopes[position] ?? null })), outcomes, metadata);
    return { agencyId, ...bulkAnswer(requests, outcomes, { subject: (_request, index) => ({ traineeId: traineeIds[index] as string }) }) };
  }

  /**
   * Decides the rows, REGISTERED_SIDE_BY_SIDE at a time, rows naming the same trainee in their order
   * so that the second finds the first recorded; then indexes the names of those recorded, those
   * recorded before a failure included, before the failure is thrown. After a failure no other
   * trainee is taken up.
   */
  private async decideSideBySide(agencyId: string, rows: readonly SealedRow[], outcomes: ItemOutcome<string>[], metadata: MessageMetadata): Promise<void> {
    const rowsByTrainee = new Map<string, SealedRow[]>();
    for (const row of rows) rowsByTrainee.set(row.traineeId, [...(rowsByTrainee.get(row.traineeId) ?? []), row]);
    const trainees = [...rowsByTrainee.values()];
    const names: { index: number; subjectId: string; scope: string; name: string }[] = [];
    const failures: unknown[] = [];
    let next = 0;
    const registerNext = async (): Promise<void> => {
      try {
        for (let sameTrainee = trainees[next++]; sameTrainee && failures.length === 0; sameTrainee = trainees[next++]) {
          for (const row of sameTrainee) {
            let result: TraineeCommandResult;
            try {
              result = await this.records.registerSealed(agencyId, row.traineeId, row.request, row.sealed, metadata);
            } catch (error) {
              outcomes[row.index] = refusal(error);
              continue;
            }
            outcomes[row.index] = { accepted: true, events: result.recorded };
            if (row.sealed) names.push({ index: row.index, subjectId: row.traineeId, scope: result.agencyId, name: row.personalData.fullName });
          }
        }
      } catch (error) {
        failures.push(error);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REGISTERED_SIDE_BY_SIDE, trainees.length) }, registerNext));
    await this.vault.indexMany(names.sort((first, second) => first.index - second.index));
    if (failures.length > 0) throw failures[0];
  }
}

/** A refused row's outcome; any other failure is thrown. */
function refusal(error: unknown): ItemOutcome<string> {
  if (error instanceof DomainRuleViolation) return refusedItem(error);
  throw error;
}

/**
 * The row's own trainee id, or one the same row of the same request, retried under the same key by
 * the same caller, is given again: a retry after a failure never registers a person twice.
 */
function traineeIdOf(
  request: RegistrationRequest,
  index: number,
  by: { readonly actorId: string; readonly agencyId: string; readonly idempotencyKey: string },
): string {
  return request.traineeId ?? keyDerivedUuid(by.idempotencyKey, by.actorId, by.agencyId, String(index));
}
