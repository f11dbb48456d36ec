import {
  agencyKinds,
  courseFormats,
  courseLevels,
  decimalShare,
  ranks,
  targetGroups,
  trainingGroups,
} from '@training-ledger/contracts';
import fc from 'fast-check';
import { renderReport, type EvaluationReport, type Figures } from './evaluation';
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
  certifiedStaff,
  evaluate,
  inLog,
  rosterDeclared,
  runCompleted,
  universalInBothGroups,
  type Fact,
} from './evaluation-log.fixture';

const agencyIds = ['BNG', 'BTC', 'HN', 'QN', 'CT'] as const;
const traineeIds = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
const runIds = ['R1', 'R2', 'R3'] as const;
const sessionIds = ['S1', 'S2', 'S3'] as const;
const statuses = ['present', 'late', 'absent', 'excused'] as const;
/** Dates on both sides of the cut-offs, so that effective dates decide what counts. */
const dates = ['2026-06-01', '2027-12-31', '2028-12-30', '2028-12-31', '2029-01-01', '2030-06-30', '2031-12-31', '2032-01-01'] as const;
const cutoffs = ['2027-12-31', '2028-12-31', '2031-12-31'] as const;
/** Streams that send related facts to different partitions. */
const streams = ['s-a', 's-b', 's-c', 's-d', 's-e', 's-f'] as const;

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

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

const factArbitrary: fc.Arbitrary<Fact> = fc.oneof(
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
const logArbitrary = fc
  .record({
    facts: fc.array(factArbitrary, { minLength: 10, maxLength: 80 }),
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

const evaluationArbitrary = fc.record({
  events: logArbitrary,
  asOf: pick(cutoffs),
  coverageRule: fc.constantFrom(anyCertificate, universalInBothGroups),
});

/** Merges per-partition sequences in the order the choices dictate, never reordering within a partition. */
function interleave(events: readonly EvaluationEvent[], choices: readonly number[]): EvaluationEvent[] {
  const queues = new Map<string, EvaluationEvent[]>();
  for (const event of events) {
    const place = `${event.topic}/${event.partition}`;
    queues.set(place, [...(queues.get(place) ?? []), event]);
  }
  const merged: EvaluationEvent[] = [];
  for (let step = 0; merged.length < events.length; step += 1) {
    const open = [...queues.values()].filter((queue) => queue.length > 0);
    const queue = open[(choices[step % Math.max(choices.length, 1)] ?? 0) % open.length];
    merged.push(queue.shift() as EvaluationEvent);
  }
  return merged;
}

const bytesOf = (report: EvaluationReport) => renderReport(report).canonicalJson;

describe('evaluation properties: the same log gives the same bytes', () => {
  it('(a) gives identical bytes for every interleaving of the same per-partition sequences', () => {
    const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(evaluationArbitrary, choices, choices, (input, first, second) => {
        const inPartitionOrder = bytesOf(evaluate(input.events, input));
        expect(bytesOf(evaluate(interleave(input.events, first), input))).toBe(inPartitionOrder);
        expect(bytesOf(evaluate(interleave(input.events, second), input))).toBe(inPartitionOrder);
        // Offsets, not places in the array, give the order within a partition.
        expect(bytesOf(evaluate([...input.events].reverse(), input))).toBe(inPartitionOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('(b) gives identical bytes and hash when computed twice, from the events or from a copy of them', () => {
    fc.assert(
      fc.property(evaluationArbitrary, (input) => {
        const once = renderReport(evaluate(input.events, input));
        const again = renderReport(evaluate(structuredClone(input.events), input));
        expect(again).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('(c) writes every coverage share within [0, 1] wherever no more are trained than are on the roster', () => {
    const covered = fc.record({
      regular: fc.nat({ max: 500 }),
      nonRegular: fc.nat({ max: 500 }),
      trainedRegularPart: fc.double({ min: 0, max: 1, noNaN: true }),
      trainedNonRegularPart: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(covered, pick(cutoffs), ({ regular, nonRegular, trainedRegularPart, trainedNonRegularPart }, asOf) => {
        const trainedRegular = Math.floor(regular * trainedRegularPart);
        const trainedNonRegular = Math.floor(nonRegular * trainedNonRegularPart);
        const report = evaluate(
          inLog([
            agencyRegistered('BNG', 'ministry'),
            rosterDeclared('BNG', '2026-06-01', regular, nonRegular),
            ...certifiedStaff('BNG', 'regular', trainedRegular, { issuedOn: '2026-06-01' }),
            ...certifiedStaff('BNG', 'non-regular', trainedNonRegular, { issuedOn: '2026-06-01' }),
          ]),
          { asOf },
        );
        expect(report.national.trained).toEqual({ regular: trainedRegular, nonRegular: trainedNonRegular });
        expectSharesInRange(report.national);
      }),
      { numRuns: 100 },
    );

    fc.assert(
      fc.property(evaluationArbitrary, (input) => {
        const report = evaluate(input.events, input);
        const groups = [...Object.values(report.agencyGroups), ...Object.values(report.agencyKinds)];
        for (const figures of [report.national, ...groups, ...report.agencies]) expectSharesInRange(figures);
      }),
      { numRuns: 200 },
    );
  });
});

function expectSharesInRange(figures: Figures): void {
  for (const group of ['regular', 'nonRegular'] as const) {
    const [trained, roster, share] = [figures.trained[group], figures.roster[group], figures.share[group]];
    if (roster === 0) expect(share).toBeNull();
    else if (trained <= roster) expect(decimalShare.safeParse(share).success).toBe(true);
  }
}
