import { Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';
import { createJsonLineLogger, errorMessage, type MessagingLogger } from '../logger';
import { deadLetterTopic } from '../topics';
import { handleBatchTraced } from '../tracing';
import {
  DEFAULT_FETCH,
  type IntegrationEventBatchHandler,
  type IntegrationEventConsumerOptions,
  type IntegrationEventConsumerState,
  type IntegrationEventConsumerStatus,
  type IntegrationEventHandler,
  type MessageContext,
  type MessageInBatch,
  type RetryPolicy,
} from './consumer-options';
import { DeadLetterWriter } from './dead-letters';
import { HandlerRetries } from './handler-retries';
import { decodeAndCheck } from './message-checks';
import { byTopic, type CommitCadence, type CommitOffsets, DEFAULT_COMMIT_CADENCE, DeferredCommits } from './offset-commits';
import { type ChunkSettlement, ConsumerProgress, type Settlement } from './settlement';
import { isTransientFailure } from './transient-failure';

export { DEFAULT_FETCH, type FetchGathering } from './consumer-options';
export type {
  IntegrationEventBatchHandler,
  IntegrationEventConsumerOptions,
  IntegrationEventConsumerState,
  IntegrationEventConsumerStatus,
  IntegrationEventHandler,
  IntegrationMessageValidator,
  MessageContext,
  MessageInBatch,
  RetryPolicy,
} from './consumer-options';
export { DeadLetterHeaders, type DeadLetterFailureKind } from './dead-letters';

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5_000, multiplier: 2 };

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
  private readonly deadLetters: DeadLetterWriter;
  private readonly handlerRetries: HandlerRetries;
  private readonly logger: MessagingLogger;

  private state: IntegrationEventConsumerState = 'idle';
  private connected = false;
  private readonly lagByPartition: Record<string, number> = {};
  private readonly progress = new ConsumerProgress();
  private readonly reads: (type: string) => boolean;
  private readonly abort = new AbortController();
  private stopping: Promise<void> | null = null;
  private readonly commits: DeferredCommits;
  private commitTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: IntegrationEventConsumerOptions) {
    const readTypes = options.eventTypes ? new Set(options.eventTypes) : null;
    this.reads = readTypes ? (type) => readTypes.has(type) : () => true;
    if (options.topics.length === 0) throw new RangeError('IntegrationEventConsumer needs at least one topic');
    const { handler: singleHandler, batchHandler } = options;
    let handler: IntegrationEventHandler;
    if (singleHandler) handler = singleHandler;
    else if (batchHandler) handler = (message, context) => batchHandler([{ message, context }]);
    else throw new TypeError('IntegrationEventConsumer needs a handler or a batchHandler');
    const retry = options.retry ?? DEFAULT_RETRY;
    if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
      throw new RangeError('retry.attempts must be a positive integer');
    }
    this.logger =
      options.logger ?? createJsonLineLogger({ component: 'IntegrationEventConsumer', groupId: options.groupId });
    const fetch = options.fetch ?? DEFAULT_FETCH;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs }),
      minBytes: fetch.minBytes,
      maxWaitTimeInMs: fetch.maxWaitMs,
    });
    this.deadLetterProducer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 on the key, as Java clients do, so every client maps a stream to the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const shared = { logger: this.logger, stopping: this.abort.signal, progress: this.progress };
    this.deadLetters = new DeadLetterWriter({
      ...shared,
      producer: this.deadLetterProducer,
      topic: options.deadLetterTopic ?? deadLetterTopic(options.groupId),
      groupId: options.groupId,
      retry,
      quarantine: options.quarantine,
    });
    this.handlerRetries = new HandlerRetries({
      ...shared,
      handler,
      groupId: options.groupId,
      retry,
      isTransient: options.isTransient ?? isTransientFailure,
      deadLetters: this.deadLetters,
    });
    this.commits = new DeferredCommits(this.cadence, (error) => {
      this.logger.warn('Committing offsets failed; they stay due for the next commit', { error: errorMessage(error) });
    });
    this.watchConsumerEvents();
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
      this.commitTimer = setInterval(() => void this.commits.commitIfDue(this.commitBetweenBatches), Math.max(this.cadence.everyMs, 100));
      this.commitTimer.unref();
    } catch (error) {
      this.state = 'failed';
      this.progress.lastError = errorMessage(error);
      await this.disconnectAll();
      throw error;
    }
    this.state = 'running';
    this.logger.info('Integration event consumer started', {
      topics: this.options.topics,
      deadLetterTopic: this.deadLetters.topic,
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
      handledMessages: this.progress.handledMessages,
      passedOverMessages: this.progress.passedOverMessages,
      deadLetteredMessages: this.progress.deadLetteredMessages,
      lastError: this.progress.lastError,
      waitingForRecoverySince: this.progress.waitingForRecoverySince?.toISOString() ?? null,
    };
  }

  isReady(): boolean {
    return this.state === 'running' && this.connected;
  }

  private watchConsumerEvents(): void {
    const { CONNECT, DISCONNECT, CRASH, END_BATCH_PROCESS, GROUP_JOIN, REBALANCING } = this.consumer.events;
    this.consumer.on(REBALANCING, () => this.commits.forgetAll());
    this.consumer.on(GROUP_JOIN, () => this.commits.forgetAll());
    this.consumer.on(CONNECT, () => {
      this.connected = true;
    });
    this.consumer.on(DISCONNECT, () => {
      this.connected = false;
    });
    this.consumer.on(CRASH, (event) => {
      this.progress.lastError = errorMessage(event.payload.error);
      this.logger.error('Integration event consumer crashed', {
        error: this.progress.lastError,
        restart: event.payload.restart,
      });
      if (!event.payload.restart) this.state = 'failed';
    });
    this.consumer.on(END_BATCH_PROCESS, (event) => {
      this.lagByPartition[`${event.payload.topic}/${event.payload.partition}`] = Number(event.payload.offsetLag);
    });
  }

  private async shutdown(): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'stopped';
      return;
    }
    const failed = this.state === 'failed';
    if (!failed) this.state = 'stopping';
    this.abort.abort();
    if (this.commitTimer) clearInterval(this.commitTimer);
    // Before the disconnect, while kafkajs still commits between batches; the batch in hand commits its own at its end.
    await this.commits.commitNow(this.commitBetweenBatches);
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

  private get cadence(): CommitCadence {
    return this.options.commitCadence ?? DEFAULT_COMMIT_CADENCE;
  }

  private readonly commitBetweenBatches: CommitOffsets = (offsets) => this.consumer.commitOffsets(offsets);

  private commitInBatch(payload: EachBatchPayload): CommitOffsets {
    return (offsets) => payload.commitOffsetsIfNecessary({ topics: byTopic(offsets) });
  }

  /** Records a settled message (or chunk) and moves the fetch position past it; commits at once when its partition is due. */
  private async settled(payload: EachBatchPayload, generation: number, offset: string, messages: number): Promise<void> {
    const { batch, resolveOffset } = payload;
    resolveOffset(offset);
    if (this.commits.settled(generation, batch.topic, batch.partition, offset, messages)) await this.commits.commitNow(this.commitInBatch(payload));
  }

  /** At a batch's end: what is due when the cadence says so, and everything when the consumer is stopping. */
  private endOfBatch(payload: EachBatchPayload): Promise<void> {
    const commit = this.commitInBatch(payload);
    return this.abort.signal.aborted || !payload.isRunning() ? this.commits.commitNow(commit) : this.commits.commitIfDue(commit);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    if (this.options.batchHandler) return this.handleInChunks(payload, this.options.batchHandler);
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.abort.signal.aborted;
    const generation = this.commits.currentGeneration;
    for (const message of batch.messages) {
      if (!owned()) break;
      const context: MessageContext = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const settled = await this.settle(message, context, heartbeat, owned);
      if (settled.kind === 'interrupted') break;
      await this.settled(payload, generation, message.offset, 1);
      await heartbeat();
    }
    await this.endOfBatch(payload);
  }

  private async handleInChunks(payload: EachBatchPayload, batchHandler: IntegrationEventBatchHandler): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.abort.signal.aborted;
    const chunkSize = this.options.maxBatchSize ?? 200;
    const generation = this.commits.currentGeneration;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!owned()) break;
      const chunk = batch.messages.slice(start, start + chunkSize);
      const settled = await this.settleChunk(chunk, batch.topic, batch.partition, batchHandler, heartbeat, owned);
      if (settled.kind === 'interrupted') break;
      await this.settled(payload, generation, chunk[chunk.length - 1].offset, chunk.length);
      await heartbeat();
    }
    await this.endOfBatch(payload);
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
      const checked = await decodeAndCheck(raw, context, this.reads, this.options.validate, this.deadLetters, heartbeat);
      switch (checked.kind) {
        case 'interrupted':
          return checked;
        case 'passed-over':
          this.progress.passedOverMessages += 1;
          break;
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
      this.progress.handledMessages += accepted.length;
      return { kind: 'settled' };
    } catch (error) {
      this.progress.lastError = errorMessage(error);
      this.logger.warn('Integration event batch failed; settling its messages one by one', {
        topic,
        partition,
        messages: accepted.length,
        error: this.progress.lastError,
      });
    }
    for (const { raw, message, context } of accepted) {
      const settled = await this.handlerRetries.handle(raw, message, context, heartbeat, owned);
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
    const checked = await decodeAndCheck(message, context, this.reads, this.options.validate, this.deadLetters, heartbeat);
    if (checked.kind === 'passed-over') this.progress.passedOverMessages += 1;
    if (checked.kind !== 'decoded') return checked;
    return this.handlerRetries.handle(message, checked.message, context, heartbeat, owned);
  }
}
