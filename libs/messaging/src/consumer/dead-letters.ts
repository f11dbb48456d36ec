import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { backoffDelay, sleep, type BackoffPolicy } from '../async-utils';
import { IntegrationHeaders } from '../envelope';
import { errorMessage, type MessagingLogger } from '../logger';
import type { Quarantine } from '../quarantine';
import type { MessageContext } from './consumer-options';
import type { ConsumerProgress, DeadLettered, Interrupted } from './settlement';

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

const MAX_REASON_LENGTH = 2_000;

export interface DeadLetterWriterOptions {
  readonly producer: Producer;
  readonly topic: string;
  readonly groupId: string;
  /** How long to wait between attempts while the dead-letter topic cannot be written. */
  readonly retry: BackoffPolicy;
  readonly quarantine: Quarantine | undefined;
  readonly logger: MessagingLogger;
  /** Aborted when the consumer stops: the message in hand is then left uncommitted. */
  readonly stopping: AbortSignal;
  readonly progress: ConsumerProgress;
}

/** Parks messages that cannot be handled on the consumer group's dead-letter topic, and in its quarantine. */
export class DeadLetterWriter {
  constructor(private readonly options: DeadLetterWriterOptions) {}

  get topic(): string {
    return this.options.topic;
  }

  /**
   * Dead-lettered once the broker holds the dead letter; until then the partition waits, since
   * committing past a message that is neither handled nor parked would lose it. Interrupted when stopping.
   */
  async write(
    message: KafkaMessage,
    context: MessageContext,
    kind: DeadLetterFailureKind,
    reason: string,
    attempts: number,
    heartbeat: () => Promise<void>,
  ): Promise<DeadLettered | Interrupted> {
    const { producer, topic, groupId, quarantine, logger, stopping, progress } = this.options;
    const headers: IHeaders = {
      ...message.headers,
      [DeadLetterHeaders.reason]: reason.slice(0, MAX_REASON_LENGTH),
      [DeadLetterHeaders.failureKind]: kind,
      [DeadLetterHeaders.originalTopic]: context.topic,
      [DeadLetterHeaders.originalPartition]: String(context.partition),
      [DeadLetterHeaders.originalOffset]: context.offset,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.consumerGroup]: groupId,
      [DeadLetterHeaders.deadLetteredAt]: new Date().toISOString(),
    };
    for (let retry = 1; ; retry += 1) {
      try {
        await producer.send({ topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
        await quarantine?.setAside({
          source: `consumer:${groupId}`,
          eventId: headerText(message.headers, IntegrationHeaders.eventId),
          eventType: headerText(message.headers, IntegrationHeaders.type),
          streamName: message.key?.toString() ?? '',
          position: `${context.topic}/${context.partition}@${context.offset}`,
          reason: `${kind}: ${reason}`.slice(0, MAX_REASON_LENGTH),
        });
        progress.deadLetteredMessages += 1;
        logger.error('Integration message sent to the dead-letter topic', { ...context, deadLetterTopic: topic, failureKind: kind, reason, attempts });
        return { kind: 'dead-lettered' };
      } catch (error) {
        progress.lastError = errorMessage(error);
        logger.error('Could not write to the dead-letter topic; retrying', { ...context, deadLetterTopic: topic, error: progress.lastError });
        if (stopping.aborted) return { kind: 'interrupted' };
        await heartbeat();
        await sleep(backoffDelay(this.options.retry, retry), stopping);
        if (stopping.aborted) return { kind: 'interrupted' };
      }
    }
  }
}

function headerText(headers: IHeaders | undefined, name: string): string {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? '' : first.toString();
}
