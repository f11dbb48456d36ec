import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric the services export starts with this, so that rules and dashboards find them among others. */
export const METRIC_PREFIX = 'training_ledger_';

/** Request durations in seconds: from a cached read (ms) to a bulk roster or a report page (seconds). */
const REQUEST_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | null = null;

/** CPU, memory, event loop and garbage collection belong to the process, not to one application in it: collected once. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The service's metrics: its own registry (a test process may hold several applications), plus the
 * process metrics. Labels are route templates, event types, consumer groups, projection names and
 * check names, never a raw URL, an id or anything about a person.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly readinessCheckUp: Gauge<'check'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];
    this.requests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route template (unmatched: no route) and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time from a request arriving to its answer being sent, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_SECONDS,
      registers,
    });
    this.readinessCheckUp = new Gauge({
      name: `${METRIC_PREFIX}readiness_check_up`,
      help: 'Outcome of the last /ready probe of each dependency: 1 answered, 0 failed or timed out',
      labelNames: ['check'],
      registers,
    });
  }

  /** The exposition text Prometheus reads: the service's metrics, then the process's. */
  async text(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The names of every metric exported, counters without their `_total` as PromQL sees them too. */
  names(): string[] {
    return [...this.registry.getMetricsAsArray(), ...processMetrics().getMetricsAsArray()].map((metric) => metric.name);
  }
}
