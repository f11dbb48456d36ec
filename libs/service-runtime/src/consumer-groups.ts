import { redriveTopic, type ConsumerRoute } from '@training-ledger/messaging';
import type { Admin } from 'kafkajs';
import type { ConsumerRegistration } from './integration-consumers';

/** One consumer group of a service: it reads one topic for every handler of the service that reads it. */
export interface ServiceConsumerGroup {
  /** `<service>.reads.<topic>`. */
  readonly groupId: string;
  readonly topic: string;
  /** Named `<service>.<registration>`, as each handler's own group was: its dead letters and redrives keep their topics. */
  readonly routes: readonly ConsumerRoute[];
  /** The route each topic the group subscribes to (its topic, then redrive topics) is read for. */
  readonly readersOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * A handler that reads several topics is a route of each topic's group; its redrive topic is read
 * by the group of its first topic, which hands what arrives there to it alone.
 */
export function consumerGroupsOf(service: string, prefix: string, registrations: readonly ConsumerRegistration[]): ServiceConsumerGroup[] {
  const topics = [...new Set(registrations.flatMap((registration) => registration.topics))];
  return topics.map((topic) => {
    const readers = registrations.filter((registration) => registration.topics.includes(topic));
    const routes = readers.map((registration): ConsumerRoute => {
      const name = `${prefix}${service}.${registration.name}`;
      const common = {
        name,
        ...(registration.eventTypes ? { eventTypes: registration.eventTypes } : {}),
        ...(registration.maxBatchSize === undefined ? {} : { maxBatchSize: registration.maxBatchSize }),
        ...(registration.topics[0] === topic ? { redriveTopic: redriveTopic(name) } : {}),
      };
      return 'batchHandler' in registration ? { ...common, batchHandler: registration.batchHandler } : { ...common, handler: registration.handler };
    });
    const prefixed = `${prefix}${topic}`;
    const readersOf = new Map<string, readonly string[]>([[prefixed, routes.map((route) => route.name)]]);
    for (const route of routes) if (route.redriveTopic) readersOf.set(route.redriveTopic, [route.name]);
    return { groupId: `${prefix}${service}.reads.${topic}`, topic: prefixed, routes, readersOf };
  });
}

const ROUTES_METADATA = 'routes=';

/** The offset metadata a group commits: the routes its offsets speak for. */
export function routesMetadata(routes: readonly string[]): string {
  return `${ROUTES_METADATA}${[...routes].sort().join(' ')}`;
}

function routesOfMetadata(metadata: string | null): ReadonlySet<string> {
  if (!metadata?.startsWith(ROUTES_METADATA)) return new Set();
  return new Set(metadata.slice(ROUTES_METADATA.length).split(' ').filter((name) => name.length > 0));
}

export interface PartitionStart {
  readonly partition: number;
  readonly offset: string;
}

export interface CommittedOffset extends PartitionStart {
  /** `-1` when nothing is committed. */
  readonly offset: string;
  readonly metadata: string | null;
}

/**
 * Where a group must start on each partition so that none of its routes misses a message it has
 * not handled: the group's committed offset covers the routes its metadata names; a route it does
 * not name starts where the route's own group (before groups were shared) committed, or at the
 * partition's first message. Handlers are idempotent, so starting earlier than a route needs only
 * repeats deliveries. Only the partitions whose start must change are returned; a group that has
 * committed nothing starts at the first message anyway.
 */
export function startingOffsets(input: {
  readonly routes: readonly string[];
  readonly committed: readonly CommittedOffset[];
  readonly formerGroups: ReadonlyMap<string, readonly PartitionStart[]>;
  readonly earliest: readonly PartitionStart[];
}): PartitionStart[] {
  const changes: PartitionStart[] = [];
  for (const { partition, offset: first } of [...input.earliest].sort((a, b) => a.partition - b.partition)) {
    const committed = input.committed.find((entry) => entry.partition === partition);
    const groupOffset = BigInt(committed?.offset ?? '-1');
    const members = groupOffset >= 0n ? routesOfMetadata(committed?.metadata ?? null) : new Set<string>();
    const starts: bigint[] = members.size > 0 ? [groupOffset] : [];
    for (const route of input.routes) {
      if (members.has(route)) continue;
      const former = BigInt(input.formerGroups.get(route)?.find((entry) => entry.partition === partition)?.offset ?? '-1');
      starts.push(former >= 0n ? former : BigInt(first));
    }
    if (starts.length === 0) continue;
    const start = starts.reduce((lowest, next) => (next < lowest ? next : lowest));
    const target = start < BigInt(first) ? BigInt(first) : start;
    if (target === groupOffset || (groupOffset < 0n && target === BigInt(first))) continue;
    changes.push({ partition, offset: target.toString() });
  }
  return changes;
}

/**
 * More messages than a route may be behind its group and still join it: a route further behind
 * (a handler new to a service with years of messages) catches up in a group of its own first, so
 * that the others are not handed everything again. It joins at a later start, once its own group
 * is near the shared one; the shared group then goes back only as far as it is behind.
 */
export const CATCH_UP_BEYOND_MESSAGES = 10_000;

/**
 * The routes of a group that has committed before that must catch up on their own: routes its
 * metadata does not name, whose own group (or the partition's first message, when they have none)
 * is more than `CATCH_UP_BEYOND_MESSAGES` behind it.
 */
export function routesCatchingUp(input: {
  readonly routes: readonly string[];
  readonly committed: readonly CommittedOffset[];
  readonly formerGroups: ReadonlyMap<string, readonly PartitionStart[]>;
  readonly earliest: readonly PartitionStart[];
  readonly beyond?: number;
}): string[] {
  const beyond = BigInt(input.beyond ?? CATCH_UP_BEYOND_MESSAGES);
  const established = input.committed.filter((entry) => BigInt(entry.offset) >= 0n && routesOfMetadata(entry.metadata).size > 0);
  if (established.length === 0) return [];
  return input.routes.filter((route) => {
    if (established.some((entry) => routesOfMetadata(entry.metadata).has(route))) return false;
    let behind = 0n;
    for (const { partition, offset } of established) {
      const own = BigInt(input.formerGroups.get(route)?.find((entry) => entry.partition === partition)?.offset ?? '-1');
      const first = BigInt(input.earliest.find((entry) => entry.partition === partition)?.offset ?? '0');
      const from = own >= 0n ? own : first;
      if (BigInt(offset) > from) behind += BigInt(offset) - from;
    }
    return behind > beyond;
  });
}

/** The group without the routes that catch up on their own, and those routes. */
export function withoutRoutes(group: ServiceConsumerGroup, names: readonly string[]): { readonly shared: ServiceConsumerGroup; readonly apart: readonly ConsumerRoute[] } {
  const leaving = new Set(names);
  const readersOf = new Map<string, readonly string[]>();
  for (const [topic, readers] of group.readersOf) {
    const staying = readers.filter((name) => !leaving.has(name));
    if (staying.length > 0) readersOf.set(topic, staying);
  }
  return {
    shared: { ...group, routes: group.routes.filter((route) => !leaving.has(route.name)), readersOf },
    apart: group.routes.filter((route) => leaving.has(route.name)),
  };
}

/** What a group's topic says of the group and its routes' own groups; read before it runs. */
async function offsetsOf(admin: Admin, groupId: string, topic: string, routes: readonly string[]) {
  const [own] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const formerGroups = new Map<string, readonly PartitionStart[]>();
  for (const route of routes) {
    const [former] = await admin.fetchOffsets({ groupId: route, topics: [topic] });
    formerGroups.set(route, former?.partitions ?? []);
  }
  const earliest = (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low }));
  return { routes, committed: own?.partitions ?? [], formerGroups, earliest };
}

/** Splits off the routes that must catch up in a group of their own (see `routesCatchingUp`). */
export async function planGroup(
  admin: Admin,
  group: ServiceConsumerGroup,
  options: { readonly catchUpBeyond?: number } = {},
): Promise<{ readonly shared: ServiceConsumerGroup; readonly apart: readonly ConsumerRoute[] }> {
  const offsets = await offsetsOf(admin, group.groupId, group.topic, group.readersOf.get(group.topic) ?? []);
  return withoutRoutes(group, routesCatchingUp({ ...offsets, beyond: options.catchUpBeyond }));
}

export type GroupAlignment =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'moved'; readonly starts: readonly { readonly topic: string; readonly partitions: readonly PartitionStart[] }[] }
  /** Another replica's consumer already runs in the group, which it aligned when it started. */
  | { readonly kind: 'group-running'; readonly reason: string };

/** Moves the group's start back where a route of it would otherwise miss messages (see `startingOffsets`), before it runs. */
export async function alignGroupStart(admin: Admin, group: ServiceConsumerGroup): Promise<GroupAlignment> {
  const starts: { topic: string; partitions: PartitionStart[] }[] = [];
  for (const [topic, routes] of group.readersOf) {
    const partitions = startingOffsets(await offsetsOf(admin, group.groupId, topic, routes));
    if (partitions.length === 0) continue;
    try {
      await admin.setOffsets({ groupId: group.groupId, topic, partitions });
    } catch (error) {
      return { kind: 'group-running', reason: error instanceof Error ? error.message : String(error) };
    }
    starts.push({ topic, partitions });
  }
  return starts.length === 0 ? { kind: 'unchanged' } : { kind: 'moved', starts };
}
