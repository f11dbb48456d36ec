import type { KafkaMessage } from 'kafkajs';
import { decodeIntegrationMessage, MalformedIntegrationMessageError, type DecodedIntegrationMessage } from '../envelope';
import type { IntegrationMessageValidator, MessageContext } from './consumer-options';
import type { DeadLetterWriter } from './dead-letters';
import type { Checked } from './settlement';

/** The decoded message when it may be handled; otherwise the dead letter it became, or the interruption. */
export async function decodeAndCheck(
  message: KafkaMessage,
  context: MessageContext,
  validate: IntegrationMessageValidator | undefined,
  deadLetters: DeadLetterWriter,
  heartbeat: () => Promise<void>,
): Promise<Checked> {
  let decoded: DecodedIntegrationMessage;
  try {
    decoded = decodeIntegrationMessage(message);
  } catch (error) {
    if (!(error instanceof MalformedIntegrationMessageError)) throw error;
    return deadLetters.write(message, context, 'malformed', error.reason, 0, heartbeat);
  }
  const invalid = validate?.(decoded) ?? null;
  if (invalid !== null) return deadLetters.write(message, context, 'invalid', invalid, 0, heartbeat);
  return { kind: 'decoded', message: decoded };
}
