import { certificationContract } from './certification';
import type { EventSchemas } from './define';
import { courseDeliveryContract } from './course-delivery';
import { enrolmentContract } from './enrolment';
import { IntegrationEnvelopeSchema, type IntegrationEnvelope } from './envelope';
import { reportingContract } from './reporting';

export const topicContracts = [enrolmentContract, courseDeliveryContract, certificationContract, reportingContract] as const;

export type ContractCheck =
  | { readonly ok: true; readonly envelope: IntegrationEnvelope }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks a message that arrived on a topic against the envelope and its type's schema.
 * An unknown type on a known topic is refused: a producer published something no contract describes.
 */
export function checkIntegrationMessage(topic: string, message: unknown): ContractCheck {
  const envelope = IntegrationEnvelopeSchema.safeParse(message);
  if (!envelope.success) return { ok: false, reason: `envelope: ${formatIssues(envelope.error.issues)}` };
  const data = checkEventData(topic, envelope.data.type, envelope.data.data);
  return data.ok ? { ok: true, envelope: { ...envelope.data, data: data.data } } : data;
}

export type EventDataCheck = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly reason: string };

/** Checks an event's `data` against the schema its topic's contract gives for its type. */
export function checkEventData(topic: string, type: string, data: unknown): EventDataCheck {
  const contract = topicContracts.find((candidate) => candidate.topic === topic);
  if (!contract) return { ok: false, reason: `no contract for topic ${topic}` };
  const schemas: EventSchemas = contract.schemas;
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) return { ok: false, reason: `type ${type} is not part of ${topic}` };
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: `${type}: ${formatIssues(parsed.error.issues)}` };
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'} ${issue.message}`).join('; ');
}
