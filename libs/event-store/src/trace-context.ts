import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The W3C `traceparent` of the span active where an event is appended, stored with the event so
 * that the relay, which publishes it later and elsewhere, continues the same trace. Null when
 * tracing is off: nothing is then added to the event.
 */
export function activeTraceparent(): string | null {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return null;
  return `00-${spanContext.traceId}-${spanContext.spanId}-${spanContext.traceFlags.toString(16).padStart(2, '0')}`;
}
