import { globalPosition } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage, MessageContext } from '@training-ledger/messaging';
import {
  agencyRegistered,
  agencyRenamed,
  attendanceCorrected,
  attendanceRecorded,
  certificateIssued,
  certificateReissued,
  certificateRevoked,
  certifiedStaff,
  type Fact,
  inLog,
  rosterDeclared,
  runCompleted,
} from '../evaluation-core/evaluation-log.fixture';
import { feedbackSubmitted, markOf, nominationApproved, runScheduled } from '../evaluation-core/programme-log.fixture';

/*
 * Test-only: Kafka messages as reporting's inbox consumer is handed them, a programme of 2027 in
 * three topics of three partitions. The messages consumed before an upgrade come first, those
 * consumed after continue the same partitions; among them a message delivered twice, one whose data
 * breaks its contract, and messages without a key.
 */

export type ConsumedMessage = { readonly message: DecodedIntegrationMessage; readonly context: MessageContext };

const trainees = (agencyId: string, count: number, from = 1) => Array.from({ length: count }, (_, index) => `${agencyId}-regular-${from + index}`);

function factsBefore(): Fact[] {
  const learners = trainees('BNG', 4);
  return [
    agencyRegistered('BNG', 'ministry', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'),
    agencyRegistered('HN', 'province', 'Thành phố Hà Nội', 'Ha Noi'),
    agencyRegistered('BTC', 'ministry', 'Bộ Tài chính', 'Ministry of Finance'),
    rosterDeclared('BNG', '2026-06-01', 40, 10),
    rosterDeclared('HN', '2026-06-01', 20, 5),
    rosterDeclared('BTC', '2026-06-01', 30, 8),
    runScheduled('RUN-1', [{ sessionId: 'S1', date: '2027-06-01' }, { sessionId: 'S2', date: '2027-06-02' }]),
    ...learners.map((traineeId) => nominationApproved('RUN-1', traineeId, { agencyId: 'BNG' })),
    ...learners.flatMap((traineeId, index) => [
      markOf('RUN-1', 'S1', traineeId, 'present', '2027-06-01', '2027-06-01'),
      attendanceRecorded('RUN-1', 'S2', traineeId, index === 3 ? 'absent' : 'present', '2027-06-02'),
    ]),
    attendanceCorrected('RUN-1', 'S2', learners[3], 'absent', 'excused', '2027-06-03'),
    runCompleted({ runId: 'RUN-1', completedOn: '2027-06-05', sessionsHeld: ['S1', 'S2'] }),
    ...certifiedStaff('BNG', 'regular', 6, { runId: 'RUN-1', issuedOn: '2027-06-30' }),
    ...certifiedStaff('HN', 'regular', 3, { runId: 'RUN-1', issuedOn: '2027-06-30' }),
    ...certifiedStaff('BTC', 'non-regular', 2, { runId: 'RUN-1', issuedOn: '2027-06-30' }),
    certificateRevoked({ certificateId: 'C-BNG-regular-1-RUN-1', traineeId: 'BNG-regular-1', agencyId: 'BNG', runId: 'RUN-1' }, '2027-09-01'),
    feedbackSubmitted('RUN-1', 'F-1', 'trainee', 'BNG', { content: 5, lecturers: 4, organisation: 4 }),
    // Breaks the contract of its type: listed as rejected, not counted.
    { ...certificateIssued({ certificateId: 'C-broken', traineeId: 'BNG-regular-9', agencyId: 'BNG' }), data: { certificateId: 'C-broken' } },
  ];
}

function factsAfter(): Fact[] {
  return [
    runScheduled('RUN-2', [{ sessionId: 'S1', date: '2027-08-01' }]),
    ...certifiedStaff('BNG', 'regular', 4, { runId: 'RUN-2', issuedOn: '2027-08-15' }).map((fact, index) => ({
      ...fact,
      data: { ...fact.data, traineeId: `BNG-regular-${7 + index}` },
    })),
    ...certifiedStaff('HN', 'regular', 2, { runId: 'RUN-2', issuedOn: '2027-08-15' }),
    certificateReissued({ certificateId: 'C-HN-regular-1-RUN-1-R', replacesCertificateId: 'C-HN-regular-1-RUN-1', traineeId: 'HN-regular-1', agencyId: 'HN', runId: 'RUN-1', issuedOn: '2027-10-01' }),
    attendanceCorrected('RUN-1', 'S2', 'BNG-regular-2', 'present', 'late', '2027-10-05'),
    rosterDeclared('HN', '2027-07-01', 25, 5),
    agencyRenamed('BTC', 'Bộ Tài chính (mới)', 'Ministry of Finance (new)', '2027-11-01'),
    runCompleted({ runId: 'RUN-2', completedOn: '2027-08-10', sessionsHeld: ['S1'] }),
  ];
}

const serviceOf: Record<string, string> = {
  'enrolment.events.v1': 'enrolment',
  'course-delivery.events.v1': 'course-delivery',
  'certification.events.v1': 'certification',
};

/**
 * The messages, before and after the upgrade, each part in consumed batches of at most `batchSize`
 * messages of one partition; topics as consumed under `topicPrefix`.
 */
export function consumedMessages(topicPrefix = '', batchSize = 4): { readonly before: ConsumedMessage[][]; readonly after: ConsumedMessage[][] } {
  const before = factsBefore();
  const facts = [...before, ...factsAfter()];
  const messages = inLog(facts, 3).map((event, index): ConsumedMessage => {
    const fact = facts[index];
    const occurredAt = `${event.occurredOn}T03:00:00.000Z`;
    const service = serviceOf[event.topic];
    return {
      message: {
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: { correlationId: event.eventId, causationId: null, actor: { id: service, roles: [] }, occurredAt, recordedAt: occurredAt },
        source: { service, streamName: fact.stream, streamPosition: BigInt(index), globalPosition: globalPosition(1n, BigInt(index + 1)) },
        key: index % 7 === 3 ? null : fact.stream,
        trace: null,
        headers: {},
      } as DecodedIntegrationMessage,
      context: { topic: `${topicPrefix}${event.topic}`, partition: event.partition, offset: '' },
    };
  });
  // Each part ends with a message its relay sent again: it takes the next offset of its partition.
  const consumed = inOffsets([...messages.slice(0, before.length), messages[5], ...messages.slice(before.length), messages[before.length + 3]]);
  return { before: inBatches(consumed.slice(0, before.length + 1), batchSize), after: inBatches(consumed.slice(before.length + 1), batchSize) };
}

/** The messages at consecutive offsets of their partitions, in the order given. */
function inOffsets(messages: readonly ConsumedMessage[]): ConsumedMessage[] {
  const next = new Map<string, number>();
  return messages.map(({ message, context }) => {
    const place = `${context.topic}/${context.partition}`;
    const offset = next.get(place) ?? 0;
    next.set(place, offset + 1);
    return { message, context: { ...context, offset: String(offset) } };
  });
}

/** Consecutive messages of one partition, at most `size` at a time, in the order consumed. */
function inBatches(messages: readonly ConsumedMessage[], size: number): ConsumedMessage[][] {
  const byPartition = new Map<string, ConsumedMessage[]>();
  for (const consumed of messages) {
    const place = `${consumed.context.topic}/${consumed.context.partition}`;
    byPartition.set(place, [...(byPartition.get(place) ?? []), consumed]);
  }
  const batches: ConsumedMessage[][] = [];
  for (const partition of byPartition.values()) {
    partition.sort((a, b) => Number(a.context.offset) - Number(b.context.offset));
    for (let start = 0; start < partition.length; start += size) batches.push(partition.slice(start, start + size));
  }
  return batches;
}
