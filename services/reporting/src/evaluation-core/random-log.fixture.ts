import { courseFormats, courseLevels, agencyKinds, ranks, targetGroups, trainingGroups } from '@training-ledger/contracts';
import fc from 'fast-check';
import type { EvaluationEvent } from './evaluation-events';
import {
  agencyRegistered,
  agencyRenamed,
  anyCertificate,
  attendanceCorrected,
  attendanceRecorded,
  certificateIssued,
  certificateReissued,
  certificateRevoked,
  type Fact,
  inLog,
  rosterDeclared,
  runCompleted,
  topics,
  universalInBothGroups,
} from './evaluation-log.fixture';
import { correctionOf, feedbackSubmitted, markOf, nominationApproved, runScheduled } from './programme-log.fixture';

/** Test-only: random logs of the facts evaluations read, on random partitions, some delivered twice. */

const agencyIds = ['BNG', 'BTC', 'HN', 'QN', 'CT'] as const;
const traineeIds = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
const runIds = ['R1', 'R2', 'R3'] as const;
const sessionIds = ['S1', 'S2', 'S3'] as const;
const statuses = ['present', 'late', 'absent', 'excused'] as const;
/** Dates on both sides of the cut-offs, so that effective dates decide what counts. */
const dates = ['2026-06-01', '2027-12-31', '2028-12-30', '2028-12-31', '2029-01-01', '2030-06-30', '2031-12-31', '2032-01-01'] as const;
export const cutoffs = ['2027-12-31', '2028-12-31', '2031-12-31'] as const;
/** Streams that send related facts to different partitions. */
const streams = ['s-a', 's-b', 's-c', 's-d', 's-e', 's-f'] as const;

export const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

const certificateFields = fc.record({
  traineeId: pick(traineeIds),
  agencyId: pick(agencyIds),
  targetGroup: pick(targetGroups),
  rank: pick(ranks),
  runId: pick(runIds),
  level: pick(courseLevels),
  trainingGroup: pick(trainingGroups),
  format: pick(courseFormats),
  issuedOn: pick(dates),
});

/** A fact on a randomly chosen stream, so that it may land on any partition. */
const anywhere = (fact: fc.Arbitrary<Fact>) =>
  fc.tuple(fact, fc.option(pick(streams), { nil: undefined })).map(([built, stream]) => (stream ? { ...built, stream } : built));

export const factArbitrary: fc.Arbitrary<Fact> = fc.oneof(
  anywhere(fc.tuple(pick(agencyIds), pick(agencyKinds)).map(([agencyId, kind]) => agencyRegistered(agencyId, kind))),
  anywhere(
    fc
      .tuple(pick(agencyIds), pick(dates), fc.string({ minLength: 1, maxLength: 4 }))
      .map(([agencyId, on, name]) => agencyRenamed(agencyId, name, name, on)),
  ),
  anywhere(
    fc
      .tuple(pick(agencyIds), pick(dates), fc.nat({ max: 50 }), fc.nat({ max: 50 }))
      .map(([agencyId, asOf, regular, nonRegular]) => rosterDeclared(agencyId, asOf, regular, nonRegular)),
  ),
  {
    weight: 4,
    arbitrary: anywhere(
      fc.tuple(fc.nat({ max: 5 }), certificateFields).map(([id, fields]) => certificateIssued({ certificateId: `C${id}`, ...fields })),
    ),
  },
  anywhere(
    fc
      .tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 }), certificateFields)
      .map(([id, replaced, fields]) => certificateReissued({ certificateId: `C${id}r`, replacesCertificateId: `C${replaced}`, ...fields })),
  ),
  anywhere(
    fc
      .tuple(fc.nat({ max: 5 }), pick(traineeIds), pick(agencyIds), pick(dates))
      .map(([id, traineeId, agencyId, on]) => certificateRevoked({ certificateId: `C${id}`, traineeId, agencyId }, on)),
  ),
  anywhere(
    fc
      .record({
        runId: pick(runIds),
        completedOn: pick(dates),
        hostAgencyId: fc.option(pick(agencyIds), { nil: null }),
        hasForeignLecturer: fc.boolean(),
        level: pick(courseLevels),
        trainingGroup: pick(trainingGroups),
        format: pick(courseFormats),
        sessionsHeld: fc.subarray([...sessionIds], { minLength: 1 }),
      })
      .map(runCompleted),
  ),
  {
    weight: 3,
    arbitrary: anywhere(
      fc
        .tuple(pick(runIds), pick(sessionIds), pick(traineeIds), pick(statuses), pick(dates))
        .map(([runId, sessionId, traineeId, status, on]) => attendanceRecorded(runId, sessionId, traineeId, status, on)),
    ),
  },
  anywhere(
    fc
      .tuple(pick(runIds), pick(sessionIds), pick(traineeIds), pick(statuses), pick(statuses), pick(dates))
      .map(([runId, sessionId, traineeId, before, after, on]) => attendanceCorrected(runId, sessionId, traineeId, before, after, on)),
  ),
  anywhere(certificateFields.map((fields) => ({ ...certificateIssued({ certificateId: 'C-broken', ...fields }), data: { broken: true } }))),
);

/** A log as Kafka would hold it: facts on partitions, some delivered twice, some offsets written as bigints. */
function redelivered(facts: fc.Arbitrary<Fact[]>): fc.Arbitrary<EvaluationEvent[]> {
  return fc
  .record({
    facts,
    partitions: fc.integer({ min: 1, max: 4 }),
    redeliveries: fc.array(fc.nat(), { maxLength: 4 }),
    bigintOffsets: fc.boolean(),
  })
  .map(({ facts, partitions, redeliveries, bigintOffsets }) => {
    const events = inLog(facts, partitions);
    const lastOffsets = new Map<string, bigint>();
    for (const event of events) lastOffsets.set(`${event.topic}/${event.partition}`, BigInt(event.offset));
    for (const choice of events.length > 0 ? redeliveries : []) {
      const original = events[choice % events.length];
      const place = `${original.topic}/${original.partition}`;
      const offset = (lastOffsets.get(place) as bigint) + 1n;
      lastOffsets.set(place, offset);
      events.push({ ...original, offset: offset.toString() });
    }
    return bigintOffsets ? events.map((event) => ({ ...event, offset: BigInt(event.offset) })) : events;
  });
}

export const logArbitrary = redelivered(fc.array(factArbitrary, { minLength: 10, maxLength: 80 }));

export const evaluationArbitrary = fc.record({
  events: logArbitrary,
  asOf: pick(cutoffs),
  coverageRule: fc.constantFrom(anyCertificate, universalInBothGroups),
});


const ratings = fc.record({ content: fc.integer({ min: 1, max: 5 }), lecturers: fc.integer({ min: 1, max: 5 }), organisation: fc.integer({ min: 1, max: 5 }) });

/** What evaluation/2.0.0 reads beyond 1.0.0: timetables, nominations, registrations, feedback, marks with their session dates. */
const programmeFactArbitrary: fc.Arbitrary<Fact> = fc.oneof(
  anywhere(
    fc
      .tuple(pick(runIds), fc.subarray([...sessionIds], { minLength: 1 }), pick(dates))
      .map(([runId, sessions, date]) => runScheduled(runId, sessions.map((sessionId) => ({ sessionId, date })), ['specialist', 'division-level'])),
  ),
  anywhere(
    fc.tuple(pick(runIds), pick(sessionIds), pick(dates)).map(([runId, sessionId, date]): Fact => ({
      topic: topics.courseDelivery,
      stream: `run-${runId}`,
      type: 'SessionAdded.v1',
      data: { runId, session: { sessionId, date, startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T11:30:00+07:00` } },
      occurredOn: date,
    })),
  ),
  anywhere(
    fc
      .tuple(pick(runIds), pick(traineeIds), pick(agencyIds), pick(ranks), pick(targetGroups), fc.boolean(), pick(dates))
      .map(([runId, traineeId, agencyId, rank, targetGroup, leadership, on]) => nominationApproved(runId, traineeId, { agencyId, rank, targetGroup, leadership }, on)),
  ),
  anywhere(
    fc.tuple(pick(traineeIds), pick(agencyIds), pick(ranks), pick(targetGroups), fc.boolean(), pick(dates)).map(([traineeId, agencyId, rank, targetGroup, leadership, on]): Fact => ({
      topic: topics.enrolment,
      stream: `trainee-${traineeId}`,
      type: 'TraineeRegistered.v1',
      data: { traineeId, agencyId, targetGroup, rank, leadership },
      occurredOn: on,
    })),
  ),
  anywhere(
    fc
      .tuple(pick(runIds), fc.nat({ max: 4 }), fc.constantFrom('trainee' as const, 'agency' as const), pick(agencyIds), ratings, pick(dates))
      .map(([runId, id, from, agencyId, given, on]) => feedbackSubmitted(runId, `F${id}`, from, agencyId, given, on)),
  ),
  {
    weight: 3,
    arbitrary: anywhere(
      fc
        .tuple(pick(runIds), pick(sessionIds), pick(traineeIds), pick(statuses), pick(dates), fc.option(pick(dates), { nil: undefined }))
        .map(([runId, sessionId, traineeId, status, on, sessionDate]) => markOf(runId, sessionId, traineeId, status, on, sessionDate)),
    ),
  },
  anywhere(
    fc
      .tuple(pick(runIds), pick(sessionIds), pick(traineeIds), pick(statuses), pick(statuses), pick(dates), fc.option(pick(dates), { nil: undefined }))
      .map(([runId, sessionId, traineeId, before, after, on, sessionDate]) => correctionOf(runId, sessionId, traineeId, [before, after], on, sessionDate)),
  ),
  anywhere(pick(runIds).map((runId) => ({ ...runScheduled(runId, []), data: { runId, broken: true } }))),
);

/** A log of 1.0.0's and 2.0.0's facts together, redelivered and partitioned as {@link logArbitrary}'s. */
export const programmeEvaluationArbitrary = fc.record({
  events: redelivered(fc.array(fc.oneof(factArbitrary, programmeFactArbitrary), { minLength: 10, maxLength: 120 })),
  asOf: pick(cutoffs),
  coverageRule: fc.constantFrom(anyCertificate, universalInBothGroups),
});
