import type { DecodedIntegrationMessage, MessageContext } from '@training-ledger/messaging';
import type { ProjectableEvent, Projection, Projector } from '@training-ledger/read-models';
import type { ConsumerRegistration } from './integration-consumers';

/**
 * A consumer that feeds one read model from integration topics. Writes are guarded by the
 * source stream position, so a message redelivered after a crash changes nothing. With
 * `countWrittenBatches`, the checkpoint counts each batch written, for readers that cache answers.
 */
export function projectionConsumer(
  projector: Projector,
  projection: Projection,
  topics: readonly string[],
  options: { readonly countWrittenBatches?: boolean } = {},
): ConsumerRegistration {
  return {
    name: `projection.${projection.name}`,
    topics,
    eventTypes: projection.eventTypes,
    batchHandler: async (messages) => {
      await projector.apply(
        projection,
        messages.map(({ message, context }) => projectable(message, context)),
        { countWrittenBatch: options.countWrittenBatches },
      );
    },
  };
}

export function projectable(message: DecodedIntegrationMessage, context: MessageContext): ProjectableEvent {
  return {
    eventId: message.eventId,
    type: message.type,
    data: message.data,
    metadata: message.metadata,
    source: {
      service: message.source.service,
      streamName: message.source.streamName,
      streamPosition: message.source.streamPosition,
    },
    feedPosition: { kind: 'kafka', topic: context.topic, partition: context.partition, offset: BigInt(context.offset) },
  };
}
