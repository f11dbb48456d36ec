import { enrolmentContract } from '@training-ledger/contracts';
import { applyUpdate, hasApplied, planWrites, type ProjectableEvent } from '@training-ledger/read-models';
import { type ApprovedNominationDocument, approvedTraineesProjection } from './approved-trainees.projection';

const runId = 'RUN-2027-NEG-01';
const ref = (nominationId: string, traineeId: string) => ({ nominationId, runId, traineeId, agencyId: 'BNV' });

const approved = (nominationId: string, traineeId: string) => ({
  type: 'NominationApproved.v1' as const,
  data: { ...ref(nominationId, traineeId), targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
});
const withdrawn = (nominationId: string, traineeId: string) => ({
  type: 'NominationWithdrawn.v1' as const,
  data: { ...ref(nominationId, traineeId), reason: 'On mission abroad' },
});
const cancelled = (nominationId: string, traineeId: string) => ({
  type: 'NominationCancelled.v1' as const,
  data: { ...ref(nominationId, traineeId), cause: 'trainee-transferred', reason: 'Transferred to another province' },
});
const rejected = (nominationId: string, traineeId: string) => ({
  type: 'NominationRejected.v1' as const,
  data: { ...ref(nominationId, traineeId), reason: 'Not in the target group' },
});
const submitted = (nominationId: string, traineeId: string) => ({
  type: 'NominationSubmitted.v1' as const,
  data: { ...ref(nominationId, traineeId), targetGroup: 'regular', rank: 'specialist', leadership: false },
});

type Published = { type: keyof typeof enrolmentContract.schemas; data: object };

/** Events of the run's nomination stream in enrolment, at consecutive positions from 0. */
function delivered(events: readonly Published[]): ProjectableEvent[] {
  return events.map((event, position) => ({
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: 'c0ffee00-0000-4000-8000-000000000701',
      causationId: null,
      actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
      occurredAt: '2027-04-01T08:00:00.000Z',
      recordedAt: '2027-04-01T08:00:00.100Z',
    },
    source: { service: 'enrolment', streamName: `run-nominations-${runId}`, streamPosition: BigInt(position) },
    feedPosition: { kind: 'kafka', topic: 'enrolment.events.v1', partition: 0, offset: BigInt(position) },
  }));
}

function project(events: readonly ProjectableEvent[], documents = new Map<string, Record<string, unknown>>()) {
  for (const wave of planWrites(approvedTraineesProjection, events).waves) {
    for (const write of wave) {
      const current = documents.get(write.id);
      if (current && hasApplied(current, write.sourceKey, write.encodedPosition)) continue;
      documents.set(write.id, applyUpdate(current ?? { _id: write.id }, write.update, current === undefined));
    }
  }
  return documents;
}

const approvedTrainees = (documents: Map<string, Record<string, unknown>>) =>
  [...documents.values()]
    .map((document) => document as unknown as ApprovedNominationDocument)
    .filter((document) => document.runId === runId && document.approved)
    .map((document) => document.traineeId)
    .sort();

describe('approved trainees of a run, kept from enrolment', () => {
  const events: Published[] = [
    submitted('N1', 'T1'),
    approved('N1', 'T1'),
    approved('N2', 'T2'),
    approved('N3', 'T3'),
    approved('N4', 'T4'),
    approved('N5', 'T5'),
    withdrawn('N2', 'T2'),
    cancelled('N3', 'T3'),
    rejected('N6', 'T6'),
  ];

  it('takes only valid enrolment events', () => {
    for (const event of events) expect(enrolmentContract.schemas[event.type].safeParse(event.data).success).toBe(true);
  });

  it('keeps approved nominations, and drops those withdrawn, cancelled or rejected', () => {
    expect(approvedTrainees(project(delivered(events)))).toEqual(['T1', 'T4', 'T5']);
  });

  it('ignores submissions and waitlisting: only an approval admits a trainee', () => {
    const documents = project(delivered([submitted('N7', 'T7'), { type: 'NominationWaitlisted.v1', data: ref('N7', 'T7') }]));
    expect(approvedTrainees(documents)).toEqual([]);
  });

  it('changes nothing when a message is delivered again, even one older than the last applied', () => {
    const stream = delivered(events);
    const documents = project(stream);
    project([stream[2]!, stream[6]!], documents);
    expect(approvedTrainees(documents)).toEqual(['T1', 'T4', 'T5']);
  });
});
