import { enrolmentContract, logSealSchemas } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import { withoutWithheld } from '@training-ledger/service-runtime';
import { publicationsBeforeAndAfter } from '@training-ledger/service-runtime/testing';
import {
  type Command,
  type Decider,
  type DomainEvent,
  given,
  type MessageMetadata,
} from '@training-ledger/decider';
import { agencyDecider } from './agencies/agency.decider';
import type { CourseRunView } from './course-runs/course-run-view';
import { staffRosterDecider } from './rosters/staff-roster.decider';
import { traineeDecider } from './trainees/trainee.decider';
import { runNominationsDecider } from './nominations/run-nominations.decider';
import { type NominatedTrainee } from './nominations/run-nominations.state';
import { enrolmentPublishedEvents } from './published-events';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000401',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-04-20T08:00:00.000Z',
};

/** Decides each command on the events decided so far, as the service does stream by stream. */
function play<TCommand extends Command, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  commands: readonly TCommand[],
): TEvent[] {
  const history: TEvent[] = [];
  for (const command of commands) {
    const outcome = given(decider, history).when(command);
    if ('violation' in outcome) throw new Error(`${command.type} broke ${outcome.violation.rule}`);
    history.push(...outcome.events);
  }
  return history;
}

const agencyEvents = play(agencyDecider, [
  {
    type: 'RegisterAgency',
    data: {
      agencyId: 'BTP',
      code: 'BTP',
      nameVi: 'Bộ Tư pháp',
      nameEn: 'Ministry of Justice',
      kind: 'ministry',
      parentAgencyId: null,
    },
    metadata,
  },
  {
    type: 'RenameAgency',
    data: { agencyId: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice of Viet Nam' },
    metadata,
  },
]);

const rosterEvents = play(staffRosterDecider, [
  {
    type: 'DeclareStaffRoster',
    data: {
      agencyId: 'BTP',
      declarationId: 'BTP-2026-12-31',
      asOf: '2026-12-31',
      regular: 60,
      nonRegular: 140,
      byRank: [
        { rank: 'division-level', regular: 15, nonRegular: 40 },
        { rank: 'specialist', regular: 45, nonRegular: 100 },
      ],
    },
    metadata,
  },
]);

const traineeEvents = play(traineeDecider, [
  {
    type: 'RegisterTrainee',
    data: {
      traineeId: 'T-0001',
      agencyId: 'BTP',
      targetGroup: 'regular',
      rank: 'specialist',
      leadership: false,
      sector: null,
    },
    metadata,
  },
  {
    type: 'ChangeTraineeProfile',
    data: {
      traineeId: 'T-0001',
      actingAgencyId: 'BTP',
      targetGroup: 'regular',
      rank: 'division-level',
      leadership: true,
      sector: 'international law',
      effectiveFrom: '2027-03-01',
    },
    metadata,
  },
  {
    type: 'TransferTrainee',
    data: { traineeId: 'T-0001', actingAgencyId: 'BTP', toAgencyId: 'BNG', effectiveFrom: '2027-07-01' },
    metadata,
  },
  { type: 'ForgetTraineePersonalData', data: { traineeId: 'T-0001', reason: 'Request of the data subject' }, metadata },
]);

const run: CourseRunView = {
  runId: 'RUN-2027-NEG-01',
  status: 'scheduled',
  capacity: 1,
  agencyQuotas: [],
  eligibleTargetGroups: ['regular', 'non-regular'],
  eligibleRanks: ['division-level', 'specialist'],
  nominationDeadline: '2027-04-25',
  startDate: '2027-05-10',
  waitlistPolicy: 'auto-approve',
};
const today = '2027-04-20';
const nominee = (traineeId: string): NominatedTrainee => ({
  traineeId,
  agencyId: 'BTP',
  targetGroup: 'regular',
  rank: 'specialist',
  leadership: false,
  erased: false,
});
const btpSystem = { id: 'btp-hr-system', roles: ['agency-integration'], agencyId: 'BTP' };
const submit = (nominationId: string, traineeId: string, toRun = run) =>
  ({
    type: 'SubmitNomination',
    data: { nominationId, runId: toRun.runId, trainee: nominee(traineeId), actingAgencyId: 'BTP', run: toRun, today },
    metadata,
  }) as const;

const nominationEvents = play(runNominationsDecider, [
  submit('N-1', 'T-0001'),
  submit('N-2', 'T-0002'),
  submit('N-3', 'T-0003'),
  { type: 'ApproveNomination', data: { nominationId: 'N-1', run, today }, metadata },
  { type: 'WaitlistNomination', data: { nominationId: 'N-2' }, metadata },
  { type: 'RejectNomination', data: { nominationId: 'N-3', reason: 'Does not work on foreign affairs' }, metadata },
  {
    type: 'WithdrawNomination',
    data: { nominationId: 'N-1', withdrawnBy: btpSystem, reason: null, run, today },
    metadata,
  },
  { type: 'CancelRunNominations', data: { runId: run.runId, reason: 'Lecturers unavailable' }, metadata },
]);

const reviewedRun: CourseRunView = { ...run, runId: 'RUN-2027-NEG-02', waitlistPolicy: 'flag-for-review' };
const reviewedNominationEvents = play(runNominationsDecider, [
  submit('N-4', 'T-0004', reviewedRun),
  submit('N-5', 'T-0005', reviewedRun),
  { type: 'ApproveNomination', data: { nominationId: 'N-4', run: reviewedRun, today }, metadata },
  { type: 'WaitlistNomination', data: { nominationId: 'N-5' }, metadata },
  {
    type: 'WithdrawNomination',
    data: { nominationId: 'N-4', withdrawnBy: btpSystem, reason: 'Posted abroad', run: reviewedRun, today },
    metadata,
  },
]);

const decided: readonly DomainEvent[] = [
  ...agencyEvents,
  ...rosterEvents,
  ...traineeEvents,
  ...nominationEvents,
  ...reviewedNominationEvents,
];
const schemas: Readonly<Record<string, { parse(data: unknown): unknown }>> = enrolmentContract.schemas;
const published = decided.filter((event) => event.type in schemas);

describe('Domain events of enrolment, as the relay publishes them on enrolment.events.v1', () => {
  const publishedTypes = [...new Set(published.map((event) => event.type))];

  it.each(publishedTypes)('%s passes its contract schema unchanged but for the free text it withholds', (type) => {
    // Equal after parsing means no field would be stripped: nothing is published that the contract does not name.
    for (const event of published.filter((candidate) => candidate.type === type)) {
      const publishable = withoutWithheld(enrolmentContract, type, event.data);
      expect(schemas[type]!.parse(publishable)).toEqual(publishable);
    }
  });

  it('publishes no free text: every reason and comment stays in enrolment’s log', () => {
    const publish = enrolmentPublishedEvents;
    const withFreeText = published.filter((event) => enrolmentContract.withheld[event.type] !== undefined);
    expect(withFreeText.length).toBeGreaterThan(0);
    for (const event of withFreeText) {
      const fields = enrolmentContract.withheld[event.type]!;
      expect(fields.some((field) => field in (event.data as object))).toBe(true);
      const publication = publish({ type: event.type, data: event.data } as RecordedEvent);
      for (const field of fields) expect(publication?.data).not.toHaveProperty(field);
    }
  });

  it('covers every event type the contract names', () => {
    // Seals of the log are published too, but no decider decides them.
    expect(new Set(publishedTypes)).toEqual(new Set(Object.keys(schemas).filter((type) => !Object.hasOwn(logSealSchemas, type))));
  });

  it('keeps the private events of enrolment out of the contract', () => {
    expect(decided.filter((event) => !(event.type in schemas)).map((event) => event.type)).toEqual([
      'RunNominationsClosed.v1',
      'WaitlistSeatOffered.v1',
    ]);
  });
});

describe('enrolment’s gateway, against publishing by the contract’s names', () => {
  it('publishes every shape of every event the log may hold in the bytes the contract’s names published', () => {
    const { before, after, publishedTypes, setAside } = publicationsBeforeAndAfter(enrolmentContract, enrolmentPublishedEvents, decided);
    expect(after).toEqual(before);
    expect(publishedTypes).toEqual(new Set(Object.keys(enrolmentContract.schemas)));
    expect(setAside).toBeGreaterThan(0);
  });
});
