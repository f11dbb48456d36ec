import { Inject, Injectable } from '@nestjs/common';
import { assertAgencyAccess, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import type { EventStore } from '@training-ledger/event-store';
import { type BulkAnswer, bulkAnswer, type ItemOutcome, keyDerivedUuid, refusedItem } from '@training-ledger/platform';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { assertAgencyRegistered } from '../agency-registration';
import { type RegistrationRequest, TraineeRecords } from './trainee-records';

/** A result per registration, named by the trainee's id: the caller's, or the one chosen for it. */
export type BulkRegistrationResult = BulkAnswer<{ readonly traineeId: string }> & { readonly agencyId: string };

/** Trainees registered side by side: each is its own stream, so they wait on no one but the servers. */
const REGISTERED_SIDE_BY_SIDE = 8;

/**
 * Many registrations of one agency, each decided and recorded as POST /agencies/{agencyId}/trainees
 * records one. Each trainee is a stream of its own, and no rule spans two trainees: a registration
 * is appended to its own stream whatever became of the others, so a refused row stops none of them.
 * The appends are not one transaction, and need not be: the Idempotency-Key answers a retry of the
 * whole request, and should the request fail part-way, its retry finds the trainees recorded before
 * the failure already there (the same registration, under the same id) and answers them already-recorded.
 */
@Injectable()
export class TraineeRegistrations {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly records: TraineeRecords,
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
    // Rows naming the same trainee are decided in their order, so that the second finds the first recorded.
    const rowsByTrainee = new Map<string, number[]>();
    traineeIds.forEach((traineeId, index) => rowsByTrainee.set(traineeId, [...(rowsByTrainee.get(traineeId) ?? []), index]));
    const outcomes: ItemOutcome<string>[] = new Array(requests.length);
    const trainees = [...rowsByTrainee.values()];
    let next = 0;
    const registerNext = async (): Promise<void> => {
      for (let rows = trainees[next++]; rows; rows = trainees[next++]) {
        for (const index of rows) {
          outcomes[index] = await this.registerRow(agencyId, traineeIds[index] as string, requests[index] as RegistrationRequest, metadata);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(REGISTERED_SIDE_BY_SIDE, trainees.length) }, registerNext));
    return { agencyId, ...bulkAnswer(requests, outcomes, { subject: (_request, index) => ({ traineeId: traineeIds[index] as string }) }) };
  }

  private async registerRow(agencyId: string, traineeId: string, request: RegistrationRequest, metadata: MessageMetadata): Promise<ItemOutcome<string>> {
    try {
      const result = await this.records.registerInAgency(agencyId, traineeId, request, metadata);
      return { accepted: true, events: result.recorded };
    } catch (error) {
      if (error instanceof DomainRuleViolation) return refusedItem(error);
      throw error;
    }
  }
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
