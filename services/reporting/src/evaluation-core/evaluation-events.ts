import {
  certificationContract,
  type CertificationIntegrationEvent,
  checkEventData,
  courseDeliveryContract,
  type CourseDeliveryIntegrationEvent,
  enrolmentContract,
  type EnrolmentIntegrationEvent,
  isCalendarDate,
} from '@training-ledger/contracts';
import { DomainRuleViolation } from '@training-ledger/decider';
import { plainAttendance } from './attendance-reads';
import { isDeepStrictEqual } from 'node:util';
import { comparePositions, isPartitionNumber, parseOffset } from './offsets';

/** An integration event as an evaluation reads it: where it sits in Kafka, and the fact it carries. */
export interface EvaluationEvent {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset, as a bigint or a decimal string. */
  readonly offset: bigint | string;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** YYYY-MM-DD: the date the fact takes effect. */
  readonly occurredOn: string;
}

const readTypes = {
  [enrolmentContract.topic]: ['AgencyRegistered.v1', 'AgencyRenamed.v1', 'StaffRosterDeclared.v1'],
  [courseDeliveryContract.topic]: ['CourseRunCompleted.v1', 'AttendanceRecorded.v1', 'AttendanceCorrected.v1'],
  [certificationContract.topic]: ['CertificateIssued.v1', 'CertificateReissued.v1', 'CertificateRevoked.v1'],
} as const;

type ReadType = (typeof readTypes)[keyof typeof readTypes][number];

/** The events an evaluation reads, with `data` checked against its contract. */
export type ReadEvent = Extract<
  EnrolmentIntegrationEvent | CourseDeliveryIntegrationEvent | CertificationIntegrationEvent,
  { readonly type: ReadType }
>;

export interface PositionedEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly occurredOn: string;
}

export function isReadType(topic: string, type: string): boolean {
  const types: readonly string[] | undefined = Object.hasOwn(readTypes, topic)
    ? readTypes[topic as keyof typeof readTypes]
    : undefined;
  return types?.includes(type) ?? false;
}

/** The read event, or null when its data breaks the contract of its type. */
export function readEvent(event: PositionedEvent): ReadEvent | null {
  const attendance = plainAttendance(event.topic, event.type, event.data);
  if (attendance !== undefined) return { type: event.type, data: attendance } as ReadEvent;
  const checked = checkEventData(event.topic, event.type, event.data);
  return checked.ok ? ({ type: event.type, data: checked.data } as ReadEvent) : null;
}

/**
 * Checks each event's place and date, and orders them by topic, partition and offset. Two different
 * events at one offset cannot come from Kafka, so they are refused; the same event given twice is kept once.
 */
export function positionEvents(events: readonly EvaluationEvent[]): readonly PositionedEvent[] {
  const positioned = events.map(position).sort(comparePositions);
  const distinct: PositionedEvent[] = [];
  for (const event of positioned) {
    const previous = distinct.at(-1);
    if (previous && isRepeated(previous, event)) continue;
    distinct.push(event);
  }
  return distinct;
}

/** Whether `event` sits at the place of the one before it: the same event given again; two different ones are refused. */
export function isRepeated(previous: PositionedEvent, event: PositionedEvent): boolean {
  if (comparePositions(previous, event) !== 0) return false;
  if (!isDeepStrictEqual(previous, event)) {
    throw new DomainRuleViolation(
      'one-event-per-offset',
      `${event.topic} partition ${event.partition} offset ${event.offset} holds two different events`,
      'events',
    );
  }
  return true;
}

/** Events come in runs of one day: the last date found valid is not checked again. */
let lastValidDate = '';
function isDate(text: string): boolean {
  if (text === lastValidDate) return true;
  if (!isCalendarDate(text)) return false;
  lastValidDate = text;
  return true;
}

/** Where an event sits, written only for a refusal: `position` runs for every event folded. */
const placeOf = (event: EvaluationEvent): string => `${event.topic} partition ${event.partition} offset ${String(event.offset)}`;

/** The event with its place and date checked, its offset as a bigint. */
export function position(event: EvaluationEvent): PositionedEvent {
  if (typeof event.topic !== 'string' || event.topic.length === 0 || !isPartitionNumber(event.partition)) {
    throw new DomainRuleViolation('event-position-valid', `${placeOf(event)}: not a topic-partition`, 'events');
  }
  let offset: bigint;
  try {
    offset = parseOffset(event.offset);
  } catch {
    throw new DomainRuleViolation('event-position-valid', `${placeOf(event)}: not an offset`, 'events');
  }
  if (typeof event.occurredOn !== 'string' || !isDate(event.occurredOn)) {
    throw new DomainRuleViolation('event-date-valid', `${placeOf(event)}: occurredOn must be a calendar date YYYY-MM-DD`, 'events');
  }
  if (typeof event.eventId !== 'string' || event.eventId.length === 0 || typeof event.type !== 'string') {
    throw new DomainRuleViolation('event-identified', `${placeOf(event)}: an event needs an id and a type`, 'events');
  }
  return {
    topic: event.topic,
    partition: event.partition,
    offset,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    occurredOn: event.occurredOn,
  };
}

/**
 * The date on which a fact counts: the date the event itself states where it states one (issue,
 * revocation, completion, a roster's as-of date), and `occurredOn` otherwise.
 */
export function effectiveDate(event: { readonly type: string; readonly data: unknown; readonly occurredOn: string }): string {
  const field = effectiveDateFields[event.type];
  if (field && typeof event.data === 'object' && event.data !== null) {
    const value: unknown = (event.data as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
  }
  return event.occurredOn;
}

const effectiveDateFields: Readonly<Record<string, string>> = {
  'StaffRosterDeclared.v1': 'asOf',
  'CertificateIssued.v1': 'issuedOn',
  'CertificateReissued.v1': 'issuedOn',
  'CertificateRevoked.v1': 'revokedOn',
  'CourseRunCompleted.v1': 'completedOn',
};
