import { Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';
import { createJsonLineLogger, errorMessage, type MessagingLogger } from '../logger';
import { handleBatchTraced } from '../tracing';
import {
  DEFAULT_FETCH,
  type IntegrationEventConsumerOptions,
  type IntegrationEventConsumerState,
  type IntegrationEventConsumerStatus,
  type MessageContext,
  type MessageInBatch,
  type RetryPolicy,
} from './consumer-options';
import { Route, routesForTopic, routesOf } from './consumer-routes';
import { decodeAndCheck } from './message-checks';
import { byTopic, type CommitCadence, type CommitOffsets, DEFAULT_COMMIT_CADENCE, DeferredCommits } from './offset-commits';
import { type ChunkSettlement, ConsumerProgress, type Settlement } from './settlement';
import { isTransientFailure } from './transient-failure';

export { DEFAULT_FETCH, type FetchGathering } from './consumer-options';
export type {
  ConsumerRoute,
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

type Accepted = MessageInBatch & { readonly raw: KafkaMessage };

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
  private readonly routes: readonly Route[];
  private readonly routesByTopic = new Map<string, readonly Route[]>();
  /** With a batch handler among the routes, messages are settled a chunk at a time; otherwise one by one. */
  private readonly chunked: boolean;
  private readonly logger: MessagingLogger;

  private state: IntegrationEventConsumerState = 'idle';
  private connected = false;
  private readonly lagByPartition: Record<string, number> = {};
  private readonly progress = new ConsumerProgress();
  private readonly abort = new AbortController();
  private stopping: Promise<void> | null = null;
  private readonly commits: DeferredCommits;
  private commitTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: IntegrationEventConsumerOptions) {
    if (options.topics.length === 0) throw new RangeError('IntegrationEventConsumer needs at least one topic');
    const routes = routesOf(options);
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
    const parts = {
      groupId: options.groupId,
      producer: this.deadLetterProducer,
      retry,
      isTransient: options.isTransient ?? isTransientFailure,
      quarantine: options.quarantine,
      logger: this.logger,
      stopping: this.abort.signal,
      progress: this.progress,
    };
    this.routes = routes.map((route) => new Route(route, parts));
    this.chunked = this.routes.some((route) => route.batchHandler !== null);
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
      const redriveTopics = this.routes.flatMap((route) => (route.redriveTopic ? [route.redriveTopic] : []));
      const topics = [...new Set([...this.options.topics, ...redriveTopics])];
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
      routes: this.routes.map((route) => route.name),
      deadLetterTopics: this.routes.map((route) => route.deadLetters.topic),
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
      routes: this.routes.map((route) => route.name),
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

  private readonly commitBetweenBatches: CommitOffsets = (offsets) =>
    this.consumer.commitOffsets(offsets.map((offset) => ({ ...offset, metadata: this.options.commitMetadata ?? null })));

  private commitInBatch(payload: EachBatchPayload): CommitOffsets {
    return (offsets) => payload.commitOffsetsIfNecessary({ topics: byTopic(offsets, this.options.commitMetadata) });
  }

  private routesFor(topic: string): readonly Route[] {
    let routes = this.routesByTopic.get(topic);
    if (!routes) {
      routes = routesForTopic(this.routes, topic);
      this.routesByTopic.set(topic, routes);
    }
    return routes;
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
    const routes = this.routesFor(payload.batch.topic);
    if (this.chunked) return this.handleInChunks(payload, routes);
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.abort.signal.aborted;
    const generation = this.commits.currentGeneration;
    for (const message of batch.messages) {
      if (!owned()) break;
      const context: MessageContext = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const settled = await this.settle(message, context, routes, heartbeat, owned);
      if (settled.kind === 'interrupted') break;
      await this.settled(payload, generation, message.offset, 1);
      await heartbeat();
    }
    await this.endOfBatch(payload);
  }

  private async handleInChunks(payload: EachBatchPayload, routes: readonly Route[]): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const owned = () => isRunning() && !isStale() && !this.abort.signal.aborted;
    // As large as the largest route takes: each route is handed its messages of a chunk in pieces of its own size.
    const chunkSize = Math.max(...routes.map((route) => route.maxBatchSize));
    const generation = this.commits.currentGeneration;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!owned()) break;
      const chunk = batch.messages.slice(start, start + chunkSize);
      const settled = await this.settleChunk(chunk, batch.topic, batch.partition, routes, heartbeat, owned);
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
    routes: readonly Route[],
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<ChunkSettlement> {
    const accepted = new Map<Route, Accepted[]>();
    for (const raw of chunk) {
      const context: MessageContext = { topic, partition, offset: raw.offset };
      const checked = await decodeAndCheck(raw, context, routes, this.options.validate, heartbeat);
      switch (checked.kind) {
        case 'interrupted':
          return checked;
        case 'passed-over':
          this.progress.passedOverMessages += 1;
          break;
        case 'dead-lettered':
          break;
        case 'decoded':
          for (const reader of checked.readers) {
            const messages = accepted.get(reader) ?? [];
            messages.push({ message: checked.message, context, raw });
            accepted.set(reader, messages);
          }
          break;
      }
    }
    // Side by side, as when each handler had a group of its own: one waiting on its database does not delay the others' writes.
    const settlements = await Promise.all(
      routes.flatMap((route) => {
        const messages = accepted.get(route);
        return messages ? [this.settleForRoute(route, messages, heartbeat, owned)] : [];
      }),
    );
    return settlements.find((settled) => settled.kind === 'interrupted') ?? { kind: 'settled' };
  }

  /** The route's messages of a chunk in calls of its batch handler of at most its size; when one fails, or it has none, one at a time. */
  private async settleForRoute(
    route: Route,
    accepted: readonly Accepted[],
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<ChunkSettlement> {
    for (let start = 0; start < accepted.length; start += route.maxBatchSize) {
      const settled = await this.settlePiece(route, accepted.slice(start, start + route.maxBatchSize), heartbeat, owned);
      if (settled.kind === 'interrupted') return settled;
    }
    return { kind: 'settled' };
  }

  private async settlePiece(
    route: Route,
    accepted: readonly Accepted[],
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<ChunkSettlement> {
    const { batchHandler } = route;
    if (batchHandler) {
      try {
        const batch = accepted.map(({ message, context }) => ({ message, context }));
        await handleBatchTraced(this.options.groupId, batch, () => batchHandler(batch));
        this.progress.handledMessages += accepted.length;
        return { kind: 'settled' };
      } catch (error) {
        this.progress.lastError = errorMessage(error);
        const { topic, partition } = accepted[0]!.context;
        this.logger.warn('Integration event batch failed; settling its messages one by one', {
          route: route.name,
          topic,
          partition,
          messages: accepted.length,
          error: this.progress.lastError,
        });
      }
    }
    for (const { raw, message, context } of accepted) {
      const settled = await route.retries.handle(raw, message, context, heartbeat, owned);
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
    routes: readonly Route[],
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<Settlement> {
    const checked = await decodeAndCheck(message, context, routes, this.options.validate, heartbeat);
    if (checked.kind === 'passed-over') this.progress.passedOverMessages += 1;
    if (checked.kind !== 'decoded') return checked;
    for (const reader of checked.readers) {
      const settled = await reader.retries.handle(message, checked.message, context, heartbeat, owned);
      if (settled.kind === 'interrupted') return settled;
    }
    return { kind: 'handled' };
  }
}
