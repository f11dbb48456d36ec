import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { backoffDelay, sleep, type BackoffPolicy } from '../async-utils';
import {
  decodeIntegrationMessage,
  IntegrationHeaders,
  MalformedIntegrationMessageError,
  type DecodedIntegrationMessage,
} from '../envelope';
import { createJsonLineLogger, errorMessage, type MessagingLogger } from '../logger';
import type { Quarantine } from '../quarantine';
import { deadLetterTopic } from '../topics';
import { handleBatchTraced, handleTraced } from '../tracing';
import { isTransientFailure } from './transient-failure';

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

export interface IntegrationEventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** One of `handler` and `batchHandler` is required; with a batch handler, single messages go through it too. */
  readonly handler?: IntegrationEventHandler;
  readonly batchHandler?: IntegrationEventBatchHandler;
  /** Most messages given to `batchHandler` at once; 200 when omitted. */
  readonly maxBatchSize?: number;
  readonly validate?: IntegrationMessageValidator;
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
  readonly connected: boolean;
  /** Messages behind the end of each partition as of the last fetched batch, keyed `topic/partition`. */
  readonly lagByPartition: Readonly<Record<string, number>>;
  readonly handledMessages: number;
  readonly deadLetteredMessages: number;
  readonly lastError: string | null;
  /** When the message in hand first failed transiently, while it still does: the partition waits for recovery. */
  readonly waitingForRecoverySince: string | null;
}

/** Headers added to a dead-lettered message; its original key, value and headers are kept. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  failureKind: 'dlq-failure-kind',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  consumerGroup: 'dlq-consumer-group',
  deadLetteredAt: 'dlq-dead-lettered-at',
} as const;

/** Why a message went to the dead-letter topic. */
export type DeadLetterFailureKind = 'malformed' | 'invalid' | 'handler-failed';

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5_000, multiplier: 2 };
const MAX_REASON_LENGTH = 2_000;
/** Settled messages of one partition committed together, unless this much time has passed first. */
const COMMIT_EVERY_MESSAGES = 100;
const COMMIT_EVERY_MS = 1_000;

/**
 * Consumes integration events with kafkajs directly rather than through the @nestjs/microservices
 * Kafka transport, because that transport commits offsets on its own schedule and has no
 * dead-letter path. Here an offset is committed only after the handler's durable write succeeded
 * (or after the message was safely written to the dead-letter topic), so no message is lost or
 * silently dropped. A message that keeps failing for a reason of its own is parked after bounded
 * retries instead of blocking its partition forever; one that fails because a dependency is down
 * holds its partition until the dependency is back, since the messages behind it must not overtake it.
 */
export class IntegrationEventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetterProducer: Producer;
  private readonly deadLetterTopic: string;
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  private readonly handler: IntegrationEventHandler;

  private state: IntegrationEventConsumerState = 'idle';
  private connected = false;
  private readonly lagByPartition: Record<string, number> = {};
  private handledMessages = 0;
  private deadLetteredMessages = 0;
  private lastError: string | null = null;
  private waitingForRecoverySince: Date | null = null;
  private readonly abort = new AbortController();
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: IntegrationEventConsumerOptions) {
    if (options.topics.length === 0) throw new RangeError('IntegrationEventConsumer needs at least one topic');
    const { handler, batchHandler } = options;
    if (handler) this.handler = handler;
    else if (batchHandler) this.handler = (message, context) => batchHandler([{ message, context }]);
    else throw new TypeError('IntegrationEventConsumer needs a handler or a batchHandler');
    this.deadLetterTopic = options.deadLetterTopic ?? deadLetterTopic(options.groupId);
    this.retry = options.retry ?? DEFAULT_RETRY;
    if (!Number.isInteger(this.retry.attempts) || this.retry.attempts < 1) {
      throw new RangeError('retry.attempts must be a positive integer');
    }
    this.logger =
      options.logger ?? createJsonLineLogger({ component: 'IntegrationEventConsumer', groupId: options.groupId });
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs }),
    });
    this.deadLetterProducer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 on the key, as Java clients do, so every client maps a stream to the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const { CONNECT, DISCONNECT, CRASH, END_BATCH_PROCESS } = this.consumer.events;
    this.consumer.on(CONNECT, () => {
      this.connected = true;
    });
    this.consumer.on(DISCONNECT, () => {
      this.connected = false;
    });
    this.consumer.on(CRASH, (event) => {
      this.lastError = errorMessage(event.payload.error);
      this.logger.error('Integration event consumer crashed', {
        error: this.lastError,
        restart: event.payload.restart,
      });
      if (!event.payload.restart) this.state = 'failed';
    });
    this.consumer.on(END_BATCH_PROCESS, (event) => {
      this.lagByPartition[`${event.payload.topic}/${event.payload.partition}`] = Number(event.payload.offsetLag);
    });
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`IntegrationEventConsumer cannot start from state ${this.state}`);
    this.state = 'starting';
    try {
      await this.deadLetterProducer.connect();
      await this.consumer.connect();
      const topics = [...this.options.topics, ...(this.options.redriveTopic ? [this.options.redriveTopic] : [])];
      await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handleBatch(payload),
      });
    } catch (error) {
      this.state = 'failed';
      this.lastError = errorMessage(error);
      await this.disconnectAll();
      throw error;
    }
    this.state = 'running';
    this.logger.info('Integration event consumer started', {
      topics: this.options.topics,
      deadLetterTopic: this.deadLetterTopic,
    });
  }

  /** Stops fetching, lets the message in hand finish and commit, then leaves the group. */
  stop(): Promise<void> {
    if (!this.stopping) this.stopping = this.shutdown();
    return this.stopping;
  }

  get topics(): readonly string[] {
    return this.options.topics;
  }

  status(): IntegrationEventConsumerStatus {
    return {
      state: this.state,
      groupId: this.options.groupId,
      connected: this.connected,
      lagByPartition: { ...this.lagByPartition },
      handledMessages: this.handledMessages,
      deadLetteredMessages: this.deadLetteredMessages,
      lastError: this.lastError,
      waitingForRecoverySince: this.waitingForRecoverySince?.toISOString() ?? null,
    };
  }

  isReady(): boolean {
    return this.state === 'running' && this.connected;
  }

  private async shutdown(): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'stopped';
      return;
    }
    const failed = this.state === 'failed';
    if (!failed) this.state = 'stopping';
    this.abort.abort();
    await this.disconnectAll();
    if (!failed) this.state = 'stopped';
    this.logger.info('Integration event consumer stopped', { state: this.state });
  }

  private async disconnectAll(): Promise<void> {
    // The consumer first: its disconnect waits for the batch in hand, which may still dead-letter.
    await this.consumer.disconnect().catch((error: unknown) => {
      this.logger.warn('Integration event consumer did not disconnect cleanly', { error: errorMessage(error) });
    });
    await this.deadLetterProducer.disconnect().catch((error: unknown) => {
      this.logger.warn('Dead-letter producer did not disconnect cleanly', { error: errorMessage(error) });
    });
  }

  private get isStopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    if (this.options.batchHandler) return this.handleInChunks(payload, this.options.batchHandler);
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.isStopping;
    // A commit is a broker round trip: paying it per message capped a consumer that skips most of
    // its topic at about 150 messages a second. Handlers are idempotent, so committing settled
    // messages in groups only widens what a crash redelivers, never past an unsettled message.
    let settledOffset: string | null = null;
    let settledSinceCommit = 0;
    let lastCommitMs = Date.now();
    const commitSettled = async (): Promise<void> => {
      if (settledOffset === null || settledSinceCommit === 0 || isStale()) return;
      await commitThenResolve(payload, settledOffset);
      settledSinceCommit = 0;
      lastCommitMs = Date.now();
    };
    for (const message of batch.messages) {
      if (!owned()) break;
      const context: MessageContext = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const settled = await this.settle(message, context, heartbeat, owned);
      if (settled.kind === 'interrupted') break;
      settledOffset = message.offset;
      settledSinceCommit += 1;
      if (settledSinceCommit >= COMMIT_EVERY_MESSAGES || Date.now() - lastCommitMs >= COMMIT_EVERY_MS) await commitSettled();
      await heartbeat();
    }
    await commitSettled();
  }

  private async handleInChunks(payload: EachBatchPayload, batchHandler: IntegrationEventBatchHandler): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.isStopping;
    const chunkSize = this.options.maxBatchSize ?? 200;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!owned()) return;
      const chunk = batch.messages.slice(start, start + chunkSize);
      const settled = await this.settleChunk(chunk, batch.topic, batch.partition, batchHandler, heartbeat, owned);
      if (settled.kind === 'interrupted') return;
      await commitThenResolve(payload, chunk[chunk.length - 1].offset);
      await heartbeat();
    }
  }

  private async settleChunk(
    chunk: readonly KafkaMessage[],
    topic: string,
    partition: number,
    batchHandler: IntegrationEventBatchHandler,
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<ChunkSettlement> {
    const accepted: (MessageInBatch & { readonly raw: KafkaMessage })[] = [];
    for (const raw of chunk) {
      const context: MessageContext = { topic, partition, offset: raw.offset };
      const checked = await this.decodeAndCheck(raw, context, heartbeat);
      switch (checked.kind) {
        case 'interrupted':
          return checked;
        case 'dead-lettered':
          break;
        case 'decoded':
          accepted.push({ message: checked.message, context, raw });
          break;
      }
    }
    if (accepted.length === 0) return { kind: 'settled' };
    try {
      const batch = accepted.map(({ message, context }) => ({ message, context }));
      await handleBatchTraced(this.options.groupId, batch, () => batchHandler(batch));
      this.handledMessages += accepted.length;
      return { kind: 'settled' };
    } catch (error) {
      this.lastError = errorMessage(error);
      this.logger.warn('Integration event batch failed; settling its messages one by one', {
        topic,
        partition,
        messages: accepted.length,
        error: this.lastError,
      });
    }
    for (const { raw, message, context } of accepted) {
      const settled = await this.handleWithRetries(raw, message, context, heartbeat, owned);
      if (settled.kind === 'interrupted') return settled;
    }
    return { kind: 'settled' };
  }

  /**
   * Handled or dead-lettered, the message is done with and its offset may be committed; interrupted
   * (stopping, or the partition lost), it stays uncommitted for whoever reads the partition next.
   */
  private async settle(
    message: KafkaMessage,
    context: MessageContext,
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<Settlement> {
    const checked = await this.decodeAndCheck(message, context, heartbeat);
    if (checked.kind !== 'decoded') return checked;
    return this.handleWithRetries(message, checked.message, context, heartbeat, owned);
  }

  /** The decoded message when it may be handled; otherwise the dead letter it became, or the interruption. */
  private async decodeAndCheck(message: KafkaMessage, context: MessageContext, heartbeat: () => Promise<void>): Promise<Checked> {
    let decoded: DecodedIntegrationMessage;
    try {
      decoded = decodeIntegrationMessage(message);
    } catch (error) {
      if (!(error instanceof MalformedIntegrationMessageError)) throw error;
      return this.deadLetter(message, context, 'malformed', error.reason, 0, heartbeat);
    }
    const invalid = this.options.validate?.(decoded) ?? null;
    if (invalid !== null) return this.deadLetter(message, context, 'invalid', invalid, 0, heartbeat);
    return { kind: 'decoded', message: decoded };
  }

  private async handleWithRetries(
    message: KafkaMessage,
    decoded: DecodedIntegrationMessage,
    context: MessageContext,
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<Settlement> {
    const isTransient = this.options.isTransient ?? isTransientFailure;
    // Only failures that would recur count: a message waiting out an outage is never parked.
    let attempts = 0;
    for (let call = 1; ; call += 1) {
      try {
        await handleTraced({ groupId: this.options.groupId, ...context }, decoded, () => this.handler(decoded, context));
        this.handledMessages += 1;
        if (this.waitingForRecoverySince) this.recovered(context);
        return { kind: 'handled' };
      } catch (error) {
        this.lastError = errorMessage(error);
        const transient = isTransient(error);
        if (!transient) attempts += 1;
        const fields = { ...context, eventId: decoded.eventId, type: decoded.type, call, attempts, transient, error: this.lastError };
        if (!transient && attempts >= this.retry.attempts) {
          this.waitingForRecoverySince = null;
          return this.deadLetter(message, context, 'handler-failed', this.lastError, attempts, heartbeat);
        }
        if (transient && !this.waitingForRecoverySince) {
          this.waitingForRecoverySince = new Date();
          this.logger.warn('Integration event handler failed transiently; the partition waits until it succeeds', fields);
        } else if (!transient) {
          this.logger.warn('Integration event handler failed; retrying', fields);
        }
        await heartbeat();
        await sleep(backoffDelay(this.retry, call), this.abort.signal);
        if (!owned()) return { kind: 'interrupted' };
      }
    }
  }

  private recovered(context: MessageContext): void {
    const waitedMs = Date.now() - (this.waitingForRecoverySince?.getTime() ?? Date.now());
    this.waitingForRecoverySince = null;
    this.logger.info('Integration event handler recovered', { ...context, waitedMs });
  }

  /**
   * Dead-lettered once the broker holds the dead letter; until then the partition waits, since
   * committing past a message that is neither handled nor parked would lose it. Interrupted when stopping.
   */
  private async deadLetter(
    message: KafkaMessage,
    context: MessageContext,
    kind: DeadLetterFailureKind,
    reason: string,
    attempts: number,
    heartbeat: () => Promise<void>,
  ): Promise<DeadLettered | Interrupted> {
    const headers: IHeaders = {
      ...message.headers,
      [DeadLetterHeaders.reason]: reason.slice(0, MAX_REASON_LENGTH),
      [DeadLetterHeaders.failureKind]: kind,
      [DeadLetterHeaders.originalTopic]: context.topic,
      [DeadLetterHeaders.originalPartition]: String(context.partition),
      [DeadLetterHeaders.originalOffset]: context.offset,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.consumerGroup]: this.options.groupId,
      [DeadLetterHeaders.deadLetteredAt]: new Date().toISOString(),
    };
    for (let retry = 1; ; retry += 1) {
      try {
        await this.deadLetterProducer.send({
          topic: this.deadLetterTopic,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        await this.options.quarantine?.setAside({
          source: `consumer:${this.options.groupId}`,
          eventId: headerText(message.headers, IntegrationHeaders.eventId),
          eventType: headerText(message.headers, IntegrationHeaders.type),
          streamName: message.key?.toString() ?? '',
          position: `${context.topic}/${context.partition}@${context.offset}`,
          reason: `${kind}: ${reason}`.slice(0, MAX_REASON_LENGTH),
        });
        this.deadLetteredMessages += 1;
        this.logger.error('Integration message sent to the dead-letter topic', {
          ...context,
          deadLetterTopic: this.deadLetterTopic,
          failureKind: kind,
          reason,
          attempts,
        });
        return { kind: 'dead-lettered' };
      } catch (error) {
        this.lastError = errorMessage(error);
        this.logger.error('Could not write to the dead-letter topic; retrying', {
          ...context,
          deadLetterTopic: this.deadLetterTopic,
          error: this.lastError,
        });
        if (this.isStopping) return { kind: 'interrupted' };
        await heartbeat();
        await sleep(backoffDelay(this.retry, retry), this.abort.signal);
        if (this.isStopping) return { kind: 'interrupted' };
      }
    }
  }
}

type Interrupted = { readonly kind: 'interrupted' };
type DeadLettered = { readonly kind: 'dead-lettered' };
/** What became of one message: its offset may be committed unless it was interrupted. */
type Settlement = { readonly kind: 'handled' } | DeadLettered | Interrupted;
type ChunkSettlement = { readonly kind: 'settled' } | Interrupted;
type Checked = { readonly kind: 'decoded'; readonly message: DecodedIntegrationMessage } | DeadLettered | Interrupted;

/**
 * kafkajs fetches from the resolved offset, and after a failed commit it fetches again without
 * rejoining the group. Resolving first would let a lost commit (the broker restarting between a
 * batch and its commit) move the fetch position past messages whose commit never landed: nothing
 * would ever commit them again, and the group would stay behind the end of its partition for good.
 * Resolving only once the commit has landed makes kafkajs fetch them again; handlers are idempotent.
 */
async function commitThenResolve(payload: EachBatchPayload, settledOffset: string): Promise<void> {
  const { batch, commitOffsetsIfNecessary, resolveOffset } = payload;
  await commitOffsetsIfNecessary({
    topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(settledOffset) }] }],
  });
  resolveOffset(settledOffset);
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function headerText(headers: IHeaders | undefined, name: string): string {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? '' : first.toString();
}
