import type {
  CheckpointStore,
  EventFilter,
  EventStore,
  EventSubscription,
  GlobalPosition,
  ReadAllFrom,
  RecordedEvent,
} from '@training-ledger/event-store';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { BoundedBatchQueue, backoffDelay, sleep, type BackoffPolicy } from '../async-utils';
import { encodeIntegrationMessage, toIntegrationEvent, type IntegrationEventMapper } from '../envelope';
import { createJsonLineLogger, errorMessage, type MessagingLogger } from '../logger';
import { serviceEventsTopic } from '../topics';

export interface EventRelayOptions {
  /** The publishing service; names the default topic and goes into every envelope's `source`. */
  readonly service: string;
  readonly kafka: Kafka;
  readonly eventStore: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly mapper: IntegrationEventMapper;
  /** `<service>.events.v1` when omitted. */
  readonly topic?: string;
  /** Key of the relay's position in the checkpoint store; `event-relay:<topic>` when omitted. */
  readonly checkpointName?: string;
  /** Read only part of the log, e.g. some stream categories. */
  readonly filter?: EventFilter;
  /** Most events sent in one produce request; 500 when omitted. */
  readonly maxBatchSize?: number;
  /** Pause between attempts when the broker, the checkpoint store or the log fail. */
  readonly retryBackoff?: BackoffPolicy;
  readonly logger?: MessagingLogger;
}

export type EventRelayState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface EventRelayStatus {
  readonly state: EventRelayState;
  readonly topic: string;
  readonly checkpointName: string;
  readonly producerConnected: boolean;
  /** Global position saved after the last acknowledged batch. */
  readonly checkpoint: GlobalPosition | null;
  /** Global position of the last event read from the log. */
  readonly lastReadPosition: GlobalPosition | null;
  /** Events read but not yet acknowledged by the broker: a cheap local lag figure. */
  readonly pendingEvents: number;
  readonly publishedEvents: number;
  readonly skippedEvents: number;
  /** Failed attempts since the last success; above zero the relay is retrying. */
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, multiplier: 2 };

/**
 * Publishes a service's own event log to its Kafka topic (the transactional outbox pattern, with
 * the log itself as the outbox). At least once: the checkpoint moves only after the broker
 * acknowledged a batch, so a crash at any point re-sends at most the unacknowledged tail and never
 * skips an event. Consumers deduplicate by `eventId`, which is the domain event's id.
 *
 * Events flow reader → bounded queue → sender, so reading the log overlaps with waiting for the
 * broker, and every produce request carries whatever has arrived meanwhile (up to `maxBatchSize`).
 * One produce request at a time on an idempotent producer keeps each stream's order on its partition.
 */
export class EventRelay {
  private readonly topic: string;
  private readonly checkpointName: string;
  private readonly maxBatchSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly logger: MessagingLogger;
  private readonly producer: Producer;

  private state: EventRelayState = 'idle';
  private producerConnected = false;
  private checkpoint: GlobalPosition | null = null;
  private lastReadPosition: GlobalPosition | null = null;
  private inFlightEvents = 0;
  private publishedEvents = 0;
  private skippedEvents = 0;
  private consecutiveFailures = 0;
  private lastError: string | null = null;

  private queue: BoundedBatchQueue<RecordedEvent> | null = null;
  private subscription: EventSubscription | null = null;
  private abort = new AbortController();
  private loops: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: EventRelayOptions) {
    this.topic = options.topic ?? serviceEventsTopic(options.service);
    this.checkpointName = options.checkpointName ?? `event-relay:${this.topic}`;
    this.maxBatchSize = options.maxBatchSize ?? 500;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new RangeError('maxBatchSize must be a positive integer');
    }
    this.backoff = options.retryBackoff ?? DEFAULT_BACKOFF;
    this.logger =
      options.logger ?? createJsonLineLogger({ component: 'EventRelay', service: options.service, topic: this.topic });
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 on the key, as Java clients do, so every client maps a stream to the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.producerConnected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
  }

  /** Connects, loads the checkpoint and starts relaying; resolves once relaying has begun. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`EventRelay cannot start from state ${this.state}`);
    this.state = 'starting';
    try {
      await this.producer.connect();
      this.checkpoint = await this.options.checkpoints.load(this.checkpointName);
    } catch (error) {
      this.state = 'failed';
      this.lastError = errorMessage(error);
      await this.producer.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.isStopping) {
      await this.producer.disconnect().catch(() => undefined);
      this.state = 'stopped';
      return;
    }
    this.lastReadPosition = this.checkpoint;
    this.queue = new BoundedBatchQueue<RecordedEvent>(this.maxBatchSize);
    this.state = 'running';
    this.logger.info('Event relay started', {
      checkpointName: this.checkpointName,
      checkpoint: this.checkpoint,
    });
    this.loops = Promise.all([this.guarded(this.readLoop(this.queue)), this.guarded(this.sendLoop(this.queue))]).then(
      () => undefined,
    );
  }

  /**
   * Stops reading, lets the batch in flight finish and records its checkpoint, then disconnects.
   * Events read but not yet sent are dropped: the checkpoint does not cover them, so the next
   * start reads them again.
   */
  stop(): Promise<void> {
    if (!this.stopping) this.stopping = this.shutdown();
    return this.stopping;
  }

  status(): EventRelayStatus {
    return {
      state: this.state,
      topic: this.topic,
      checkpointName: this.checkpointName,
      producerConnected: this.producerConnected,
      checkpoint: this.checkpoint,
      lastReadPosition: this.lastReadPosition,
      pendingEvents: (this.queue?.size ?? 0) + this.inFlightEvents,
      publishedEvents: this.publishedEvents,
      skippedEvents: this.skippedEvents,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
    };
  }

  /** Ready when relaying with a live broker connection. */
  isReady(): boolean {
    return this.state === 'running' && this.producerConnected;
  }

  private async shutdown(): Promise<void> {
    const failed = this.state === 'failed';
    if (this.state === 'idle') {
      this.state = 'stopped';
      return;
    }
    if (!failed) this.state = 'stopping';
    this.abort.abort();
    this.queue?.close({ discard: true });
    await this.closeSubscription();
    await this.loops;
    await this.producer.disconnect().catch((error: unknown) => {
      this.logger.warn('Event relay producer did not disconnect cleanly', { error: errorMessage(error) });
    });
    if (!failed) this.state = 'stopped';
    this.logger.info('Event relay stopped', {
      state: this.state,
      checkpoint: this.checkpoint,
    });
  }

  private get isStopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async readLoop(queue: BoundedBatchQueue<RecordedEvent>): Promise<void> {
    let retry = 0;
    while (!this.isStopping) {
      const from: ReadAllFrom = this.lastReadPosition === null ? 'start' : { after: this.lastReadPosition };
      try {
        const subscription = this.options.eventStore.subscribe(from, { filter: this.options.filter });
        this.subscription = subscription;
        for await (const event of subscription) {
          if (!(await queue.push(event))) break;
          this.lastReadPosition = event.globalPosition;
          retry = 0;
        }
        if (!this.isStopping) throw new Error('event log subscription ended unexpectedly');
      } catch (error) {
        if (this.isStopping) break;
        retry += 1;
        this.recordFailure('Event relay lost its event log subscription; resubscribing', error, retry);
        await sleep(backoffDelay(this.backoff, retry), this.abort.signal);
      } finally {
        await this.closeSubscription();
      }
    }
  }

  private async sendLoop(queue: BoundedBatchQueue<RecordedEvent>): Promise<void> {
    for (;;) {
      const batch = await queue.takeBatch(this.maxBatchSize);
      if (batch === null) return;
      this.inFlightEvents = batch.length;
      try {
        const messages = this.toMessages(batch);
        if (messages === null) return;
        if (messages.length > 0 && !(await this.publish(messages))) return;
        const last = batch[batch.length - 1]!.globalPosition;
        await this.saveCheckpoint(last);
        this.publishedEvents += messages.length;
        this.skippedEvents += batch.length - messages.length;
      } finally {
        this.inFlightEvents = 0;
      }
    }
  }

  /** Null when the mapper or the encoder failed: a bug that retrying cannot fix, so the relay stops. */
  private toMessages(batch: readonly RecordedEvent[]): Message[] | null {
    const messages: Message[] = [];
    for (const event of batch) {
      try {
        const draft = this.options.mapper(event);
        if (draft !== null) messages.push(encodeIntegrationMessage(toIntegrationEvent(this.options.service, event, draft)));
      } catch (error) {
        this.fail('Event relay stopped: cannot map or encode an event', error, {
          eventId: event.eventId,
          type: event.type,
          streamName: event.streamName,
          globalPosition: event.globalPosition,
        });
        return null;
      }
    }
    return messages;
  }

  /** True once the broker acknowledged every message; false when stopping interrupted the retries. */
  private async publish(messages: Message[]): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.producer.send({ topic: this.topic, acks: -1, messages });
        this.consecutiveFailures = 0;
        return true;
      } catch (error) {
        this.recordFailure('Event relay could not publish a batch; retrying', error, attempt, {
          batchSize: messages.length,
        });
        if (this.isStopping) return false;
        await sleep(backoffDelay(this.backoff, attempt), this.abort.signal);
        if (this.isStopping) return false;
      }
    }
  }

  private async saveCheckpoint(position: GlobalPosition): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.checkpoints.save(this.checkpointName, position);
        this.checkpoint = position;
        this.consecutiveFailures = 0;
        return;
      } catch (error) {
        // The batch is already on the broker; failing to record that only means it may be sent again.
        this.recordFailure('Event relay could not save its checkpoint; retrying', error, attempt, {
          position: position,
        });
        if (this.isStopping) return;
        await sleep(backoffDelay(this.backoff, attempt), this.abort.signal);
        if (this.isStopping) return;
      }
    }
  }

  private fail(message: string, error: unknown, fields: Record<string, unknown>): void {
    this.state = 'failed';
    this.lastError = errorMessage(error);
    this.logger.error(message, { error: this.lastError, ...fields });
    void this.stop();
  }

  private async guarded(loop: Promise<void>): Promise<void> {
    try {
      await loop;
    } catch (error) {
      this.fail('Event relay stopped on an unexpected error', error, {});
    }
  }

  private recordFailure(message: string, error: unknown, attempt: number, fields: Record<string, unknown> = {}): void {
    this.consecutiveFailures += 1;
    this.lastError = errorMessage(error);
    this.logger.warn(message, { error: this.lastError, attempt, ...fields });
  }

  private async closeSubscription(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (!subscription) return;
    try {
      await subscription.close();
    } catch (error) {
      this.logger.warn('Event relay could not close its event log subscription', { error: errorMessage(error) });
    }
  }
}
