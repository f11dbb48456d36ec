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
  const contract = topicContracts.find((candidate) => candidate.topic === topic);
  if (!contract) return { ok: false, reason: `no contract for topic ${topic}` };
  const schemas: EventSchemas = contract.schemas;
  const schema = Object.hasOwn(schemas, envelope.data.type) ? schemas[envelope.data.type] : undefined;
  if (!schema) return { ok: false, reason: `type ${envelope.data.type} is not part of ${topic}` };
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: `${envelope.data.type}: ${formatIssues(data.error.issues)}` };
  return { ok: true, envelope: { ...envelope.data, data: data.data } };
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'} ${issue.message}`).join('; ');
}
