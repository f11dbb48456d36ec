import { tracingSettings } from './tracing-settings';

describe('tracingSettings', () => {
  const main = '/srv/app/dist/services/enrolment/src/main.js';

  it('is off when nothing asks for it', () => {
    expect(tracingSettings({}, main)).toEqual({ enabled: false, serviceName: 'enrolment' });
  });

  it('is on for an OTLP endpoint or a named exporter, and off for none or a disabled SDK', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, main).enabled).toBe(true);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' }, main).enabled).toBe(true);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, main).enabled).toBe(false);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, main).enabled).toBe(false);
  });

  it('names the service from OTEL_SERVICE_NAME, then SERVICE_NAME, then the main module’s path', () => {
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'a', SERVICE_NAME: 'b' }, main).serviceName).toBe('a');
    expect(tracingSettings({ SERVICE_NAME: 'b' }, main).serviceName).toBe('b');
    expect(tracingSettings({}, undefined).serviceName).toBe('training-ledger');
  });
});
