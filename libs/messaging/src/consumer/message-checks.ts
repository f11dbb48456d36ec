import type { KafkaMessage } from 'kafkajs';
import { decodeIntegrationMessage, IntegrationHeaders, MalformedIntegrationMessageError, type DecodedIntegrationMessage } from '../envelope';
import type { IntegrationMessageValidator, MessageContext } from './consumer-options';
import type { DeadLetterFailureKind } from './dead-letters';
import type { Route } from './consumer-routes';
import type { DeadLettered, Interrupted, PassedOver } from './settlement';

export type Checked =
  | { readonly kind: 'decoded'; readonly message: DecodedIntegrationMessage; readonly readers: readonly Route[] }
  | PassedOver
  | DeadLettered
  | Interrupted;

/**
 * The decoded message and the routes that read it when it may be handled; otherwise the dead
 * letters it became, or the interruption. A message of a type no route reads is passed over as its
 * `type` header names it, before its value is parsed: most routes read a small part of a topic full
 * of marks. Decoded and checked once, however many routes read it.
 */
export async function decodeAndCheck(
  message: KafkaMessage,
  context: MessageContext,
  routes: readonly Route[],
  validate: IntegrationMessageValidator | undefined,
  heartbeat: () => Promise<void>,
): Promise<Checked> {
  const headerType = message.headers?.[IntegrationHeaders.type];
  const namedType = headerType !== undefined && !Array.isArray(headerType) ? headerType.toString() : null;
  const named = namedType === null ? routes : routes.filter((route) => route.reads(namedType));
  if (named.length === 0) return { kind: 'passed-over' };
  let decoded: DecodedIntegrationMessage;
  try {
    decoded = decodeIntegrationMessage(message);
  } catch (error) {
    if (!(error instanceof MalformedIntegrationMessageError)) throw error;
    return deadLetterFor(named, message, context, 'malformed', error.reason, heartbeat);
  }
  const readers = routes.filter((route) => route.reads(decoded.type));
  if (readers.length === 0) return { kind: 'passed-over' };
  const invalid = validate?.(decoded) ?? null;
  if (invalid !== null) return deadLetterFor(readers, message, context, 'invalid', invalid, heartbeat);
  return { kind: 'decoded', message: decoded, readers };
}

/** Each route that would have read the message parks it as its own. */
async function deadLetterFor(
  routes: readonly Route[],
  message: KafkaMessage,
  context: MessageContext,
  kind: DeadLetterFailureKind,
  reason: string,
  heartbeat: () => Promise<void>,
): Promise<DeadLettered | Interrupted> {
  for (const route of routes) {
    const written = await route.deadLetters.write(message, context, kind, reason, 0, heartbeat);
    if (written.kind === 'interrupted') return written;
  }
  return { kind: 'dead-lettered' };
}
