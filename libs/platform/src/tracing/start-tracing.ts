import { tracingSettings } from './tracing-settings';

/**
 * Imported first by every service's main module, before Nest, pg or kafkajs are loaded, since the
 * instrumentations patch those modules as they load. With tracing off (the default) nothing of the
 * SDK is even loaded; with it on, the standard OTEL_* variables configure the export.
 */
const settings = tracingSettings(process.env, require.main?.filename);
if (settings.enabled) startSdk(settings.serviceName);

function startSdk(serviceName: string): void {
  // Prometheus serves the metrics and pino the logs: only traces go out unless asked otherwise.
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  process.env['OTEL_NODE_ENABLED_INSTRUMENTATIONS'] ??= 'http,express,nestjs-core,pg,kafkajs,mongodb';
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK, core } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { getNodeAutoInstrumentations } =
    require('@opentelemetry/auto-instrumentations-node') as typeof import('@opentelemetry/auto-instrumentations-node');
  const { KeepOriginPropagator } = require('./keep-origin-propagator') as typeof import('./keep-origin-propagator');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName,
    textMapPropagator: new KeepOriginPropagator(new core.W3CTraceContextPropagator()),
    instrumentations: [
      getNodeAutoInstrumentations({
        // Health and metrics probes every few seconds would bury the requests that matter.
        '@opentelemetry/instrumentation-http': { ignoreIncomingRequestHook: (request) => isProbe(request.url) },
      }),
    ],
  });
  sdk.start();
  // Spans still batched when the service stops are sent before it exits.
  process.once('beforeExit', () => void sdk.shutdown());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.prependListener(signal, () => void sdk.shutdown());
}

function isProbe(url: string | undefined): boolean {
  return /^\/(health|metrics|status)(\/|\?|$)/.test(url ?? '');
}
