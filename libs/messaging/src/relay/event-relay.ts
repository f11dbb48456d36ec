import type {
  CheckpointStore,
  EventFilter,
  EventStore,
  EventSubscription,
  GlobalPosition,
  ReadAllFrom,
  RecordedEvent,
} from '@training-ledger/event-store';
import { type ICustomPartitioner, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { assertNever } from '@training-ledger/decider';
import { BoundedBatchQueue, backoffDelay, sleep, type BackoffPolicy } from '../async-utils';
import type { IntegrationEventMapper } from '../envelope';
import { createJsonLineLogger, errorMessage, type MessagingLogger } from '../logger';
import { type Quarantine } from '../quarantine';
import { deadLetterTopic, serviceEventsTopic } from '../topics';
import { publicationOf, type PublicationProblem } from './publication';
import { publishTraced } from '../tracing';

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
  /** Where an event the contract refuses is recorded before the relay goes on; logged only when omitted. */
  readonly quarantine?: Quarantine;
  /** Where a copy of such an event goes; `<service>.relay.dlq.v1` when omitted. Must exist. */
  readonly deadLetterTopic?: string;
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
  /** Events of the log the contract refused since start: set aside, not published. */
  readonly quarantinedEvents: number;
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
  private readonly deadLetterTopic: string;
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
  private quarantinedEvents = 0;
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
    this.deadLetterTopic = options.deadLetterTopic ?? relayDeadLetterTopic(options.service);
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
      createPartitioner: keyRememberingPartitioner,
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

  /** The part of the log the relay reads; its lag counts only events of that part. */
  get filter(): EventFilter | undefined {
    return this.options.filter;
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
      quarantinedEvents: this.quarantinedEvents,
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
        const { messages, refused } = this.toMessages(batch);
        if (refused.length > 0 && !(await this.setAside(refused))) return;
        if (messages.length > 0 && !(await this.publish(messages))) return;
        const last = batch[batch.length - 1]!.globalPosition;
        await this.saveCheckpoint(last);
        this.publishedEvents += messages.length;
        this.quarantinedEvents += refused.length;
        this.skippedEvents += batch.length - messages.length - refused.length;
      } finally {
        this.inFlightEvents = 0;
      }
    }
  }

  private toMessages(batch: readonly RecordedEvent[]): { messages: Message[]; refused: RefusedEvent[] } {
    const messages: Message[] = [];
    const refused: RefusedEvent[] = [];
    for (const event of batch) {
      const publication = publicationOf(this.options.service, this.options.mapper, event);
      switch (publication.kind) {
        case 'private':
          break;
        case 'publishable':
          messages.push(publication.message);
          break;
        case 'unpublishable':
          refused.push({ event, problems: publication.problems });
          break;
        default:
          assertNever(publication);
      }
    }
    return { messages, refused };
  }

  /**
   * An event its contract refuses is recorded in quarantine and copied to the dead-letter topic
   * before the checkpoint passes it, so that it is never lost, and the events after it still flow.
   */
  private async setAside(refused: readonly RefusedEvent[]): Promise<boolean> {
    for (const { event, problems } of refused) {
      const reason = problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ');
      this.logger.error('Event relay set aside an event its contract refuses; relaying goes on', {
        eventId: event.eventId,
        type: event.type,
        streamName: event.streamName,
        globalPosition: event.globalPosition,
        reason,
      });
      const copied = await this.untilDone('Event relay could not set aside a refused event; retrying', async () => {
        await this.producer.send({
          topic: this.deadLetterTopic,
          acks: -1,
          messages: [relayDeadLetter(this.options.service, event, reason)],
        });
        await this.options.quarantine?.setAside({
          source: `relay:${this.topic}`,
          eventId: event.eventId,
          eventType: event.type,
          streamName: event.streamName,
          position: event.globalPosition,
          reason,
        });
      });
      if (!copied) return false;
    }
    return true;
  }

  private async untilDone(message: string, work: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await work();
        this.consecutiveFailures = 0;
        return true;
      } catch (error) {
        this.recordFailure(message, error, attempt);
        if (this.isStopping) return false;
        await sleep(backoffDelay(this.backoff, attempt), this.abort.signal);
        if (this.isStopping) return false;
      }
    }
  }

  /**
   * True once the broker acknowledged every message; false when stopping interrupted the retries.
   * The messages go in order, in requests the broker accepts (`produceRequests`); a failed request
   * is retried alone.
   */
  private publish(messages: Message[]): Promise<boolean> {
    return publishTraced(this.topic, messages, async () => {
      for (const request of produceRequests(messages)) {
        const sent = await this.untilDone(`Event relay could not publish a batch of ${request.length}; retrying`, async () => {
          await this.producer.send({ topic: this.topic, acks: -1, messages: request });
        });
        if (!sent) return false;
      }
      return true;
    });
  }

  private async saveCheckpoint(position: GlobalPosition): Promise<void> {
    // The batch is already on the broker; failing to record that only means it may be sent again.
    await this.untilDone('Event relay could not save its checkpoint; retrying', async () => {
      await this.options.checkpoints.save(this.checkpointName, position);
      this.checkpoint = position;
    });
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

const KEYS_REMEMBERED = 10_000;

/**
 * The default partitioner, its choice remembered per key and partition count: a batch is mostly
 * the events of a few streams, and hashing the same key for each of them cost as much as encoding.
 */
const keyRememberingPartitioner: ICustomPartitioner = () => {
  const partitionOf = Partitioners.DefaultPartitioner();
  const chosenByKey = new Map<string, { readonly partitions: number; readonly partition: number }>();
  return (args) => {
    const { message, partitionMetadata } = args;
    if (typeof message.key !== 'string' || (message.partition !== null && message.partition !== undefined)) return partitionOf(args);
    const known = chosenByKey.get(message.key);
    if (known?.partitions === partitionMetadata.length) return known.partition;
    const partition = partitionOf(args);
    if (chosenByKey.size >= KEYS_REMEMBERED) chosenByKey.clear();
    chosenByKey.set(message.key, { partitions: partitionMetadata.length, partition });
    return partition;
  };
};

interface RefusedEvent {
  readonly event: RecordedEvent;
  readonly problems: readonly PublicationProblem[];
}

/** Where a service's relay copies the events of its log that its contract refuses. */
export function relayDeadLetterTopic(service: string): string {
  return deadLetterTopic(`${service}.relay`);
}

/**
 * Most bytes of messages in one produce request. The broker refuses a partition's record batch
 * above `message.max.bytes` (1 MiB by default), and every message of a request may share one
 * partition: a relay that fell behind, with a seal of the log every few seconds among the events
 * waiting, once met a batch of 500 over the limit and retried it for ever.
 */
export const MAX_PRODUCE_REQUEST_BYTES = 512 * 1024;

/** The messages in order, cut into requests of at most `maxBytes` each (one message alone may be more). */
export function produceRequests(messages: readonly Message[], maxBytes = MAX_PRODUCE_REQUEST_BYTES): Message[][] {
  const requests: Message[][] = [];
  let request: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (request.length > 0 && bytes + size > maxBytes) {
      requests.push(request);
      request = [];
      bytes = 0;
    }
    request.push(message);
    bytes += size;
  }
  if (request.length > 0) requests.push(request);
  return requests;
}

function messageBytes({ key, value, headers }: Message): number {
  let bytes = byteLength(key) + byteLength(value);
  for (const [name, header] of Object.entries(headers ?? {})) {
    bytes += Buffer.byteLength(name);
    for (const part of Array.isArray(header) ? header : [header]) bytes += byteLength(part);
  }
  return bytes;
}

function byteLength(part: string | Buffer | null | undefined): number {
  if (part === null || part === undefined) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part) : part.length;
}

function relayDeadLetter(service: string, event: RecordedEvent, reason: string): Message {
  return {
    key: event.streamName,
    value: JSON.stringify({
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      source: { service, streamName: event.streamName, streamPosition: String(event.streamPosition), globalPosition: event.globalPosition },
    }),
    headers: { 'dlq-reason': reason, 'dlq-failure-kind': 'unpublishable', 'dlq-event-id': event.eventId },
  };
}
