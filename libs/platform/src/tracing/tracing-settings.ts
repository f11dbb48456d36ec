/** What the standard OpenTelemetry variables ask of a service: nothing at all unless an exporter is named. */
export interface TracingSettings {
  readonly enabled: boolean;
  readonly serviceName: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Off by default: tracing starts only when a traces exporter other than `none` is named
 * (`OTEL_TRACES_EXPORTER`) or an OTLP endpoint is given, and never under `OTEL_SDK_DISABLED=true`.
 * The service name comes from `OTEL_SERVICE_NAME`, else `SERVICE_NAME`, else the path of the
 * service's main module (`dist/services/<name>/src/main.js`).
 */
export function tracingSettings(env: Environment, mainModule: string | undefined): TracingSettings {
  const exporters = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '';
  const asked = exporters.length > 0 ? !exporters.includes('none') : endpoint.trim().length > 0;
  const disabled = (env['OTEL_SDK_DISABLED'] ?? '').trim().toLowerCase() === 'true';
  return { enabled: asked && !disabled, serviceName: serviceNameOf(env, mainModule) };
}

function serviceNameOf(env: Environment, mainModule: string | undefined): string {
  const named = env['OTEL_SERVICE_NAME'] ?? env['SERVICE_NAME'];
  if (named && named.trim().length > 0) return named.trim();
  const fromPath = /services[\\/]([^\\/]+)[\\/]/.exec(mainModule ?? '');
  return fromPath?.[1] ?? 'training-ledger';
}
