import { enrolmentContract } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import type { IntegrationEventDraft } from '@training-ledger/messaging';

const publishedTypes = new Set<string>(Object.keys(enrolmentContract.schemas));

/**
 * What of the enrolment log other services may see. Only event types the published contract
 * names leave the service, and only in the contract's shape: fields it does not name (personal
 * data among them) are stripped by the schema.
 */
export function toEnrolmentIntegrationEvent(event: RecordedEvent): IntegrationEventDraft | null {
  if (!publishedTypes.has(event.type)) return null;
  const schema = enrolmentContract.schemas[event.type as keyof typeof enrolmentContract.schemas];
  return { type: event.type, data: schema.parse(event.data) };
}
