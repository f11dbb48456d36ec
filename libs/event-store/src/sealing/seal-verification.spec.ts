import { globalPosition } from '../global-position';
import { PendingSeal, UNSEALED, stateAfter, type LogSeal, type SealableEvent } from './seal-chain';
import { SealCheck, distinctSeals } from './seal-verification';

const events: SealableEvent[] = Array.from({ length: 6 }, (_, index) => ({
  eventId: `00000000-0000-4000-8000-00000000000${index}`,
  streamName: `runs-${index % 2}`,
  streamPosition: BigInt(Math.floor(index / 2)),
  type: 'Recorded.v1',
  data: { index },
  metadata: { recordedAt: '2027-01-01T00:00:00.000Z' },
  globalPosition: globalPosition(100n, BigInt(index + 1)),
}));

function sealsOf(log: readonly SealableEvent[], every: number): LogSeal[] {
  const seals: LogSeal[] = [];
  for (let start = 0; start < log.length; start += every) {
    const pending = new PendingSeal('enrolment', seals.length === 0 ? UNSEALED : stateAfter(seals.at(-1)!));
    for (const event of log.slice(start, start + every)) pending.add(event);
    seals.push(pending.seal()!);
  }
  return seals;
}

function check(seals: readonly LogSeal[], log: readonly SealableEvent[]) {
  const sealCheck = new SealCheck('log', seals);
  for (const event of log) if (!sealCheck.accept(event)) break;
  return sealCheck.finish();
}

describe('checking a log against its seals', () => {
  const seals = sealsOf(events, 4);

  it('agrees with the log the seals were made from', () => {
    expect(seals.map((seal) => seal.eventCount)).toEqual([4, 6]);
    expect(check(seals, events)).toBeNull();
  });

  it('names the first event whose metadata changed', () => {
    const changed = events.map((event, index) => (index === 4 ? { ...event, metadata: { recordedAt: '2027-01-02T00:00:00.000Z' } } : event));
    expect(check(seals, changed)).toMatchObject({ sequence: 2, position: events[4]!.globalPosition, eventId: events[4]!.eventId });
  });

  it('names the place of a deleted event, and a log that ends before its last seal', () => {
    expect(check(seals, events.filter((_, index) => index !== 1))).toMatchObject({ sequence: 1, position: events[2]!.globalPosition });
    expect(check(seals, events.slice(0, 4))).toMatchObject({ sequence: 2, eventId: null });
  });

  it('names a seal missing from the chain, and two different seals under one number', () => {
    expect(check([seals[1]!], events)).toMatchObject({ sequence: 1, reason: 'seal 1 is missing' });
    expect(distinctSeals('archive', [...seals, seals[0]!]).conflict).toBeNull();
    expect(distinctSeals('archive', [seals[0]!, { ...seals[0]!, chainHash: seals[1]!.chainHash }]).conflict).toMatchObject({ sequence: 1 });
  });
});
