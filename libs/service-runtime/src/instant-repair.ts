import { canonicalInstant, isoDateTime } from '@training-ledger/contracts';
import type { RecordedEvent, Repair } from '@training-ledger/event-store';

/** Per event type, the top-level fields of its data that hold an instant. */
export type InstantFields = Readonly<Record<string, readonly string[]>>;

/**
 * Before the boundary wrote one canonical form, a time such as `2027-05-15T08:05+07:00` (no
 * seconds) could be stored; the published contract refuses it, so the relay could not publish it.
 * Read such a time in its canonical form. Times the contract already accepts are left as stored,
 * so that everything already published reads exactly as it was published.
 */
export function canonicalInstantRepair(fields: InstantFields): Repair {
  return (event: RecordedEvent): RecordedEvent => {
    const occurredAt = repaired(event.metadata.occurredAt);
    const names = Object.hasOwn(fields, event.type) ? fields[event.type]! : [];
    const data = event.data as Record<string, unknown> | null;
    const dataRepairs = names.flatMap((name) => {
      const value = data?.[name];
      const fixed = typeof value === 'string' ? repaired(value) : null;
      return fixed === null ? [] : [[name, fixed] as const];
    });
    if (occurredAt === null && dataRepairs.length === 0) return event;
    return {
      ...event,
      data: dataRepairs.length === 0 ? event.data : { ...data, ...Object.fromEntries(dataRepairs) },
      metadata: occurredAt === null ? event.metadata : { ...event.metadata, occurredAt },
    };
  };
}

function repaired(value: string): string | null {
  if (isoDateTime.safeParse(value).success) return null;
  return canonicalInstant(value);
}
