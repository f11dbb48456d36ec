import type { EventStore, EventToAppend } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage, MessageContext } from '@training-ledger/messaging';
import { type ArchivedIntegrationEvent, INBOX_EVENT_TYPE, inboxStreamName } from '../src/inbox/archived-batch';
import { IntegrationInbox } from '../src/inbox/inbox';

/** The archive a benchmark reads: as reporting stores it now (consumed batches), or as it did before (one entry per message). */
export type ArchiveFormat = 'batches' | 'singles';

const PARTITIONS = 6;
const metadata = { correlationId: 'bench', causationId: null, actor: { id: 'reporting', roles: [] }, occurredAt: '2028-06-01T03:00:00.000Z' };

/** A deterministic programme: agencies and rosters, completed runs, certificates (some revoked) and attendance marks. */
function* programme(total: number): Generator<Omit<ArchivedIntegrationEvent, 'partition' | 'offset'> & { partitionKey: number }> {
  let serial = 0;
  const id = (prefix: string, n: number) => `${prefix}-${n.toString(36).padStart(6, '0')}`;
  const agencies = 95;
  for (let agency = 0; agency < agencies; agency += 1) {
    const agencyId = id('A', agency);
    yield { topic: 'enrolment.events.v1', partitionKey: agency, key: `agency-${agencyId}`, eventId: id('e', serial++), type: 'AgencyRegistered.v1', data: { agencyId, code: agencyId, nameVi: `Cơ quan ${agency}`, nameEn: `Agency ${agency}`, kind: agency < 30 ? 'ministry' : 'province', parentAgencyId: null }, occurredAt: '2026-06-01T03:00:00.000Z', sourceService: 'enrolment' };
    yield { topic: 'enrolment.events.v1', partitionKey: agency, key: `agency-${agencyId}`, eventId: id('e', serial++), type: 'StaffRosterDeclared.v1', data: { agencyId, declarationId: id('d', agency), asOf: '2026-07-01', regular: 900, nonRegular: 400, byRank: [] }, occurredAt: '2026-07-01T03:00:00.000Z', sourceService: 'enrolment' };
  }
  const levels = ['universal', 'advanced', 'specialised', 'sector-specific'];
  const formats = ['in-person', 'online', 'internship-domestic', 'internship-abroad'];
  for (let run = 0; serial < total; run += 1) {
    const runId = id('R', run);
    const trainees = Array.from({ length: 40 }, (_, index) => id('T', (run * 37 + index * 101) % 70_000));
    const level = levels[run % levels.length];
    const trainingGroup = run % 2 === 0 ? 'expertise' : 'skills-and-style';
    const format = formats[run % formats.length];
    const sessions = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
    const completedOn = `202${7 + (run % 2)}-0${1 + (run % 9)}-15`;
    for (const traineeId of trainees) {
      for (const sessionId of sessions) {
        if (serial >= total) return;
        yield { topic: 'course-delivery.events.v1', partitionKey: run, key: `attendance-${runId}`, eventId: id('e', serial++), type: 'AttendanceRecorded.v1', data: { runId, sessionId, traineeId, status: (serial % 11 === 0 ? 'absent' : 'present'), observedAt: `${completedOn}T08:05:00+07:00`, recordId: `${traineeId}/${sessionId}`, postedBy: 'HVNG' }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'course-delivery' };
      }
    }
    yield { topic: 'course-delivery.events.v1', partitionKey: run, key: `course-run-${runId}`, eventId: id('e', serial++), type: 'CourseRunCompleted.v1', data: { runId, courseId: `C${run % 60}`, courseCode: `C${run % 60}`, level, trainingGroup, format, completedOn, sessionsHeld: sessions, hasForeignLecturer: run % 7 === 0, hostAgencyId: null, completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null } }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'course-delivery' };
    for (let index = 0; index < trainees.length; index += 1) {
      const certificateId = id('cert', run * 40 + index);
      yield { topic: 'certification.events.v1', partitionKey: run + index, key: `certificate-register-${completedOn.slice(0, 4)}`, eventId: id('c', run * 40 + index), type: 'CertificateIssued.v1', data: { certificateId, certificateNumber: `${completedOn.slice(0, 4)}/${String((run * 40 + index) % 999_999 + 1).padStart(6, '0')}`, traineeId: trainees[index], agencyId: id('A', (run * 40 + index) % agencies), targetGroup: index % 3 === 0 ? 'non-regular' : 'regular', rank: 'specialist', leadership: false, runId, courseId: `C${run % 60}`, courseCode: `C${run % 60}`, level, trainingGroup, format, runStartDate: completedOn, runEndDate: completedOn, issuedOn: completedOn, issuedBy: 'certifier', basis: { attendanceShare: '0.9000', assessmentPassed: null, ruleVersion: 1 } }, occurredAt: `${completedOn}T03:00:00.000Z`, sourceService: 'certification' };
    }
  }
}

/** What a consumer fetches of one partition at a time: between 500 and 2,000 messages, in a fixed sequence. */
function* fetchSizes(): Generator<number> {
  for (let state = 12_345; ; ) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield 500 + (state % 1_501);
  }
}

/**
 * Writes the programme's `total` messages into the archive in the given format: consumed batches
 * through reporting's own inbox (each partition's messages in fetches of 500–2,000), or one entry
 * per message as reporting wrote them before batches. Answers the number of messages and of streams.
 */
export async function writeArchive(store: EventStore, total: number, format: ArchiveFormat): Promise<{ readonly messages: number; readonly streams: string[] }> {
  const inbox = new IntegrationInbox(store);
  const sizes = fetchSizes();
  const pending = new Map<string, { target: number; consumed: { message: DecodedIntegrationMessage; context: MessageContext }[]; singles: EventToAppend[] }>();
  const offsets = new Map<string, number>();
  let written = 0;
  const flush = async (streamName: string) => {
    const waiting = pending.get(streamName);
    if (!waiting || (waiting.consumed.length === 0 && waiting.singles.length === 0)) return;
    if (format === 'batches') await inbox.archive(waiting.consumed, '');
    else await store.appendToStream(streamName, waiting.singles, { expectedVersion: 'any' });
    written += waiting.consumed.length + waiting.singles.length;
    pending.set(streamName, { target: sizes.next().value as number, consumed: [], singles: [] });
  };
  for (const event of programme(total)) {
    const partition = event.partitionKey % PARTITIONS;
    const streamName = inboxStreamName(event.topic, partition);
    const offset = String(offsets.get(streamName) ?? 0);
    offsets.set(streamName, Number(offset) + 1);
    let waiting = pending.get(streamName);
    if (!waiting) {
      waiting = { target: sizes.next().value as number, consumed: [], singles: [] };
      pending.set(streamName, waiting);
    }
    const { partitionKey: _partitionKey, ...archived } = event;
    if (format === 'batches') {
      const message = { key: archived.key, eventId: archived.eventId, type: archived.type, data: archived.data, metadata: { occurredAt: archived.occurredAt }, source: { service: archived.sourceService } };
      waiting.consumed.push({ message: message as unknown as DecodedIntegrationMessage, context: { topic: archived.topic, partition, offset } });
    } else {
      const data: ArchivedIntegrationEvent = { ...archived, partition, offset };
      waiting.singles.push({ type: INBOX_EVENT_TYPE, data, metadata });
    }
    if (waiting.consumed.length + waiting.singles.length >= (format === 'batches' ? waiting.target : 2_000)) await flush(streamName);
  }
  for (const streamName of pending.keys()) await flush(streamName);
  return { messages: written, streams: [...offsets.keys()] };
}
