import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Message } from 'kafkajs';
import { headersAsStrings, IntegrationHeaders, type DecodedIntegrationMessage } from './envelope';

/**
 * Spans of the relay and the consumers. With tracing off the API is a no-op: no span records,
 * and the messages keep the `traceparent` the envelope gave them.
 */
const tracer = trace.getTracer('@training-ledger/messaging');

/** Where a consumed message sits, for the span's attributes. */
export interface ConsumedAt {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * One producer span per message, each a child of the context its event was appended under (the
 * message's `traceparent`), whose own context then replaces that header: one send of the relay
 * carries the messages of many requests, each in its own trace.
 */
export async function publishTraced<T>(topic: string, messages: readonly Message[], send: () => Promise<T>): Promise<T> {
  const spans: Span[] = [];
  for (const message of messages) {
    const headers = (message.headers ??= {});
    const origin = propagation.extract(ROOT_CONTEXT, headersAsStrings(headers));
    const span = tracer.startSpan(
      `publish ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.operation.type': 'send',
          'messaging.message.id': headersAsStrings(headers)[IntegrationHeaders.eventId] ?? '',
        },
      },
      origin,
    );
    if (!span.isRecording()) continue;
    spans.push(span);
    delete headers[IntegrationHeaders.traceparent];
    propagation.inject(trace.setSpan(origin, span), headers);
  }
  return endingSpans(spans, send);
}

/** The handling of one message, as a child of the context the message carries. */
export function handleTraced<T>(at: ConsumedAt, message: DecodedIntegrationMessage, work: () => Promise<T>): Promise<T> {
  const span = consumerSpan(at, message);
  return context.with(trace.setSpan(ROOT_CONTEXT, span), () => endingSpans([span], work));
}

/**
 * A batch written at once: one span per message, each in its message's trace, and the batch's
 * own work (its database writes) under a span linked to all of them.
 */
export function handleBatchTraced<T>(
  groupId: string,
  batch: readonly { readonly message: DecodedIntegrationMessage; readonly context: Omit<ConsumedAt, 'groupId'> }[],
  work: () => Promise<T>,
): Promise<T> {
  if (batch.length === 1) return handleTraced({ groupId, ...batch[0]!.context }, batch[0]!.message, work);
  const spans = batch.map(({ message, context: at }) => consumerSpan({ groupId, ...at }, message));
  if (!spans.some((span) => span.isRecording())) return work();
  const batchSpan = tracer.startSpan(
    `handle batch ${groupId}`,
    { attributes: { 'messaging.batch.message_count': batch.length }, links: spans.map((span) => ({ context: span.spanContext() })) },
    ROOT_CONTEXT,
  );
  return context.with(trace.setSpan(ROOT_CONTEXT, batchSpan), () => endingSpans([batchSpan, ...spans], work));
}

function consumerSpan(at: ConsumedAt, message: DecodedIntegrationMessage): Span {
  return tracer.startSpan(
    `handle ${message.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.consumer.group.name': at.groupId,
        'messaging.destination.name': at.topic,
        'messaging.destination.partition.id': String(at.partition),
        'messaging.kafka.offset': at.offset,
        'messaging.message.id': message.eventId,
      },
    },
    propagation.extract(ROOT_CONTEXT, message.headers),
  );
}

async function endingSpans<T>(spans: readonly Span[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (const span of spans) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
