import { Injectable } from '@nestjs/common';
import { checkIntegrationMessage } from '@training-ledger/contracts';
import type { IntegrationEventHandler } from '@training-ledger/messaging';

export interface ConsumerRegistration {
  /** Names the consumer group, `<service>.<name>`, and its dead-letter topic. */
  readonly name: string;
  readonly topics: readonly string[];
  readonly handler: IntegrationEventHandler;
}

/**
 * Where a service's modules declare what they consume. The runtime starts every registered
 * consumer once all modules are initialised and stops them first on shutdown.
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

/** Every message must match the published contract of the topic it came from. */
export function contractValidator(topic: string, message: unknown): string | null {
  const check = checkIntegrationMessage(topic, message);
  return check.ok ? null : check.reason;
}
