import type { Context, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';

/**
 * Injects through `inner`, except into a carrier that already holds a `traceparent`. An integration
 * message leaves the relay carrying the trace of the request that appended its event (stored with
 * the event); the kafkajs instrumentation would otherwise overwrite it with the relay's own context.
 */
export class KeepOriginPropagator implements TextMapPropagator {
  constructor(private readonly inner: TextMapPropagator) {}

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (carrierHasTraceparent(carrier)) return;
    this.inner.inject(context, carrier, setter);
  }

  extract: TextMapPropagator['extract'] = (context, carrier, getter) => this.inner.extract(context, carrier, getter);

  fields(): string[] {
    return this.inner.fields();
  }
}

function carrierHasTraceparent(carrier: unknown): boolean {
  if (typeof carrier !== 'object' || carrier === null) return false;
  const value = (carrier as Record<string, unknown>)['traceparent'];
  return value !== undefined && value !== null && value !== '';
}
