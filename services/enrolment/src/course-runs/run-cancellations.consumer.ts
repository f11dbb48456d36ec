import { courseDeliveryContract } from '@training-ledger/contracts';
import { handleCommand, type EventStore, type HandleCommandOptions } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage } from '@training-ledger/messaging';
import type { ConsumerRegistration } from '@training-ledger/service-runtime';
import { runNominationsDecider } from '../nominations/run-nominations.decider';
import { type CancelRunNominations, runNominationsStreamName } from '../nominations/run-nominations.state';

export const RUN_CANCELLATIONS_CONSUMER = 'run-cancellations';

/** Appending to a run's nominations races with agencies and the programme office acting on the same run. */
const ATTEMPTS_ON_CONCURRENT_APPEND = 5;

/**
 * What a nomination cancelled with its run records as the reason. Course delivery's own words stay in
 * its log and on the run (`GET /runs/{runId}`): free text never crosses Kafka.
 */
export const RUN_CANCELLED_REASON = 'Lớp bồi dưỡng đã bị hủy — the course run was cancelled';

/**
 * The command a cancelled run gives its nominations, or null for any other course-delivery event.
 * The integration event is the command's cause, so every cancellation it produces points back to it.
 */
export function cancellationOfRunNominations(
  message: DecodedIntegrationMessage,
): Omit<HandleCommandOptions<CancelRunNominations>, 'maxAttempts'> | null {
  if (message.type !== 'CourseRunCancelled.v1') return null;
  const { runId } = courseDeliveryContract.schemas['CourseRunCancelled.v1'].parse(message.data);
  return {
    streamName: runNominationsStreamName(runId),
    commandId: message.eventId,
    command: {
      type: 'CancelRunNominations',
      data: { runId, reason: RUN_CANCELLED_REASON },
      metadata: {
        correlationId: message.metadata.correlationId,
        actor: { id: 'course-delivery', roles: [], agencyId: null },
        occurredAt: message.metadata.occurredAt,
      },
    },
  };
}

/**
 * Cancels the open nominations of every run course-delivery cancels, and closes the run's
 * nominations for good, even when nobody was nominated yet: a nomination decided on a view of the
 * run that has not heard of the cancellation is then still refused. A redelivered cancellation
 * records nothing.
 */
export function runCancellationsConsumer(eventStore: EventStore): ConsumerRegistration {
  return {
    name: RUN_CANCELLATIONS_CONSUMER,
    topics: [courseDeliveryContract.topic],
    eventTypes: ['CourseRunCancelled.v1'],
    handler: async (message) => {
      const cancellation = cancellationOfRunNominations(message);
      if (cancellation === null) return;
      await handleCommand(eventStore, runNominationsDecider, {
        ...cancellation,
        maxAttempts: ATTEMPTS_ON_CONCURRENT_APPEND,
      });
    },
  };
}
