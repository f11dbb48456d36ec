import type { IntegrationEnvelope } from '@training-ledger/contracts';
import type { EventMetadata, GlobalPosition, RecordedEvent } from '@training-ledger/event-store';
import { parseDecimalPosition } from './source-position';

/** Where the event stands in the feed that delivered it; what a checkpoint records. */
export type FeedPosition =
  | { readonly kind: 'event-log'; readonly globalPosition: GlobalPosition }
  | { readonly kind: 'kafka'; readonly topic: string; readonly partition: number; readonly offset: bigint };

/** The stream the event was first written to; what the idempotency guard of every write is keyed on. */
export interface EventOrigin {
  readonly service: string;
  readonly streamName: string;
  readonly streamPosition: bigint;
}

/** One event as projections see it, whether it came from a service's own log or from Kafka. */
export interface ProjectableEvent<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly source: EventOrigin;
  readonly feedPosition: FeedPosition;
}

export function fromRecordedEvent<TType extends string, TData>(
  event: RecordedEvent<TType, TData>,
  service: string,
): ProjectableEvent<TType, TData> {
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    source: { service, streamName: event.streamName, streamPosition: event.streamPosition },
    feedPosition: { kind: 'event-log', globalPosition: event.globalPosition },
  };
}

export interface KafkaMessageCoordinates {
  readonly topic: string;
  readonly partition: number;
  /** kafkajs gives offsets as decimal strings. */
  readonly offset: string | bigint;
}

export function fromIntegrationMessage(
  envelope: IntegrationEnvelope,
  message: KafkaMessageCoordinates,
): ProjectableEvent {
  return {
    eventId: envelope.eventId,
    type: envelope.type,
    data: envelope.data,
    metadata: envelope.metadata,
    source: {
      service: envelope.source.service,
      streamName: envelope.source.streamName,
      streamPosition: parseDecimalPosition(envelope.source.streamPosition, 'source.streamPosition'),
    },
    feedPosition: {
      kind: 'kafka',
      topic: message.topic,
      partition: message.partition,
      offset: parseDecimalPosition(message.offset, 'Kafka offset'),
    },
  };
}
