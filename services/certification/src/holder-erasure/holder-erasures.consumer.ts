import { enrolmentContract } from '@training-ledger/contracts';
import { type EventStore, handleCommand } from '@training-ledger/event-store';
import type { ConsumerRegistration } from '@training-ledger/service-runtime';
import type { HolderNames } from '../certificates/holder-names';
import { holderErasureDecider, holderErasureStreamName } from './holder-erasure.decider';

export const HOLDER_ERASURES_CONSUMER = 'holder-erasures';

/**
 * When enrolment erases a trainee, certification records that it heard, then destroys the key its
 * copy of the printed name is sealed under. Should the destruction fail, the message is retried and
 * the key destroyed then; the erasure is recorded once. Certificates stay valid: only the name goes.
 */
export function holderErasuresConsumer(eventStore: EventStore, holderNames: HolderNames): ConsumerRegistration {
  return {
    name: HOLDER_ERASURES_CONSUMER,
    topics: [enrolmentContract.topic],
    eventTypes: ['TraineePersonalDataErased.v1'],
    handler: async (message) => {
      if (message.type !== 'TraineePersonalDataErased.v1') return;
      const { traineeId } = enrolmentContract.schemas['TraineePersonalDataErased.v1'].parse(message.data);
      await handleCommand(eventStore, holderErasureDecider, {
        streamName: holderErasureStreamName(traineeId),
        commandId: message.eventId,
        command: {
          type: 'NoteHolderErasure',
          data: { traineeId, sourceEventId: message.eventId },
          metadata: {
            correlationId: message.metadata.correlationId,
            causationId: message.eventId,
            actor: { id: 'enrolment', roles: [] },
            occurredAt: message.metadata.occurredAt,
          },
        },
        maxAttempts: 5,
      });
      await holderNames.forget(traineeId);
    },
  };
}
