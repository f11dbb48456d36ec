import { randomUUID } from 'node:crypto';
import {
  assertExpectedVersion,
  assertValidExpectedVersion,
  idempotentRetryResult,
  prepareBatch,
  type StoredEventLocation,
} from './append-batch';
import { globalPosition } from './global-position';
import { IdempotencyViolationError, WrongExpectedVersionError, type EventToAppend } from './port';

const metadata = {
  correlationId: 'correlation-1',
  actor: { id: 'officer-1', roles: ['programme-office'] },
  occurredAt: '2026-06-01T08:00:00.000Z',
};
const event = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  type: 'NominationSubmitted',
  data: { traineeId: 't-1' },
  metadata,
  ...overrides,
});

describe('prepareBatch', () => {
  it('completes ids and causation, and remembers whether the caller chose ids', () => {
    const generated = prepareBatch('nomination-1', [event(), event()]);
    expect(generated.hasCallerEventIds).toBe(false);
    expect(new Set(generated.events.map((prepared) => prepared.eventId)).size).toBe(2);
    expect(generated.events[0]!.metadata).toEqual({ ...metadata, causationId: null });

    const id = randomUUID().toUpperCase();
    const chosen = prepareBatch('nomination-1', [event({ eventId: id })]);
    expect(chosen.hasCallerEventIds).toBe(true);
    expect(chosen.events[0]!.eventId).toBe(id.toLowerCase());
  });

  it.each([
    ['an empty stream name', '', [event()]],
    ['a reserved stream name', '$all', [event()]],
    ['an empty batch', 'nomination-1', []],
    ['an id that is not a UUID', 'nomination-1', [event({ eventId: 'retry-1' })]],
    ['a reserved event type', 'nomination-1', [event({ type: '$checkpoint' })]],
    ['missing data', 'nomination-1', [event({ data: undefined })]],
    ['a missing correlation id', 'nomination-1', [event({ metadata: { ...metadata, correlationId: '' } })]],
    ['an unreadable domain time', 'nomination-1', [event({ metadata: { ...metadata, occurredAt: 'yesterday' } })]],
  ])('refuses %s', (_, streamName, events) => {
    expect(() => prepareBatch(streamName as string, events as EventToAppend[])).toThrow(TypeError);
  });

  it('refuses an id repeated within the batch', () => {
    const eventId = randomUUID();
    expect(() => prepareBatch('nomination-1', [event({ eventId }), event({ eventId })])).toThrow(/repeats event id/);
  });
});

describe('expected versions', () => {
  it.each([
    ['any', 'no_stream', true],
    ['any', 4n, true],
    ['no_stream', 'no_stream', true],
    ['no_stream', 0n, false],
    ['exists', 'no_stream', false],
    ['exists', 0n, true],
    [3n, 3n, true],
    [3n, 4n, false],
    [0n, 'no_stream', false],
  ] as const)('expecting %s when the stream is at %s: accepted %s', (expected, actual, accepted) => {
    const check = (): void => assertExpectedVersion('nomination-1', expected, actual);
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow(WrongExpectedVersionError);
  });

  it('refuses a negative revision and unknown modes', () => {
    expect(() => assertValidExpectedVersion(-1n)).toThrow(TypeError);
    expect(() => assertValidExpectedVersion('latest' as never)).toThrow(TypeError);
  });
});

describe('idempotentRetryResult', () => {
  const batch = prepareBatch('nomination-1', [event({ eventId: randomUUID() }), event({ eventId: randomUUID() })]);
  const storedAt = (streamName: string, index: number): StoredEventLocation => ({
    eventId: batch.events[index]!.eventId,
    streamName,
    streamPosition: BigInt(5 + index),
    globalPosition: globalPosition(7n, BigInt(20 + index)),
  });

  it('is a real append when no id is stored', () => {
    expect(idempotentRetryResult('nomination-1', batch, [])).toBeNull();
  });

  it('answers with the original positions when the whole batch is stored in the stream', () => {
    expect(idempotentRetryResult('nomination-1', batch, [storedAt('nomination-1', 1), storedAt('nomination-1', 0)])).toEqual({
      nextExpectedVersion: 6n,
      lastGlobalPosition: globalPosition(7n, 21n),
      written: false,
    });
  });

  it('refuses a partial repeat and an id stored in another stream', () => {
    expect(() => idempotentRetryResult('nomination-1', batch, [storedAt('nomination-1', 0)])).toThrow(
      IdempotencyViolationError,
    );
    expect(() =>
      idempotentRetryResult('nomination-1', batch, [storedAt('nomination-1', 0), storedAt('nomination-2', 1)]),
    ).toThrow(IdempotencyViolationError);
  });
});
