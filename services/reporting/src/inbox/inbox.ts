import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyViolationError, WrongExpectedVersionError, type EventStore, type StreamRevision } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage, MessageContext } from '@training-ledger/messaging';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import {
  type ArchivedBatch,
  archivedBatches,
  archivedBatchId,
  type ArchivedIntegrationEvent,
  type ArchivedMessage,
  BATCH_TEXT_FIELD,
  INBOX_BATCH_EVENT_TYPE,
  INBOX_CATEGORY,
  inboxStreamName,
} from './archived-batch';

interface PartitionTail {
  readonly revision: StreamRevision | null;
  readonly lastOffset: bigint;
}

interface ConsumedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly messages: ArchivedMessage[];
}

/**
 * Reporting's copy of everything it consumed, in its own append-only log: one stream per topic and
 * partition, in offset order, each consumed batch of a partition appended at once as entries
 * (`IntegrationEventsArchived.v1`) after the single messages archived before batches. Evaluations
 * are computed from this archive alone and record how far into each stream they read, so that an
 * auditor re-reads exactly the same events years later, whatever Kafka's retention by then.
 */
@Injectable()
export class IntegrationInbox {
  private readonly tails = new Map<string, PartitionTail>();
  /** The last revision of every inbox stream when this process first archived; later heads come from its own appends and refusals. */
  private heads: Promise<ReadonlyMap<string, StreamRevision>> | null = null;

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async archive(messages: readonly { message: DecodedIntegrationMessage; context: MessageContext }[], topicPrefix: string): Promise<void> {
    const byStream = new Map<string, ConsumedPartition>();
    for (const { message, context } of messages) {
      const topic = context.topic.startsWith(topicPrefix) ? context.topic.slice(topicPrefix.length) : context.topic;
      const streamName = inboxStreamName(topic, context.partition);
      let consumed = byStream.get(streamName);
      if (!consumed) {
        consumed = { topic, partition: context.partition, messages: [] };
        byStream.set(streamName, consumed);
      }
      consumed.messages.push({
        offset: context.offset,
        key: message.key,
        eventId: message.eventId,
        type: message.type,
        data: message.data,
        occurredAt: message.metadata.occurredAt,
        sourceService: message.source.service,
      });
    }
    for (const [streamName, consumed] of byStream) await this.append(streamName, consumed);
  }

  private async append(streamName: string, consumed: ConsumedPartition): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const tail = this.tails.get(streamName) ?? (await this.readTail(streamName));
      const fresh = increasingAfter(consumed.messages, tail.lastOffset);
      if (fresh.length === 0) return;
      const batches = archivedBatches(consumed.topic, consumed.partition, fresh);
      try {
        const result = await this.eventStore.appendToStream(
          streamName,
          batches.map((batch) => ({
            eventId: archivedBatchId(batch),
            type: INBOX_BATCH_EVENT_TYPE,
            data: batch,
            metadata: { correlationId: fresh[0].eventId, causationId: fresh[0].eventId, actor: { id: 'reporting', roles: [] }, occurredAt: fresh[0].occurredAt },
          })),
          { expectedVersion: tail.revision ?? 'no_stream' },
        );
        this.tails.set(streamName, { revision: result.nextExpectedVersion, lastOffset: BigInt(fresh.at(-1)!.offset) });
        return;
      } catch (error) {
        // Another consumer of this partition (a rebalance) got there first: go on from where it left off.
        const overtaken = error instanceof WrongExpectedVersionError || error instanceof IdempotencyViolationError;
        if (!overtaken || attempt >= 5) throw error;
        if (error instanceof WrongExpectedVersionError) this.tails.set(streamName, await this.tailAt(streamName, error.actual));
        else await this.readTail(streamName, { again: true });
      }
    }
  }

  private async readTail(streamName: string, options: { readonly again?: boolean } = {}): Promise<PartitionTail> {
    if (options.again) this.heads = null;
    this.heads ??= this.eventStore.readStreamHeads(INBOX_CATEGORY).then(
      ({ heads }) => new Map(heads.map((head) => [head.streamName, head.lastRevision])),
      (error: unknown) => {
        this.heads = null;
        throw error;
      },
    );
    const tail = await this.tailAt(streamName, (await this.heads).get(streamName) ?? 'no_stream');
    this.tails.set(streamName, tail);
    return tail;
  }

  /** The last offset archived in a stream, read from its entry at this revision. */
  private async tailAt(streamName: string, revision: StreamRevision | 'no_stream'): Promise<PartitionTail> {
    if (revision === 'no_stream') return { revision: null, lastOffset: -1n };
    const [last] = await this.eventStore.readStreamJson(streamName, { fromRevision: revision, maxCount: 1, textField: BATCH_TEXT_FIELD });
    if (last === undefined) throw new Error(`${streamName} holds no entry at revision ${revision}`);
    const data = JSON.parse(last.dataJson) as ArchivedBatch | ArchivedIntegrationEvent;
    return { revision, lastOffset: BigInt(last.type === INBOX_BATCH_EVENT_TYPE ? (data as ArchivedBatch).lastOffset : (data as ArchivedIntegrationEvent).offset) };
  }
}

/** The messages after an offset, each after the one before (Kafka's order; a repeated offset is the same message). */
function increasingAfter(messages: readonly ArchivedMessage[], after: bigint): ArchivedMessage[] {
  const fresh: ArchivedMessage[] = [];
  let last = after;
  for (const message of messages) {
    const offset = BigInt(message.offset);
    if (offset <= last) continue;
    fresh.push(message);
    last = offset;
  }
  return fresh;
}
