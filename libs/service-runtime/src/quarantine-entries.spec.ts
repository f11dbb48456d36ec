import { globalPosition, type RecordedEvent } from '@training-ledger/event-store';
import { findSetAside, whyNotRedrivable } from './dead-letter-redrive';
import { QUARANTINE_EVENT_TYPE, REDRIVE_EVENT_TYPE, setAsideEntries } from './quarantine-log';

function recorded(eventId: string, type: string, data: unknown, actor = 'enrolment', occurredAt = '2027-01-01T00:00:00.000Z'): RecordedEvent {
  return {
    eventId,
    type,
    data,
    metadata: { correlationId: eventId, causationId: null, actor: { id: actor, roles: [] }, occurredAt, recordedAt: occurredAt },
    streamName: 'quarantine-enrolment',
    streamPosition: 0n,
    globalPosition: globalPosition(1n, 1n),
  };
}

const setAside = (id: string, source: string, position: string) =>
  recorded(id, QUARANTINE_EVENT_TYPE, { source, eventId: `e-${id}`, eventType: 'TraineeNominated.v1', streamName: 's', position, reason: 'handler-failed: boom' });

describe('set-aside entries and their redrives', () => {
  const events = [
    setAside('aaaa1111', 'consumer:g', 't/0@5'),
    setAside('aaaa2222', 'relay:enrolment.events.v1', '1/1'),
    recorded('r1', REDRIVE_EVENT_TYPE, { setAsideId: 'aaaa1111', redrivenTo: 'g.redrive.v1/0@0' }, 'ops.nguyen', '2027-01-02T00:00:00.000Z'),
    recorded('r2', REDRIVE_EVENT_TYPE, { setAsideId: 'aaaa1111', redrivenTo: 'g.redrive.v1/0@1' }, 'ops.tran', '2027-01-03T00:00:00.000Z'),
  ];

  it('folds each redrive onto what it put back, the first one counting', () => {
    const entries = setAsideEntries(events);
    expect(entries.map((entry) => [entry.id, entry.redriven?.by.id ?? null, entry.redriven?.redrivenTo ?? null])).toEqual([
      ['aaaa1111', 'ops.nguyen', 'g.redrive.v1/0@0'],
      ['aaaa2222', null, null],
    ]);
  });

  it('finds an entry by a unique prefix of its id, and refuses an ambiguous or unknown one', () => {
    const entries = setAsideEntries(events);
    expect(findSetAside(entries, 'AAAA2').id).toBe('aaaa2222');
    expect(() => findSetAside(entries, 'aaaa')).toThrow('2 set-aside events start with aaaa');
    expect(() => findSetAside(entries, 'bbbb')).toThrow('nothing set aside has the id bbbb');
  });

  it('redrives only consumers’ dead letters', () => {
    const [consumer, relay] = setAsideEntries(events);
    expect(whyNotRedrivable(consumer!)).toBeNull();
    expect(whyNotRedrivable(relay!)).toContain('only consumers’ dead letters are redriven');
  });
});
