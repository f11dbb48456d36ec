import { buildServices, eventually } from '@training-ledger/test-servers';
import { SystemProcesses } from '../simulation/system-processes';
import { callService } from './support/certified-run';
import { OtelCollector, type CollectedSpan } from './support/otel-collector';

/**
 * Tracing on, exporting over OTLP to a real OpenTelemetry Collector: one request to enrolment and
 * its handling in reporting, after the relay published its event from the outbox, are one trace.
 */
describe('one request is one trace across the services', () => {
  let collector: OtelCollector;
  let system: SystemProcesses;

  beforeAll(async () => {
    await buildServices();
    collector = await OtelCollector.start();
    system = await SystemProcesses.start('traces', {
      environment: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
  }, 600_000);

  afterAll(async () => {
    await system?.stop();
    await collector?.stop();
  }, 120_000);

  it('shares one trace id between enrolment’s request, the event store, the relay and reporting’s consumer', async () => {
    const admin = await system.mint('programme-admin');
    const registered = await callService(system, 'enrolment', admin, '/agencies', { code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'ministry' });
    expect(registered.status).toBeLessThan(300);

    const request = await eventually('enrolment’s request span reaches the collector', async () =>
      collector.spans().find((span) => span.service === 'enrolment' && span.kind === 'Server' && span.name.startsWith('POST')) ?? null,
    30_000);
    const trace = await eventually('reporting’s handling of the agency joins that trace', async () => {
      const spans = collector.spans().filter((span) => span.traceId === request.traceId);
      return spans.some(isReportingHandling) ? spans : null;
    }, 60_000);

    const inTrace = (service: string, test: (span: CollectedSpan) => boolean) => trace.some((span) => span.service === service && test(span));
    expect(inTrace('enrolment', (span) => span.kind === 'Client' && /^pg\./.test(span.name))).toBe(true);
    expect(inTrace('enrolment', (span) => span.kind === 'Producer' && span.name.startsWith('publish '))).toBe(true);
    // Walking up from reporting's handling reaches enrolment's request: the context was carried, hop by hop.
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const chain: string[] = [];
    for (let span = trace.find(isReportingHandling); span; span = byId.get(span.parentId)) chain.push(`${span.service}: ${span.kind} ${span.name}`);
    expect(chain).toContain(`enrolment: Server ${request.name}`);
    expect(chain).toEqual(expect.arrayContaining([expect.stringMatching(/^enrolment: Producer publish /)]));
  }, 180_000);
});

function isReportingHandling(span: CollectedSpan): boolean {
  return span.service === 'reporting' && span.kind === 'Consumer' && span.name === 'handle AgencyRegistered.v1';
}
