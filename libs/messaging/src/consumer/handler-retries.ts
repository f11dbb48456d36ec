import type { KafkaMessage } from 'kafkajs';
import { backoffDelay, sleep } from '../async-utils';
import type { DecodedIntegrationMessage } from '../envelope';
import { errorMessage, type MessagingLogger } from '../logger';
import { handleTraced } from '../tracing';
import type { IntegrationEventHandler, MessageContext, RetryPolicy } from './consumer-options';
import type { DeadLetterWriter } from './dead-letters';
import type { ConsumerProgress, Settlement } from './settlement';

export interface HandlerRetriesOptions {
  readonly handler: IntegrationEventHandler;
  readonly groupId: string;
  readonly retry: RetryPolicy;
  /** Which failures wait for recovery instead of counting towards `retry.attempts`. */
  readonly isTransient: (error: unknown) => boolean;
  readonly deadLetters: DeadLetterWriter;
  readonly logger: MessagingLogger;
  /** Aborted when the consumer stops: a wait between calls then ends at once. */
  readonly stopping: AbortSignal;
  readonly progress: ConsumerProgress;
}

/**
 * Calls the handler until it succeeds. A failure that would recur parks the message after
 * `retry.attempts` calls; one that is transient holds the partition until it passes.
 */
export class HandlerRetries {
  constructor(private readonly options: HandlerRetriesOptions) {}

  async handle(
    message: KafkaMessage,
    decoded: DecodedIntegrationMessage,
    context: MessageContext,
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<Settlement> {
    const { handler, groupId, retry, isTransient, deadLetters, logger, stopping, progress } = this.options;
    // Only failures that would recur count: a message waiting out an outage is never parked.
    let attempts = 0;
    for (let call = 1; ; call += 1) {
      try {
        await handleTraced({ groupId, ...context }, decoded, () => handler(decoded, context));
        progress.handledMessages += 1;
        if (progress.waitingForRecoverySince) this.recovered(context);
        return { kind: 'handled' };
      } catch (error) {
        progress.lastError = errorMessage(error);
        const transient = isTransient(error);
        if (!transient) attempts += 1;
        const fields = { ...context, eventId: decoded.eventId, type: decoded.type, call, attempts, transient, error: progress.lastError };
        if (!transient && attempts >= retry.attempts) {
          progress.waitingForRecoverySince = null;
          return deadLetters.write(message, context, 'handler-failed', progress.lastError, attempts, heartbeat);
        }
        if (transient && !progress.waitingForRecoverySince) {
          progress.waitingForRecoverySince = new Date();
          logger.warn('Integration event handler failed transiently; the partition waits until it succeeds', fields);
        } else if (!transient) {
          logger.warn('Integration event handler failed; retrying', fields);
        }
        await heartbeat();
        await sleep(backoffDelay(retry, call), stopping);
        if (!owned()) return { kind: 'interrupted' };
      }
    }
  }

  private recovered(context: MessageContext): void {
    const { progress, logger } = this.options;
    const waitedMs = Date.now() - (progress.waitingForRecoverySince?.getTime() ?? Date.now());
    progress.waitingForRecoverySince = null;
    logger.info('Integration event handler recovered', { ...context, waitedMs });
  }
}
