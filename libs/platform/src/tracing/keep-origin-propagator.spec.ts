import { defaultTextMapSetter, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { KeepOriginPropagator } from './keep-origin-propagator';

describe('KeepOriginPropagator', () => {
  const propagator = new KeepOriginPropagator(new W3CTraceContextPropagator());
  const active = trace.setSpanContext(ROOT_CONTEXT, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED });

  it('injects the active context into a carrier without one', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(active, carrier, defaultTextMapSetter);
    expect(carrier['traceparent']).toBe(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
  });

  it('keeps the traceparent a message already carries', () => {
    const origin = `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`;
    const carrier: Record<string, string> = { traceparent: origin };
    propagator.inject(active, carrier, defaultTextMapSetter);
    expect(carrier['traceparent']).toBe(origin);
  });
});
