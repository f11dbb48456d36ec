import type { EventStore } from '@training-ledger/event-store';
import { METRIC_PREFIX, type ServiceMetrics } from '@training-ledger/platform';
import { Counter, Gauge } from 'prom-client';
import { LAG_COUNT_CAP, LAG_UNKNOWN, type RuntimeStatus } from './runtime-status';

/** Gauges read within this long of each other share one status read: one scrape reads the sources once. */
const ONE_SCRAPE_MS = 1_000;

const running = (state: string) => (state === 'running' ? 1 : 0);

/** What GET /status reports, as gauges; the same reading, capped the same way, not a second computation. */
const RUNTIME_GAUGES: Record<string, { help: string; labelNames: string[]; read: (status: RuntimeStatus, gauge: Gauge<string>) => void }> = {
  relay_running: {
    help: 'Whether the relay that publishes the service log on Kafka runs (1) or not (0); absent where no relay works (API replicas)',
    labelNames: ['topic'],
    read: ({ relay }, gauge) => {
      if (relay) gauge.set({ topic: relay.topic }, running(relay.state));
    },
  },
  relay_lag_events: {
    help: `Events in the service log the relay has not yet published, counted up to ${LAG_COUNT_CAP}`,
    labelNames: ['topic'],
    read: ({ relay }, gauge) => {
      if (relay) gauge.set({ topic: relay.topic }, relay.lag.events);
    },
  },
  consumer_running: {
    help: 'Whether each consumer group of this process runs (1) or not (0)',
    labelNames: ['group'],
    read: ({ consumers }, gauge) => consumers.forEach((consumer) => gauge.set({ group: consumer.group }, running(consumer.state))),
  },
  consumer_lag_messages: {
    help: 'Messages on each partition not yet committed by the consumer group, from the broker',
    labelNames: ['group', 'topic', 'partition'],
    read: ({ consumers }, gauge) =>
      consumers.forEach((consumer) =>
        Object.entries(consumer.lagByPartition).forEach(([key, lag]) => {
          const cut = key.lastIndexOf('/');
          gauge.set({ group: consumer.group, topic: key.slice(0, cut), partition: key.slice(cut + 1) }, lag);
        }),
      ),
  },
  consumer_lag_unknown: {
    help: 'Whether the broker could not be asked for the consumer group lag (1) at the last reading',
    labelNames: ['group'],
    read: ({ consumers }, gauge) => consumers.forEach((consumer) => gauge.set({ group: consumer.group }, consumer.lastError?.startsWith(LAG_UNKNOWN) ? 1 : 0)),
  },
  projection_running: {
    help: 'Whether each projection of the service log kept by this process runs (1) or not (0)',
    labelNames: ['projection'],
    read: ({ projections }, gauge) => projections.forEach((projection) => gauge.set({ projection: projection.name }, running(projection.state))),
  },
  projection_lag_events: {
    help: `Events of the service log a projection has not yet applied, counted up to ${LAG_COUNT_CAP}`,
    labelNames: ['projection'],
    read: ({ projections }, gauge) => projections.forEach((projection) => gauge.set({ projection: projection.name }, projection.lag.events)),
  },
  set_aside_events: {
    help: 'Events set aside (quarantined or dead-lettered) and kept in the service log, by who set them aside: relay:<topic>, consumer:<handler>, projection:<name>',
    labelNames: ['source'],
    read: ({ setAside }, gauge) => Object.entries(setAside.bySource).forEach(([source, count]) => gauge.set({ source }, count)),
  },
};

/** Names of the gauges read from the runtime status, as exported. */
export const RUNTIME_GAUGE_NAMES = Object.keys(RUNTIME_GAUGES).map((name) => `${METRIC_PREFIX}${name}`);

/** One status read shared by the gauges of one scrape, and never two reads at once. */
export function oneReadPerScrape(read: () => Promise<RuntimeStatus>, now: () => number = () => Date.now()): () => Promise<RuntimeStatus> {
  let last: { at: number; status: Promise<RuntimeStatus> } | null = null;
  return () => {
    if (last === null || now() - last.at >= ONE_SCRAPE_MS) {
      const status = read();
      last = { at: now(), status };
      // A failed read is not kept: the next scrape tries again.
      status.catch(() => {
        if (last?.status === status) last = null;
      });
    }
    return last.status;
  };
}

/** Registers the runtime gauges; each scrape reads the status once, as GET /status would. */
export function registerRuntimeMetrics(metrics: ServiceMetrics, status: () => Promise<RuntimeStatus>): void {
  const read = oneReadPerScrape(status);
  for (const [name, { help, labelNames, read: readInto }] of Object.entries(RUNTIME_GAUGES)) {
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames,
      registers: [metrics.registry],
      async collect() {
        const current = await read();
        // Series of a consumer or projection no longer there must not linger with their last value.
        this.reset();
        readInto(current, this);
      },
    });
  }
}

/** Counts the events written to the log, by type; a retry that writes nothing counts nothing. */
export function countingAppends(store: EventStore, metrics: ServiceMetrics): EventStore {
  const appended = new Counter({
    name: `${METRIC_PREFIX}events_appended_total`,
    help: 'Events appended to the service log, by event type',
    labelNames: ['type'],
    registers: [metrics.registry],
  });
  return {
    appendToStream: async (streamName, events, options) => {
      const result = await store.appendToStream(streamName, events, options);
      if (result.written) for (const event of events) appended.inc({ type: event.type });
      return result;
    },
    readStream: (streamName, options) => store.readStream(streamName, options),
    readStreams: (streams) => store.readStreams(streams),
    readStreamJson: (streamName, options) => store.readStreamJson(streamName, options),
    readAll: (from, options) => store.readAll(from, options),
    readStreamHeads: (category, options) => store.readStreamHeads(category, options),
    subscribe: (from, options) => store.subscribe(from, options),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
