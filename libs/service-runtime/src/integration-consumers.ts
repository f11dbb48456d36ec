import { Injectable } from '@nestjs/common';
import { checkEventData } from '@training-ledger/contracts';
import {
  serviceEventsTopic,
  type DecodedIntegrationMessage,
  type IntegrationEventBatchHandler,
  type IntegrationEventHandler,
} from '@training-ledger/messaging';

export type ConsumerRegistration = {
  /**
   * Names the handler, `<service>.<name>`, in its dead letters and its dead-letter and redrive
   * topics. The service reads each topic in one consumer group for all the handlers that read it.
   */
  readonly name: string;
  readonly topics: readonly string[];
  /** The types the handler reads; the rest of its topics is passed over undecoded. Every type when omitted. */
  readonly eventTypes?: readonly string[];
  /** Most messages handed to a batch handler at once; the consumer's default when omitted. */
  readonly maxBatchSize?: number;
} & ({ readonly handler: IntegrationEventHandler } | { readonly batchHandler: IntegrationEventBatchHandler });

/**
 * Where a service's modules declare what they consume. The runtime starts a consumer group per
 * topic for the registered handlers once all modules are initialised, and stops them first on shutdown.
 */
@Injectable()
export class IntegrationConsumers {
  private readonly registrations = new Map<string, ConsumerRegistration>();

  register(registration: ConsumerRegistration): void {
    if (this.registrations.has(registration.name)) {
      throw new Error(`Consumer "${registration.name}" is registered twice`);
    }
    this.registrations.set(registration.name, registration);
  }

  list(): readonly ConsumerRegistration[] {
    return [...this.registrations.values()];
  }
}

/**
 * Every message must match the published contract of the service that sent it; the envelope
 * itself was checked when the message was decoded.
 */
export function contractViolation(message: DecodedIntegrationMessage): string | null {
  const check = checkEventData(serviceEventsTopic(message.source.service), message.type, message.data);
  return check.ok ? null : check.reason;
}
