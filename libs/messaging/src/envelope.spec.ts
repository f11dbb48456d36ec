import { globalPosition, type RecordedEvent } from '@training-ledger/event-store';
import {
  decodeIntegrationMessage,
  encodeIntegrationMessage,
  MalformedIntegrationMessageError,
  parseTraceparent,
  toIntegrationEvent,
  traceIdForCorrelation,
  type IntegrationEvent,
} from './envelope';

const recorded: RecordedEvent = {
  eventId: '5f0c7a1e-2b7d-4a53-9a59-0d6f3c1f0b11',
  type: 'TraineeNominated',
  data: { traineeId: 't-1', courseRunId: 'run-7', nationalId: '001203004567' },
  metadata: {
    correlationId: '3B0E6F2A-4C1D-4E8F-9A7B-112233445566',
    causationId: 'c0a80101-0000-4000-8000-000000000001',
    actor: { id: 'user-42', roles: ['agency-hr'], agencyId: 'moj' },
    occurredAt: '2026-06-01T08:00:00.000Z',
    recordedAt: '2026-06-01T08:00:00.123Z',
  },
  streamName: 'nomination-9',
  streamPosition: 3n,
  globalPosition: globalPosition(9_007_199_254_740_993n, 2n),
};

const event: IntegrationEvent = toIntegrationEvent('enrolment', recorded, {
  type: 'TraineeNominated.v1',
  data: { traineeId: 't-1', courseRunId: 'run-7' },
});

describe('encodeIntegrationMessage', () => {
  it('keys the record by source stream and writes positions as text', () => {
    const encoded = encodeIntegrationMessage(event);
    expect(encoded.key).toBe('nomination-9');
    const value = JSON.parse(encoded.value);
    expect(value).toEqual({
      eventId: recorded.eventId,
      type: 'TraineeNominated.v1',
      data: { traineeId: 't-1', courseRunId: 'run-7' },
      metadata: {
        correlationId: recorded.metadata.correlationId,
        causationId: recorded.metadata.causationId,
        actor: { id: 'user-42', roles: ['agency-hr'], agencyId: 'moj' },
        occurredAt: '2026-06-01T08:00:00.000Z',
        recordedAt: '2026-06-01T08:00:00.123Z',
      },
      source: {
        service: 'enrolment',
        streamName: 'nomination-9',
        streamPosition: '3',
        globalPosition: '0020000000000001:0000000000000002',
      },
    });
  });

  it('keeps the domain event id and drops what the mapper left out', () => {
    const value = JSON.parse(encodeIntegrationMessage(event).value);
    expect(value.eventId).toBe(recorded.eventId);
    expect(JSON.stringify(value)).not.toContain('001203004567');
  });

  it('writes the routing and tracing headers', () => {
    const encoded = encodeIntegrationMessage(event, () => '00f067aa0ba902b7');
    expect(encoded.headers).toEqual({
      type: 'TraineeNominated.v1',
      eventId: recorded.eventId,
      correlationId: recorded.metadata.correlationId,
      causationId: 'c0a80101-0000-4000-8000-000000000001',
      traceparent: '00-3b0e6f2a4c1d4e8f9a7b112233445566-00f067aa0ba902b7-01',
      'content-type': 'application/json',
    });
  });

  it('leaves out the causation header of an event caused by nothing', () => {
    const uncaused = { ...event, metadata: { ...event.metadata, causationId: null } };
    expect(encodeIntegrationMessage(uncaused).headers).not.toHaveProperty('causationId');
  });

  it('gives each message its own span within the flow trace', () => {
    const first = parseTraceparent(encodeIntegrationMessage(event).headers['traceparent']!);
    const second = parseTraceparent(encodeIntegrationMessage(event).headers['traceparent']!);
    expect(first?.traceId).toBe(second?.traceId);
    expect(first?.spanId).not.toBe(second?.spanId);
    expect(first?.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('traceIdForCorrelation', () => {
  it('uses a UUID correlation id as the trace id', () => {
    expect(traceIdForCorrelation('3B0E6F2A-4C1D-4E8F-9A7B-112233445566')).toBe('3b0e6f2a4c1d4e8f9a7b112233445566');
  });

  it('hashes other correlation ids into a stable 128-bit trace id', () => {
    const traceId = traceIdForCorrelation('import-2026-06-01-batch-3');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdForCorrelation('import-2026-06-01-batch-3')).toBe(traceId);
    expect(traceIdForCorrelation('import-2026-06-01-batch-4')).not.toBe(traceId);
  });

  it('never yields the all-zero trace id that W3C forbids', () => {
    expect(traceIdForCorrelation('00000000-0000-0000-0000-000000000000')).not.toMatch(/^0+$/);
  });
});

describe('decodeIntegrationMessage', () => {
  const encoded = encodeIntegrationMessage(event, () => '00f067aa0ba902b7');
  const asConsumed = {
    key: Buffer.from(encoded.key),
    value: Buffer.from(encoded.value),
    headers: Object.fromEntries(Object.entries(encoded.headers).map(([name, value]) => [name, Buffer.from(value)])),
  };

  it('restores what was encoded, positions as bigints', () => {
    const decoded = decodeIntegrationMessage(asConsumed);
    expect(decoded.eventId).toBe(event.eventId);
    expect(decoded.type).toBe(event.type);
    expect(decoded.data).toEqual(event.data);
    expect(decoded.metadata).toEqual(event.metadata);
    expect(decoded.source).toEqual(event.source);
    expect(decoded.source.streamPosition).toBe(3n);
    expect(decoded.key).toBe('nomination-9');
    expect(decoded.trace).toEqual({ traceId: '3b0e6f2a4c1d4e8f9a7b112233445566', spanId: '00f067aa0ba902b7' });
    expect(decoded.headers['content-type']).toBe('application/json');
  });

  it('accepts a message without headers', () => {
    const decoded = decodeIntegrationMessage({ value: encoded.value });
    expect(decoded.trace).toBeNull();
    expect(decoded.key).toBeNull();
    expect(decoded.eventId).toBe(event.eventId);
  });

  const body = JSON.parse(encoded.value);
  const withChange = (change: (value: typeof body) => void): string => {
    const copy = structuredClone(body);
    change(copy);
    return JSON.stringify(copy);
  };

  it.each([
    ['an empty value', null, 'empty value'],
    ['text that is not JSON', '{"eventId":', 'value is not JSON'],
    ['a JSON array', '[]', 'value must be an object'],
    ['a missing event id', withChange((v) => delete v.eventId), 'eventId must be a non-empty string'],
    ['a missing payload', withChange((v) => delete v.data), 'data is missing'],
    ['a numeric global position', withChange((v) => (v.source.globalPosition = 12)), 'source.globalPosition must be a string'],
    ['an unreadable global position', withChange((v) => (v.source.globalPosition = '12')), 'Not a global position'],
    ['a negative stream position', withChange((v) => (v.source.streamPosition = '-1')), 'streamPosition must be a non-negative decimal string'],
    ['an unreadable occurrence time', withChange((v) => (v.metadata.occurredAt = 'yesterday')), 'metadata.occurredAt must be an ISO-8601 timestamp'],
    ['an actor without roles', withChange((v) => delete v.metadata.actor.roles), 'metadata.actor.roles must be an array of strings'],
    ['a numeric causation id', withChange((v) => (v.metadata.causationId = 7)), 'metadata.causationId must be a string or null'],
  ])('rejects %s', (_case, value, reason) => {
    expect(() => decodeIntegrationMessage({ value })).toThrow(MalformedIntegrationMessageError);
    expect(() => decodeIntegrationMessage({ value })).toThrow(reason);
  });

  it('keeps an actor without agency as it was sent', () => {
    const value = withChange((v) => delete v.metadata.actor.agencyId);
    expect(decodeIntegrationMessage({ value }).metadata.actor).toEqual({ id: 'user-42', roles: ['agency-hr'] });
  });

  it('ignores a traceparent it cannot read rather than rejecting the message', () => {
    const decoded = decodeIntegrationMessage({ value: encoded.value, headers: { traceparent: 'garbage' } });
    expect(decoded.trace).toBeNull();
  });
});

describe('parseTraceparent', () => {
  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', true],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', false],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', false],
    ['01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', false],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', false],
  ])('%s valid: %s', (header, valid) => {
    expect(parseTraceparent(header) !== null).toBe(valid);
  });
});
