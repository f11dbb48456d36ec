import type { Actor } from '@training-ledger/decider';
import type { EventStore, RecordedEvent } from '@training-ledger/event-store';
import type { Quarantine, QuarantineRecord } from '@training-ledger/messaging';
import { createHash } from 'node:crypto';

export const QUARANTINE_EVENT_TYPE = 'EventSetAside.v1';
export const REDRIVE_EVENT_TYPE = 'EventRedriven.v1';

export function quarantineStreamName(service: string): string {
  return `quarantine-${service}`;
}

/** An operator put a set-aside event back where its consumer reads it again. */
export interface RedriveRecord {
  /** The id of the `EventSetAside.v1` fact it answers. */
  readonly setAsideId: string;
  readonly source: string;
  readonly eventId: string;
  readonly eventType: string;
  /** Where it was put back: `<topic>/<partition>@<offset>`. */
  readonly redrivenTo: string;
}

export interface Redrive {
  readonly by: Actor;
  readonly at: string;
  readonly redrivenTo: string;
}

export interface SetAsideEvent extends QuarantineRecord {
  /** The id of the fact that recorded it; what an operator names to show or redrive it. */
  readonly id: string;
  readonly recordedAt: string;
  /** Null while it waits for an operator. */
  readonly redriven: Redrive | null;
}

/**
 * What the relay and the consumers set aside, recorded as facts in the service's own log (never
 * published): it survives restarts, every replica sees it, and `/status` counts it. Setting the same
 * event aside twice records it once, since its event id is derived from where it was set aside; a
 * redrive is a later fact of the same stream, recorded once for each set-aside event likewise.
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

  async recordRedrive(record: RedriveRecord, by: Actor): Promise<void> {
    await this.store.appendToStream(
      quarantineStreamName(this.service),
      [
        {
          eventId: uuidFrom(`redriven|${record.setAsideId}`),
          type: REDRIVE_EVENT_TYPE,
          data: record,
          metadata: {
            correlationId: record.eventId || record.setAsideId,
            causationId: record.setAsideId,
            actor: by,
            occurredAt: this.now().toISOString(),
          },
        },
      ],
      { expectedVersion: 'any' },
    );
  }

  /** Everything ever set aside, each with its redrive when it had one. */
  async entries(): Promise<readonly SetAsideEvent[]> {
    return setAsideEntries(await this.store.readStream(quarantineStreamName(this.service)));
  }

  /** What still waits for an operator: set aside and not redriven. */
  async list(): Promise<readonly SetAsideEvent[]> {
    return (await this.entries()).filter((entry) => entry.redriven === null);
  }
}

/** The quarantine stream folded into its set-aside events, in the order they were set aside. */
export function setAsideEntries(events: readonly RecordedEvent[]): SetAsideEvent[] {
  const redrives = new Map<string, Redrive>();
  for (const event of events) {
    if (event.type !== REDRIVE_EVENT_TYPE) continue;
    const data = event.data as RedriveRecord;
    if (!redrives.has(data.setAsideId)) redrives.set(data.setAsideId, { by: event.metadata.actor, at: event.metadata.occurredAt, redrivenTo: data.redrivenTo });
  }
  return events
    .filter((event) => event.type === QUARANTINE_EVENT_TYPE)
    .map((event) => ({
      ...(event.data as QuarantineRecord),
      id: event.eventId,
      recordedAt: event.metadata.recordedAt,
      redriven: redrives.get(event.eventId) ?? null,
    }));
}

/** A UUID (version 8, name-based) of a text, so that a retried record keeps its id. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
