import type { EventStore, RecordedEvent } from '@training-ledger/event-store';
import type { Quarantine, QuarantineRecord } from '@training-ledger/messaging';
import { createHash } from 'node:crypto';

export const QUARANTINE_EVENT_TYPE = 'EventSetAside.v1';

export function quarantineStreamName(service: string): string {
  return `quarantine-${service}`;
}

/**
 * What the relay and the consumers set aside, recorded as facts in the service's own log (never
 * published): it survives restarts, every replica sees it, and `/status` counts it. Setting the same
 * event aside twice records it once, since its event id is derived from where it was set aside.
 */
export class EventLogQuarantine implements Quarantine {
  constructor(
    private readonly store: EventStore,
    private readonly service: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setAside(record: QuarantineRecord): Promise<void> {
    await this.store.appendToStream(
      quarantineStreamName(this.service),
      [
        {
          eventId: uuidFrom(`${record.source}|${record.position}`),
          type: QUARANTINE_EVENT_TYPE,
          data: record,
          metadata: {
            correlationId: record.eventId || uuidFrom(record.position),
            causationId: record.eventId || null,
            actor: { id: this.service, roles: [] },
            occurredAt: this.now().toISOString(),
          },
        },
      ],
      { expectedVersion: 'any' },
    );
  }

  async list(): Promise<readonly SetAsideEvent[]> {
    const events = await this.store.readStream(quarantineStreamName(this.service));
    return events.filter((event) => event.type === QUARANTINE_EVENT_TYPE).map(toSetAside);
  }
}

export interface SetAsideEvent extends QuarantineRecord {
  readonly recordedAt: string;
}

function toSetAside(event: RecordedEvent): SetAsideEvent {
  return { ...(event.data as QuarantineRecord), recordedAt: event.metadata.recordedAt };
}

/** A UUID (version 8, name-based) of a text, so that a retried record keeps its id. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
