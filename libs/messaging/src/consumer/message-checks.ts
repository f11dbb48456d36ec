import type { KafkaMessage } from 'kafkajs';
import { decodeIntegrationMessage, IntegrationHeaders, MalformedIntegrationMessageError, type DecodedIntegrationMessage } from '../envelope';
import type { IntegrationMessageValidator, MessageContext } from './consumer-options';
import type { DeadLetterWriter } from './dead-letters';
import type { Checked } from './settlement';

/**
 * The decoded message when it may be handled; otherwise the dead letter it became, or the
 * interruption. A message of a type the handler does not read is passed over as its `type` header
 * names it, before its value is parsed: most consumers read a small part of a topic full of marks.
 */
export async function decodeAndCheck(
  message: KafkaMessage,
  context: MessageContext,
  reads: (type: string) => boolean,
  validate: IntegrationMessageValidator | undefined,
  deadLetters: DeadLetterWriter,
  heartbeat: () => Promise<void>,
): Promise<Checked> {
  const headerType = message.headers?.[IntegrationHeaders.type];
  if (headerType !== undefined && !Array.isArray(headerType) && !reads(headerType.toString())) return { kind: 'passed-over' };
  let decoded: DecodedIntegrationMessage;
  try {
    decoded = decodeIntegrationMessage(message);
  } catch (error) {
    if (!(error instanceof MalformedIntegrationMessageError)) throw error;
    return deadLetters.write(message, context, 'malformed', error.reason, 0, heartbeat);
  }
  if (!reads(decoded.type)) return { kind: 'passed-over' };
  const invalid = validate?.(decoded) ?? null;
  if (invalid !== null) return deadLetters.write(message, context, 'invalid', invalid, 0, heartbeat);
  return { kind: 'decoded', message: decoded };
}
