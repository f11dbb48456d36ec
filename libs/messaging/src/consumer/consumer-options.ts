import type { Kafka } from 'kafkajs';
import type { BackoffPolicy } from '../async-utils';
import type { CommitCadence } from './offset-commits';
import type { DecodedIntegrationMessage } from '../envelope';
import type { MessagingLogger } from '../logger';
import type { Quarantine } from '../quarantine';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Must be idempotent by `message.eventId`: delivery is at least once (the relay may publish an
 * event twice, and a crash between a handler's write and the offset commit redelivers it). The
 * dedupe record has to be written in the same transaction as the state it guards (projections use
 * guarded upserts), so it belongs to the handler, not to this consumer.
 */
export type IntegrationEventHandler = (message: DecodedIntegrationMessage, context: MessageContext) => Promise<void>;

export interface MessageInBatch {
  readonly message: DecodedIntegrationMessage;
  readonly context: MessageContext;
}

/**
 * Handles consecutive messages of one partition in one go (one write for many events), under the
 * same idempotency duty as a single-message handler. When it fails, the consumer settles the same
 * messages one at a time, so retries and dead letters stay per message.
 */
export type IntegrationEventBatchHandler = (messages: readonly MessageInBatch[]) => Promise<void>;

/** Contract check run after decoding: null when the message is acceptable, otherwise the reason. */
export type IntegrationMessageValidator = (message: DecodedIntegrationMessage) => string | null;

export interface RetryPolicy extends BackoffPolicy {
  /**
   * Handler calls per message, the first one included, before a failure that is not transient parks
   * it. Transient failures (see `isTransientFailure`) are retried, at `maxDelayMs` at most, until
   * they pass: parking a message only because a database was restarting would lose it.
   */
  readonly attempts: number;
}

export interface FetchGathering {
  readonly minBytes: number;
  readonly maxWaitMs: number;
}

/**
 * A fetch answered as soon as one message is there costs a request (and an offset commit) per
 * message while events trickle in one at a time, for every consumer group of the topic: on two
 * cores, the idle consumer groups of the national programme spent a third of their process's CPU
 * writing such requests. The broker gathers 64 KiB instead, or answers after 200 ms with what it
 * has: a message waits 200 ms at most, and an idle group asks five times a second.
 */
export const DEFAULT_FETCH: FetchGathering = { minBytes: 64 * 1024, maxWaitMs: 200 };

/**
 * One handler of a group that several handlers share: the group fetches and decodes each message
 * once and hands it to every route that reads its type, in the order the routes are given. A route
 * keeps its own retries, dead-letter topic and redrive topic, named after `name`, so that what one
 * handler gives up on is parked, redriven and counted as its own.
 */
export type ConsumerRoute = {
  /** Names the route's dead letters (`dlq-consumer-group`, the quarantine's `consumer:<name>`) and its topics. */
  readonly name: string;
  /** Those of the group's topics the route reads; all of them when omitted. */
  readonly topics?: readonly string[];
  /** The types the route reads; every type when omitted. */
  readonly eventTypes?: readonly string[];
  /** Most messages given to `batchHandler` at once; 200 when omitted. */
  readonly maxBatchSize?: number;
  /** `<name>.dlq.v1` when omitted; create it with `ensureTopics` beforehand. */
  readonly deadLetterTopic?: string;
  /** Where this route's redriven dead letters arrive; read by the group, handed to this route alone. */
  readonly redriveTopic?: string;
} & ({ readonly handler: IntegrationEventHandler } | { readonly batchHandler: IntegrationEventBatchHandler });

export interface IntegrationEventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * The handlers sharing the group. Without routes, the group has one handler, given by `handler`
   * or `batchHandler`, `eventTypes`, `maxBatchSize`, `deadLetterTopic` and `redriveTopic`.
   */
  readonly routes?: readonly ConsumerRoute[];
  /**
   * Written beside every committed offset (Kafka's offset metadata): who the offset speaks for,
   * read back when the group's handlers change. None when omitted.
   */
  readonly commitMetadata?: string;
  /** One of `handler` and `batchHandler` is required; with a batch handler, single messages go through it too. */
  readonly handler?: IntegrationEventHandler;
  readonly batchHandler?: IntegrationEventBatchHandler;
  /** Most messages given to `batchHandler` at once; 200 when omitted. */
  readonly maxBatchSize?: number;
  readonly validate?: IntegrationMessageValidator;
  /**
   * The types the handler reads. A message of any other type is passed over without being decoded
   * or validated, and its offset committed. Every type when omitted.
   */
  readonly eventTypes?: readonly string[];
  /** When settled offsets are committed; `DEFAULT_COMMIT_CADENCE` when omitted. */
  readonly commitCadence?: CommitCadence;
  /** `<groupId>.dlq.v1` when omitted; create it with `ensureTopics` beforehand. */
  readonly deadLetterTopic?: string;
  /** 5 attempts, 100 ms doubling up to 5 s, when omitted. */
  readonly retry?: RetryPolicy;
  /** Which handler failures wait for recovery instead of counting towards `retry.attempts`; `isTransientFailure` when omitted. */
  readonly isTransient?: (error: unknown) => boolean;
  /** Where a group with no committed offset starts; the beginning by default, so read models see all history. */
  readonly fromBeginning?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How much the broker gathers before it answers a fetch, and how long at most; {@link DEFAULT_FETCH} when omitted. */
  readonly fetch?: FetchGathering;
  readonly logger?: MessagingLogger;
  /**
   * Where redriven dead letters arrive (`redriveTopic(groupId)` as the services run); read as one
   * more topic, by the same handler. None when omitted; create it with `ensureTopics` beforehand.
   */
  readonly redriveTopic?: string;
  /** Where a dead-lettered message is also recorded durably, for the service's status; none when omitted. */
  readonly quarantine?: Quarantine;
}

export type IntegrationEventConsumerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface IntegrationEventConsumerStatus {
  readonly state: IntegrationEventConsumerState;
  readonly groupId: string;
  /** The routes the group hands messages to; the group's own name when it has a single handler. */
  readonly routes: readonly string[];
  readonly connected: boolean;
  /** Messages behind the end of each partition as of the last fetched batch, keyed `topic/partition`. */
  readonly lagByPartition: Readonly<Record<string, number>>;
  readonly handledMessages: number;
  /** Messages of types the handler does not read, committed past undecoded. */
  readonly passedOverMessages: number;
  readonly deadLetteredMessages: number;
  readonly lastError: string | null;
  /** When the message in hand first failed transiently, while it still does: the partition waits for recovery. */
  readonly waitingForRecoverySince: string | null;
}
