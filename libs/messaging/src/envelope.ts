import { createHash, randomFillSync } from 'node:crypto';
import type { Actor } from '@training-ledger/decider';
import {
  parseGlobalPosition,
  type EventMetadata,
  type GlobalPosition,
  type RecordedEvent,
  type StreamRevision,
} from '@training-ledger/event-store';
import type { IHeaders } from 'kafkajs';
import { formatStreamRevision, parseStreamRevision } from './positions';

/** What a service chooses to publish for one of its domain events: a public type and a public payload. */
export interface IntegrationEventDraft<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/**
 * Decides which domain events leave the service and in what shape. Returning null keeps an event
 * private (internal bookkeeping, or personal data that other services must not receive).
 */
export type IntegrationEventMapper = (event: RecordedEvent) => IntegrationEventDraft | null;

/** Where an integration event came from: the publishing service and the event's place in its log. */
export interface IntegrationEventSource {
  readonly service: string;
  readonly streamName: string;
  readonly streamPosition: StreamRevision;
  readonly globalPosition: GlobalPosition;
}

export interface IntegrationEvent<TType extends string = string, TData = unknown> {
  /** The domain event's id, kept so that consumers can deduplicate redeliveries. */
  readonly eventId: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly source: IntegrationEventSource;
}

export interface DecodedIntegrationMessage<TType extends string = string, TData = unknown>
  extends IntegrationEvent<TType, TData> {
  /** Kafka key: the source stream name. */
  readonly key: string | null;
  /** W3C trace context of the message, when the producer sent a valid one. */
  readonly trace: TraceContext | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
}

/** A Kafka record ready for `producer.send`: string key, JSON value, string headers. */
export interface EncodedIntegrationMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** The raw parts of a consumed Kafka record that decoding looks at. */
export interface RawKafkaRecord {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: IHeaders;
}

export const IntegrationHeaders = {
  type: 'type',
  eventId: 'eventId',
  correlationId: 'correlationId',
  causationId: 'causationId',
  traceparent: 'traceparent',
  contentType: 'content-type',
} as const;

export const INTEGRATION_CONTENT_TYPE = 'application/json';

export class MalformedIntegrationMessageError extends Error {
  constructor(readonly reason: string) {
    super(`Malformed integration message: ${reason}`);
    this.name = 'MalformedIntegrationMessageError';
  }
}

export function toIntegrationEvent(
  service: string,
  recorded: RecordedEvent,
  draft: IntegrationEventDraft,
): IntegrationEvent {
  return {
    eventId: recorded.eventId,
    type: draft.type,
    data: draft.data,
    metadata: recorded.metadata,
    source: {
      service,
      streamName: recorded.streamName,
      streamPosition: recorded.streamPosition,
      globalPosition: recorded.globalPosition,
    },
  };
}

interface WireEnvelope {
  eventId: string;
  type: string;
  data: unknown;
  metadata: {
    correlationId: string;
    causationId: string | null;
    actor: Actor;
    occurredAt: string;
    recordedAt: string;
  };
  source: { service: string; streamName: string; streamPosition: string; globalPosition: string };
}

/**
 * Keyed by source stream so that all events of one aggregate land on one partition, in order.
 * The stream position goes out as a decimal string, the global position as the store's text form.
 * `causationId` is sent as a header only when the event has one.
 */
export function encodeIntegrationMessage(
  event: IntegrationEvent,
  newSpanId: () => string = randomSpanId,
): EncodedIntegrationMessage {
  const { metadata, source } = event;
  const wire: WireEnvelope = {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      actor: metadata.actor,
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.recordedAt,
    },
    source: {
      service: source.service,
      streamName: source.streamName,
      streamPosition: formatStreamRevision(source.streamPosition),
      globalPosition: source.globalPosition,
    },
  };
  const headers: Record<string, string> = {
    [IntegrationHeaders.type]: event.type,
    [IntegrationHeaders.eventId]: event.eventId,
    [IntegrationHeaders.correlationId]: metadata.correlationId,
    [IntegrationHeaders.traceparent]: originTraceparent(metadata) ?? formatTraceparent({
      traceId: traceIdForCorrelation(metadata.correlationId),
      spanId: newSpanId(),
    }),
    [IntegrationHeaders.contentType]: INTEGRATION_CONTENT_TYPE,
  };
  if (metadata.causationId) headers[IntegrationHeaders.causationId] = metadata.causationId;
  return { key: source.streamName, value: JSON.stringify(wire), headers };
}

/** Throws `MalformedIntegrationMessageError` when the value is not a well-formed envelope. */
export function decodeIntegrationMessage(record: RawKafkaRecord): DecodedIntegrationMessage {
  if (record.value === null || record.value === undefined) throw new MalformedIntegrationMessageError('empty value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value.toString());
  } catch (error) {
    throw new MalformedIntegrationMessageError(`value is not JSON (${(error as Error).message})`);
  }
  const body = objectAt(parsed, 'value');
  const metadata = objectAt(body['metadata'], 'metadata');
  const source = objectAt(body['source'], 'source');
  if (!('data' in body)) throw new MalformedIntegrationMessageError('data is missing');

  const headers = headersAsStrings(record.headers);
  const traceparent = headers[IntegrationHeaders.traceparent];
  return {
    eventId: nonEmptyStringAt(body, 'eventId'),
    type: nonEmptyStringAt(body, 'type'),
    data: body['data'],
    metadata: {
      correlationId: nonEmptyStringAt(metadata, 'correlationId', 'metadata.'),
      causationId: nullableStringAt(metadata, 'causationId', 'metadata.'),
      actor: actorAt(metadata['actor']),
      occurredAt: timestampAt(metadata, 'occurredAt', 'metadata.'),
      recordedAt: timestampAt(metadata, 'recordedAt', 'metadata.'),
    },
    source: {
      service: nonEmptyStringAt(source, 'service', 'source.'),
      streamName: nonEmptyStringAt(source, 'streamName', 'source.'),
      streamPosition: positionAt(source, 'streamPosition', parseStreamRevision),
      globalPosition: positionAt(source, 'globalPosition', parseGlobalPosition),
    },
    key: record.key === null || record.key === undefined ? null : record.key.toString(),
    trace: traceparent === undefined ? null : parseTraceparent(traceparent),
    headers,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALL_ZEROS = /^0+$/;

/**
 * The trace context stored with the event when tracing was on where it was appended: the message
 * then continues that trace rather than one derived from the correlation id.
 */
function originTraceparent(metadata: EventMetadata): string | null {
  const stored = metadata.traceparent;
  return stored !== undefined && parseTraceparent(stored) !== null ? stored.trim() : null;
}

/**
 * Every message of one business flow shares its correlation id, so deriving the trace id from it
 * keeps the whole flow in one trace without a tracing SDK. A UUID is used as is (it already has
 * 128 bits); any other correlation id is hashed.
 */
export function traceIdForCorrelation(correlationId: string): string {
  // The events of one append share their correlation id: a relay batch derives it once.
  if (lastTrace?.correlationId === correlationId) return lastTrace.traceId;
  const traceId = derivedTraceId(correlationId);
  lastTrace = { correlationId, traceId };
  return traceId;
}

let lastTrace: { readonly correlationId: string; readonly traceId: string } | null = null;

function derivedTraceId(correlationId: string): string {
  if (UUID.test(correlationId)) {
    const hex = correlationId.replace(/-/g, '').toLowerCase();
    if (!ALL_ZEROS.test(hex)) return hex;
  }
  return createHash('sha256').update(correlationId).digest('hex').slice(0, 32);
}

/**
 * Random bytes are drawn 4 KiB at a time: a call to the system's generator per message cost a
 * relay publishing thousands of events a second more than encoding them.
 */
const SPAN_ID_POOL = Buffer.alloc(4096);
let spanIdOffset = SPAN_ID_POOL.length;

export function randomSpanId(): string {
  for (;;) {
    if (spanIdOffset + 8 > SPAN_ID_POOL.length) {
      randomFillSync(SPAN_ID_POOL);
      spanIdOffset = 0;
    }
    const hex = SPAN_ID_POOL.toString('hex', spanIdOffset, spanIdOffset + 8);
    spanIdOffset += 8;
    if (!ALL_ZEROS.test(hex)) return hex;
  }
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-01`;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Null for a header that is not a valid version-00 traceparent: tracing is best effort. */
export function parseTraceparent(header: string): TraceContext | null {
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return null;
  const [, traceId, spanId] = match as unknown as [string, string, string];
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(spanId)) return null;
  return { traceId, spanId };
}

export function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

type JsonObject = Record<string, unknown>;

function objectAt(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedIntegrationMessageError(`${path} must be an object`);
  }
  return value as JsonObject;
}

function nonEmptyStringAt(object: JsonObject, field: string, prefix = ''): string {
  const value = object[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MalformedIntegrationMessageError(`${prefix}${field} must be a non-empty string`);
  }
  return value;
}

function nullableStringAt(object: JsonObject, field: string, prefix = ''): string | null {
  const value = object[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new MalformedIntegrationMessageError(`${prefix}${field} must be a string or null`);
  return value;
}

function timestampAt(object: JsonObject, field: string, prefix = ''): string {
  const value = nonEmptyStringAt(object, field, prefix);
  if (Number.isNaN(Date.parse(value))) {
    throw new MalformedIntegrationMessageError(`${prefix}${field} must be an ISO-8601 timestamp`);
  }
  return value;
}

function positionAt<TPosition>(object: JsonObject, field: string, parse: (text: string) => TPosition): TPosition {
  const value = object[field];
  if (typeof value !== 'string') throw new MalformedIntegrationMessageError(`source.${field} must be a string`);
  try {
    return parse(value);
  } catch (error) {
    throw new MalformedIntegrationMessageError((error as Error).message);
  }
}

function actorAt(value: unknown): Actor {
  const actor = objectAt(value, 'metadata.actor');
  const roles = actor['roles'];
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new MalformedIntegrationMessageError('metadata.actor.roles must be an array of strings');
  }
  const agencyId = nullableStringAt(actor, 'agencyId', 'metadata.actor.');
  return {
    id: nonEmptyStringAt(actor, 'id', 'metadata.actor.'),
    roles: roles as string[],
    ...(agencyId === null && !('agencyId' in actor) ? {} : { agencyId }),
  };
}
