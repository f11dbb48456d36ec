import type { EventFilter, EventStore, GlobalPosition } from '@training-ledger/event-store';
import type { EventRelay, IntegrationEventConsumer } from '@training-ledger/messaging';
import type { ProjectionRunner } from '@training-ledger/read-models';
import type { Admin } from 'kafkajs';
import type { EventLogQuarantine, SetAsideEvent } from './quarantine-log';

/** Lag counted up to a cap: a status call must stay cheap however far behind something is. */
export interface Lag {
  readonly events: number;
  /** True when there are at least `events`, and maybe more. */
  readonly atLeast: boolean;
}

export const LAG_COUNT_CAP = 1_000;
const RECENT_SET_ASIDE = 20;
/** How a consumer's last error starts when the broker could not be asked for its lag. */
export const LAG_UNKNOWN = 'lag unknown';

export interface RuntimeStatus {
  readonly service: string;
  readonly checkedAt: string;
  /** What an operator must look at; empty when all is flowing and nothing was set aside. */
  readonly warnings: readonly string[];
  readonly relay: {
    readonly state: string;
    readonly topic: string;
    readonly checkpoint: string | null;
    readonly lag: Lag;
    readonly lastError: string | null;
  } | null;
  readonly consumers: readonly {
    readonly group: string;
    /** The handlers the group reads its topic for, each named as the group it once had of its own. */
    readonly handlers: readonly string[];
    readonly state: string;
    readonly lag: number;
    readonly lagByPartition: Readonly<Record<string, number>>;
    readonly lastError: string | null;
  }[];
  readonly projections: readonly {
    readonly name: string;
    readonly state: string;
    readonly position: string | null;
    readonly lag: Lag;
    readonly error: string | null;
  }[];
  readonly setAside: {
    readonly total: number;
    readonly bySource: Readonly<Record<string, number>>;
    readonly recent: readonly SetAsideEvent[];
  };
}

export interface RuntimeParts {
  readonly service: string;
  readonly store: EventStore;
  readonly quarantine: EventLogQuarantine;
  readonly relay: EventRelay | null;
  readonly consumers: readonly IntegrationEventConsumer[];
  readonly runners: readonly { readonly runner: ProjectionRunner; readonly filter: EventFilter }[];
  readonly admin: () => Promise<Admin>;
  readonly now?: () => Date;
}

/** Reads, in one answer, how far behind each moving part of the service is and what it set aside. */
export async function runtimeStatus(parts: RuntimeParts): Promise<RuntimeStatus> {
  const [relay, consumers, projections, setAside] = await Promise.all([
    relayStatus(parts),
    Promise.all(parts.consumers.map((consumer) => consumerStatus(consumer, parts.admin))),
    Promise.all(parts.runners.map(({ runner, filter }) => projectionStatus(parts.store, runner, filter))),
    parts.quarantine.list(),
  ]);
  const bySource: Record<string, number> = {};
  for (const record of setAside) bySource[record.source] = (bySource[record.source] ?? 0) + 1;
  const status = {
    service: parts.service,
    checkedAt: (parts.now?.() ?? new Date()).toISOString(),
    relay,
    consumers,
    projections,
    setAside: { total: setAside.length, bySource, recent: setAside.slice(-RECENT_SET_ASIDE).reverse() },
  };
  return { ...status, warnings: warningsOf(status) };
}

function warningsOf(status: Omit<RuntimeStatus, 'warnings'>): string[] {
  const lag = (value: Lag) => `${value.events}${value.atLeast ? '+' : ''}`;
  const { relay } = status;
  return [
    ...(relay && relay.state !== 'running' ? [`relay is ${relay.state}${relay.lastError ? `: ${relay.lastError}` : ''}`] : []),
    ...(relay && relay.lag.events > 0 ? [`relay is ${lag(relay.lag)} event(s) behind its log`] : []),
    ...status.consumers.filter((consumer) => consumer.lag > 0).map((consumer) => `consumer ${consumer.group} is ${consumer.lag} message(s) behind`),
    ...status.consumers.filter((consumer) => consumer.state !== 'running').map((consumer) => `consumer ${consumer.group} is ${consumer.state}`),
    ...status.consumers.filter((consumer) => consumer.lastError?.startsWith(LAG_UNKNOWN)).map((consumer) => `consumer ${consumer.group}: ${consumer.lastError}`),
    ...status.projections.filter((projection) => projection.lag.events > 0).map((projection) => `projection ${projection.name} is ${lag(projection.lag)} event(s) behind`),
    ...Object.entries(status.setAside.bySource).map(([source, count]) => `${count} event(s) set aside by ${source} (quarantined or dead-lettered)`),
  ];
}

async function relayStatus(parts: RuntimeParts): Promise<RuntimeStatus['relay']> {
  if (!parts.relay) return null;
  const relay = parts.relay.status();
  return {
    state: relay.state,
    topic: relay.topic,
    checkpoint: relay.checkpoint,
    lag: await lagAfter(parts.store, relay.checkpoint, parts.relay.filter),
    lastError: relay.lastError,
  };
}

async function projectionStatus(store: EventStore, runner: ProjectionRunner, filter: EventFilter): Promise<RuntimeStatus['projections'][number]> {
  const status = runner.status();
  const checkpoint = status.checkpointedPosition?.kind === 'event-log' ? status.checkpointedPosition.globalPosition : null;
  return {
    name: status.projection,
    state: status.state,
    position: checkpoint,
    lag: await lagAfter(store, checkpoint, filter),
    error: status.error,
  };
}

async function lagAfter(store: EventStore, position: GlobalPosition | null, filter: EventFilter | undefined): Promise<Lag> {
  const after = await store.readAll(position === null ? 'start' : { after: position }, { limit: LAG_COUNT_CAP, filter });
  return { events: after.length, atLeast: after.length === LAG_COUNT_CAP };
}

/** From the broker, not the process: committed offsets against each partition's end, whichever replica holds it. */
async function consumerStatus(consumer: IntegrationEventConsumer, admin: () => Promise<Admin>): Promise<RuntimeStatus['consumers'][number]> {
  const own = consumer.status();
  const lagByPartition: Record<string, number> = {};
  try {
    const client = await admin();
    const topics = consumer.topics;
    const committed = await client.fetchOffsets({ groupId: own.groupId, topics: [...topics] });
    for (const topic of committed) {
      const ends = await client.fetchTopicOffsets(topic.topic);
      for (const end of ends) {
        const at = topic.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
        const from = Number(at) < 0 ? Number(end.low) : Number(at);
        lagByPartition[`${topic.topic}/${end.partition}`] = Math.max(0, Number(end.high) - from);
      }
    }
  } catch (error) {
    return { group: own.groupId, handlers: own.routes, state: own.state, lag: 0, lagByPartition: {}, lastError: `${LAG_UNKNOWN}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const lag = Object.values(lagByPartition).reduce((total, value) => total + value, 0);
  return { group: own.groupId, handlers: own.routes, state: own.state, lag, lagByPartition, lastError: own.lastError };
}
