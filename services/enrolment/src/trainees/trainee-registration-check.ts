import { Inject, Injectable } from '@nestjs/common';
import { assertAgencyAccess, type AuthenticatedActor } from '@training-ledger/auth';
import type { MessageMetadata } from '@training-ledger/decider';
import type { EventStore } from '@training-ledger/event-store';
import { EVENT_STORE, PersonalDataVault } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { assertAgencyRegistered } from '../agency-registration';
import { checkRows, type RowChecks, validatedRow } from '../row-checks/row-checks';
import { traineeDecider, type TraineeState } from './trainee.decider';
import { registerTraineeCommand, registrationPersonalData, TraineeRecords } from './trainee-records';
import { RegisterTraineeDto, registrationRequest } from './trainee-requests.dto';

/**
 * What registering each row of an import would do, decided by the trainee decider on the log as it
 * stands and on the rows before it, with nothing appended and no key made.
 */
@Injectable()
export class TraineeRegistrationCheck {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly records: TraineeRecords,
    private readonly vault: PersonalDataVault,
  ) {}

  async check(agencyId: string, rows: readonly unknown[], actor: AuthenticatedActor, metadata: MessageMetadata): Promise<RowChecks> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    const states = new Map<string, TraineeState>();
    return checkRows(rows, async (row) => {
      const validated = await validatedRow(RegisterTraineeDto, row);
      if (!validated.valid) return { accepted: false, errors: validated.errors };
      const request = registrationRequest(validated.value);
      const personalData = registrationPersonalData(request);
      const traineeId = request.traineeId ?? randomUUID();
      const state = states.get(traineeId) ?? (await this.records.stateOf(traineeId));
      const sealed = await this.vault.sealWithExistingKey(traineeId, personalData);
      const events = traineeDecider.decide(registerTraineeCommand(traineeId, agencyId, request, sealed, metadata), state);
      states.set(traineeId, events.reduce(traineeDecider.evolve, state));
      return { subjectId: request.traineeId ?? null, events };
    });
  }
}
