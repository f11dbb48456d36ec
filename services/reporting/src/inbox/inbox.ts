import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent, type StreamRevision } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage, MessageContext } from '@training-ledger/messaging';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { createHash } from 'node:crypto';

export const INBOX_CATEGORY = 'inbox';
export const INBOX_EVENT_TYPE = 'IntegrationEventArchived.v1';

/** A consumed integration event as reporting archived it, at its topic, partition and offset. */
export interface ArchivedIntegrationEvent {
  /** The topic without the deployment's prefix, e.g. `certification.events.v1`. */
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset, as a decimal string. */
  readonly offset: string;
  readonly key: string | null;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
  readonly sourceService: string;
}

export const inboxStreamName = (topic: string, partition: number): string => `${INBOX_CATEGORY}-${topic}.${partition}`;

/** One inbox entry per Kafka offset: the same offset archived twice is the same event, so retries are no-ops. */
const archiveEventId = (topic: string, partition: number, offset: string): string => {
  const digest = createHash('sha256').update(`${topic}\n${partition}\n${offset}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
};

interface PartitionTail {
  readonly revision: StreamRevision | null;
  readonly lastOffset: bigint;
}

/**
 * Reporting's copy of everything it consumed, in its own append-only log: one stream per topic and
 * partition, in offset order. Evaluations are computed from this archive alone and record how far
 * into each stream they read, so that an auditor re-reads exactly the same events years later,
 * whatever Kafka's retention by then.
 */
@Injectable()
export class IntegrationInbox {
  private readonly tails = new Map<string, PartitionTail>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async archive(messages: readonly { message: DecodedIntegrationMessage; context: MessageContext }[], topicPrefix: string): Promise<void> {
    const byStream = new Map<string, ArchivedIntegrationEvent[]>();
    for (const { message, context } of messages) {
      const topic = context.topic.startsWith(topicPrefix) ? context.topic.slice(topicPrefix.length) : context.topic;
      const archived: ArchivedIntegrationEvent = {
        topic,
        partition: context.partition,
        offset: context.offset,
        key: message.key,
        eventId: message.eventId,
        type: message.type,
        data: message.data,
        occurredAt: message.metadata.occurredAt,
        sourceService: message.source.service,
      };
      const streamName = inboxStreamName(topic, context.partition);
      byStream.set(streamName, [...(byStream.get(streamName) ?? []), archived]);
    }
    for (const [streamName, events] of byStream) await this.append(streamName, events);
  }

  private async append(streamName: string, events: readonly ArchivedIntegrationEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const tail = this.tails.get(streamName) ?? (await this.readTail(streamName));
      const fresh = events.filter((event) => BigInt(event.offset) > tail.lastOffset);
      if (fresh.length === 0) return;
      try {
        const result = await this.eventStore.appendToStream(
          streamName,
          fresh.map((event) => ({
            eventId: archiveEventId(event.topic, event.partition, event.offset),
            type: INBOX_EVENT_TYPE,
            data: event,
            metadata: { correlationId: event.eventId, causationId: event.eventId, actor: { id: 'reporting', roles: [] }, occurredAt: event.occurredAt },
          })),
          { expectedVersion: tail.revision ?? 'no_stream' },
        );
        this.tails.set(streamName, { revision: result.nextExpectedVersion, lastOffset: BigInt(fresh.at(-1)!.offset) });
        return;
      } catch (error) {
        // Another consumer of this partition (a rebalance) got there first: read where it left off.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
        this.tails.delete(streamName);
      }
    }
  }

  private async readTail(streamName: string): Promise<PartitionTail> {
    let revision: StreamRevision | null = null;
    let lastOffset = -1n;
    const PAGE = 5_000;
    for (let from = 0n; ; from += BigInt(PAGE)) {
      const page: RecordedEvent[] = await this.eventStore.readStream(streamName, { fromRevision: from, maxCount: PAGE });
      const last = page.at(-1);
      if (last) {
        revision = last.streamPosition;
        lastOffset = BigInt((last.data as ArchivedIntegrationEvent).offset);
      }
      if (page.length < PAGE) break;
    }
    const tail = { revision, lastOffset };
    this.tails.set(streamName, tail);
    return tail;
  }
}
