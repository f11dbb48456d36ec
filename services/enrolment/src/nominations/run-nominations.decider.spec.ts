import { type Actor, given, type MessageMetadata } from '@training-ledger/decider';
import type { CourseRunView } from '../course-runs/course-run-view';
import { runNominationsDecider } from './run-nominations.decider';
import { type NominatedTrainee, type RunNominationsCommand, type RunNominationsEvent } from './run-nominations.state';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000301',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-04-20T08:00:00.000Z',
};

/** Three seats, one of them at most for Hà Nội, regular division-level staff and specialists only. */
const negotiationRun: CourseRunView = {
  runId: 'RUN-2027-NEG-01',
  status: 'scheduled',
  capacity: 3,
  agencyQuotas: [{ agencyId: 'HN', seats: 1 }],
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['division-level', 'specialist'],
  nominationDeadline: '2027-04-25',
  startDate: '2027-05-10',
  waitlistPolicy: 'auto-approve',
};
const runId = negotiationRun.runId;
const beforeDeadline = '2027-04-20';

const trainee = (
  traineeId: string,
  agencyId: string,
  rank: NominatedTrainee['rank'] = 'specialist',
): NominatedTrainee => ({
  traineeId,
  agencyId,
  targetGroup: 'regular',
  rank,
  leadership: rank === 'division-level',
  erased: false,
});
const lanOfJustice = trainee('T-0001', 'BTP');
const minhOfJustice = trainee('T-0002', 'BTP', 'division-level');
const hoaOfHanoi = trainee('T-0003', 'HN');
const tuanOfHanoi = trainee('T-0004', 'HN');
const namOfForeignAffairs = trainee('T-0005', 'BNG');
const thuOfForeignAffairs = trainee('T-0006', 'BNG');

const nominationIdOf = (nominee: NominatedTrainee) => `N-${nominee.traineeId}`;
const ref = (nominee: NominatedTrainee) => ({
  nominationId: nominationIdOf(nominee),
  runId,
  traineeId: nominee.traineeId,
  agencyId: nominee.agencyId,
});
const facts = ({ targetGroup, rank, leadership }: NominatedTrainee) => ({ targetGroup, rank, leadership });

const submitted = (nominee: NominatedTrainee): RunNominationsEvent => ({
  type: 'NominationSubmitted.v1',
  data: { ...ref(nominee), ...facts(nominee) },
  metadata,
});
const approved = (nominee: NominatedTrainee, fromWaitlist = false): RunNominationsEvent => ({
  type: 'NominationApproved.v1',
  data: { ...ref(nominee), ...facts(nominee), fromWaitlist },
  metadata,
});
const rejected = (nominee: NominatedTrainee, reason = 'Not working on foreign affairs'): RunNominationsEvent => ({
  type: 'NominationRejected.v1',
  data: { ...ref(nominee), reason },
  metadata,
});
const waitlisted = (nominee: NominatedTrainee): RunNominationsEvent => ({
  type: 'NominationWaitlisted.v1',
  data: ref(nominee),
  metadata,
});
const withdrawn = (
  nominee: NominatedTrainee,
  reason: string | null = 'Assigned to an overseas mission',
): RunNominationsEvent => ({
  type: 'NominationWithdrawn.v1',
  data: { ...ref(nominee), reason },
  metadata,
});
const cancelled = (nominee: NominatedTrainee, reason = 'Lecturers unavailable'): RunNominationsEvent => ({
  type: 'NominationCancelled.v1',
  data: { ...ref(nominee), cause: 'run-cancelled', reason },
  metadata,
});
const runClosed = (reason = 'Lecturers unavailable'): RunNominationsEvent => ({
  type: 'RunNominationsClosed.v1',
  data: { runId, reason },
  metadata,
});
const seatOffered = (nominee: NominatedTrainee): RunNominationsEvent => ({
  type: 'WaitlistSeatOffered.v1',
  data: { nominationId: nominationIdOf(nominee), runId },
  metadata,
});

const submit = (
  nominee: NominatedTrainee,
  options: { run?: CourseRunView; today?: string; actingAgencyId?: string; nominationId?: string } = {},
): RunNominationsCommand => ({
  type: 'SubmitNomination',
  data: {
    nominationId: options.nominationId ?? nominationIdOf(nominee),
    runId,
    trainee: nominee,
    actingAgencyId: options.actingAgencyId ?? nominee.agencyId,
    run: options.run ?? negotiationRun,
    today: options.today ?? beforeDeadline,
  },
  metadata,
});
const approve = (nominee: NominatedTrainee, run = negotiationRun, today = beforeDeadline): RunNominationsCommand => ({
  type: 'ApproveNomination',
  data: { nominationId: nominationIdOf(nominee), run, today },
  metadata,
});
const reject = (nominee: NominatedTrainee, reason = 'Not working on foreign affairs'): RunNominationsCommand => ({
  type: 'RejectNomination',
  data: { nominationId: nominationIdOf(nominee), reason },
  metadata,
});
const waitlist = (nominee: NominatedTrainee): RunNominationsCommand => ({
  type: 'WaitlistNomination',
  data: { nominationId: nominationIdOf(nominee) },
  metadata,
});
const systemOf = (agencyId: string): Actor => ({ id: `${agencyId}-hr-system`, roles: ['agency-integration'], agencyId });
const programmeOffice: Actor = { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null };
const withdraw = (
  nominee: NominatedTrainee,
  options: { run?: CourseRunView; today?: string; by?: Actor } = {},
): RunNominationsCommand => ({
  type: 'WithdrawNomination',
  data: {
    nominationId: nominationIdOf(nominee),
    withdrawnBy: options.by ?? systemOf(nominee.agencyId),
    reason: 'Assigned to an overseas mission',
    run: options.run ?? negotiationRun,
    today: options.today ?? beforeDeadline,
  },
  metadata,
});
const cancelRun = (reason = 'Lecturers unavailable'): RunNominationsCommand => ({
  type: 'CancelRunNominations',
  data: { runId, reason },
  metadata,
});

/** Every seat taken: two from the Ministry of Justice, Hà Nội's only one; Hà Nội and MOFA waiting. */
const fullRun = [
  submitted(lanOfJustice),
  submitted(minhOfJustice),
  submitted(hoaOfHanoi),
  submitted(tuanOfHanoi),
  submitted(namOfForeignAffairs),
  approved(lanOfJustice),
  approved(minhOfJustice),
  approved(hoaOfHanoi),
];

describe('Cử cán bộ (nomination): an agency nominates its staff to a course run', () => {
  it('records the nomination of an eligible trainee with the facts reviews count by', () => {
    expect(given(runNominationsDecider).when(submit(lanOfJustice))).toEqual({ events: [submitted(lanOfJustice)] });
  });

  it('treats the same nomination sent again as already recorded', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(submit(lanOfJustice))).toEqual({ events: [] });
  });

  it('refuses a nomination id already used for another trainee', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(
        submit(minhOfJustice, { nominationId: nominationIdOf(lanOfJustice) }),
      ),
    ).toEqual({ violation: { rule: 'nomination-id-used-once', field: 'nominationId', kind: 'conflict' } });
  });

  it('lets an agency nominate only its own staff', () => {
    expect(given(runNominationsDecider).when(submit(lanOfJustice, { actingAgencyId: 'HN' }))).toEqual({
      violation: { rule: 'trainee-belongs-to-agency', field: 'traineeId', kind: 'forbidden' },
    });
  });

  it('does not nominate a trainee whose personal data was erased', () => {
    expect(given(runNominationsDecider).when(submit({ ...lanOfJustice, erased: true }))).toEqual({
      violation: { rule: 'erased-trainee-not-nominated', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('accepts nominations on the day of the nomination deadline', () => {
    expect(given(runNominationsDecider).when(submit(lanOfJustice, { today: '2027-04-25' }))).toEqual({
      events: [submitted(lanOfJustice)],
    });
  });

  it('refuses nominations after the nomination deadline', () => {
    expect(given(runNominationsDecider).when(submit(lanOfJustice, { today: '2027-04-26' }))).toEqual({
      violation: { rule: 'run-open-for-nominations', field: 'runId', kind: 'conflict' },
    });
  });

  it.each(['cancelled', 'started', 'completed'] as const)('refuses nominations to a run that is %s', (status) => {
    expect(given(runNominationsDecider).when(submit(lanOfJustice, { run: { ...negotiationRun, status } }))).toEqual({
      violation: { rule: 'run-open-for-nominations', field: 'runId', kind: 'conflict' },
    });
  });

  it('checks the target group (đối tượng) against the run: "not the right people" must not be nominated', () => {
    expect(given(runNominationsDecider).when(submit({ ...lanOfJustice, targetGroup: 'non-regular' }))).toEqual({
      violation: { rule: 'target-group-admitted', field: 'targetGroup', kind: 'invalid' },
    });
  });

  it('checks the rank against the run', () => {
    expect(given(runNominationsDecider).when(submit({ ...lanOfJustice, rank: 'director-general' }))).toEqual({
      violation: { rule: 'rank-admitted', field: 'rank', kind: 'invalid' },
    });
  });

  it.each([
    ['submitted', [submitted(lanOfJustice)]],
    ['approved', [submitted(lanOfJustice), approved(lanOfJustice)]],
    ['waitlisted', [submitted(lanOfJustice), waitlisted(lanOfJustice)]],
  ])('refuses a second nomination of a trainee whose nomination is %s', (_status, history) => {
    expect(given(runNominationsDecider, history).when(submit(lanOfJustice, { nominationId: 'N-again' }))).toEqual({
      violation: { rule: 'trainee-nominated-once-per-run', field: 'traineeId', kind: 'conflict' },
    });
  });

  it.each([
    ['rejected', rejected(lanOfJustice)],
    ['withdrawn', withdrawn(lanOfJustice)],
    ['cancelled', cancelled(lanOfJustice)],
  ])('nominates a trainee again once the earlier nomination was %s', (_status, closing) => {
    const again = submit(lanOfJustice, { nominationId: 'N-again' });
    expect(given(runNominationsDecider, [submitted(lanOfJustice), closing]).when(again)).toEqual({
      events: [{ ...submitted(lanOfJustice), data: { ...submitted(lanOfJustice).data, nominationId: 'N-again' } }],
    });
  });

  it('refuses a command about another run than the one this stream records', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(
        approve(lanOfJustice, { ...negotiationRun, runId: 'RUN-2027-NEG-02' }),
      ),
    ).toEqual({ violation: { rule: 'nominations-of-one-run', field: 'runId', kind: 'invalid' } });
  });
});

describe('Duyệt (approval) by the programme office: capacity and agency quotas', () => {
  it('approves a submitted nomination', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(approve(lanOfJustice))).toEqual({
      events: [approved(lanOfJustice)],
    });
  });

  it('approves a waitlisted nomination and says it came from the waitlist', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), waitlisted(lanOfJustice)]).when(approve(lanOfJustice)),
    ).toEqual({ events: [approved(lanOfJustice, true)] });
  });

  it('treats a second approval as already done', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), approved(lanOfJustice)]).when(approve(lanOfJustice)),
    ).toEqual({ events: [] });
  });

  it.each([
    ['rejected', rejected(lanOfJustice)],
    ['withdrawn', withdrawn(lanOfJustice)],
    ['cancelled', cancelled(lanOfJustice)],
  ])('cannot approve a nomination that was %s', (_status, closing) => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice), closing]).when(approve(lanOfJustice))).toEqual({
      violation: { rule: 'nomination-awaits-decision', field: 'nominationId', kind: 'conflict' },
    });
  });

  it('cannot approve a nomination never submitted', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(approve(minhOfJustice))).toEqual({
      violation: { rule: 'nomination-must-exist', field: 'nominationId', kind: 'not-found' },
    });
  });

  it('refuses an approval once every seat is taken', () => {
    expect(given(runNominationsDecider, fullRun).when(approve(namOfForeignAffairs))).toEqual({
      violation: { rule: 'run-capacity-reached', field: 'runId', kind: 'conflict' },
    });
  });

  it('refuses an approval when the run was rescheduled with fewer seats than already approved', () => {
    const smaller = { ...negotiationRun, capacity: 2 };
    expect(given(runNominationsDecider, fullRun.slice(0, 7)).when(approve(namOfForeignAffairs, smaller))).toEqual({
      violation: { rule: 'run-capacity-reached', field: 'runId', kind: 'conflict' },
    });
  });

  it("refuses an approval beyond the agency's quota while seats remain for others", () => {
    const hanoiSeatTaken = [submitted(hoaOfHanoi), submitted(tuanOfHanoi), approved(hoaOfHanoi)];
    expect(given(runNominationsDecider, hanoiSeatTaken).when(approve(tuanOfHanoi))).toEqual({
      violation: { rule: 'agency-quota-reached', field: 'runId', kind: 'conflict' },
    });
  });

  it("counts only the agency's own approvals against its quota", () => {
    const othersApproved = [submitted(lanOfJustice), submitted(hoaOfHanoi), approved(lanOfJustice)];
    expect(given(runNominationsDecider, othersApproved).when(approve(hoaOfHanoi))).toEqual({
      events: [approved(hoaOfHanoi)],
    });
  });

  it('lets agencies without a quota share the seats freely', () => {
    const history = [submitted(lanOfJustice), submitted(minhOfJustice), approved(lanOfJustice)];
    expect(given(runNominationsDecider, history).when(approve(minhOfJustice))).toEqual({
      events: [approved(minhOfJustice)],
    });
  });

  it('approves up to the first day of the run', () => {
    const onTheFirstDay = approve(lanOfJustice, negotiationRun, '2027-05-10');
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(onTheFirstDay)).toEqual({
      events: [approved(lanOfJustice)],
    });
  });

  it('refuses approvals after the run has started', () => {
    const onTheSecondDay = approve(lanOfJustice, negotiationRun, '2027-05-11');
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(onTheSecondDay)).toEqual({
      violation: { rule: 'run-open-for-approval', field: 'runId', kind: 'conflict' },
    });
  });

  it.each(['cancelled', 'started', 'completed'] as const)('refuses approvals for a run that is %s', (status) => {
    const forTheRun = approve(lanOfJustice, { ...negotiationRun, status });
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(forTheRun)).toEqual({
      violation: { rule: 'run-open-for-approval', field: 'runId', kind: 'conflict' },
    });
  });
});

describe('Từ chối (rejection) and danh sách chờ (waitlist)', () => {
  it('rejects a submitted nomination, stating why', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(reject(lanOfJustice))).toEqual({
      events: [rejected(lanOfJustice)],
    });
  });

  it('rejects a waitlisted nomination', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), waitlisted(lanOfJustice)]).when(reject(lanOfJustice)),
    ).toEqual({ events: [rejected(lanOfJustice)] });
  });

  it('requires the reason for a rejection', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(reject(lanOfJustice, ' '))).toEqual({
      violation: { rule: 'rejection-states-reason', field: 'reason', kind: 'invalid' },
    });
  });

  it('treats a second rejection as already done', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), rejected(lanOfJustice)]).when(reject(lanOfJustice)),
    ).toEqual({ events: [] });
  });

  it('cannot reject an approved nomination', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), approved(lanOfJustice)]).when(reject(lanOfJustice)),
    ).toEqual({ violation: { rule: 'nomination-awaits-decision', field: 'nominationId', kind: 'conflict' } });
  });

  it('puts a submitted nomination on the waitlist', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(waitlist(lanOfJustice))).toEqual({
      events: [waitlisted(lanOfJustice)],
    });
  });

  it('treats a second waitlisting as already done', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), waitlisted(lanOfJustice)]).when(waitlist(lanOfJustice)),
    ).toEqual({ events: [] });
  });

  it('cannot waitlist an approved nomination', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), approved(lanOfJustice)]).when(waitlist(lanOfJustice)),
    ).toEqual({ violation: { rule: 'nomination-awaits-decision', field: 'nominationId', kind: 'conflict' } });
  });

  it('cannot waitlist a nomination never submitted', () => {
    expect(given(runNominationsDecider).when(waitlist(lanOfJustice))).toEqual({
      violation: { rule: 'nomination-must-exist', field: 'nominationId', kind: 'not-found' },
    });
  });
});

describe('Rút cử (withdrawal) by the nominating agency or the programme office, and the seat it frees', () => {
  it('withdraws a submitted nomination', () => {
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice))).toEqual({
      events: [withdrawn(lanOfJustice)],
    });
  });

  it("lets no other agency's system withdraw", () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice, { by: systemOf('HN') })),
    ).toEqual({ violation: { rule: 'withdrawn-by-nominating-agency-or-programme-office', field: 'nominationId', kind: 'forbidden' } });
  });

  it("lets MOFA's programme office withdraw an agency's approved nomination, the freed seat going to the waitlist", () => {
    const history = [...fullRun, submitted(thuOfForeignAffairs), waitlisted(thuOfForeignAffairs)];
    expect(given(runNominationsDecider, history).when(withdraw(lanOfJustice, { by: programmeOffice }))).toEqual({
      events: [withdrawn(lanOfJustice), approved(thuOfForeignAffairs, true)],
    });
  });

  it('refuses a reader, such as the Ministry of Home Affairs monitoring progress', () => {
    const monitor: Actor = { id: 'moha-monitor', roles: ['monitor'], agencyId: null };
    expect(given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice, { by: monitor }))).toEqual({
      violation: { rule: 'withdrawn-by-nominating-agency-or-programme-office', field: 'nominationId', kind: 'forbidden' },
    });
  });

  it('treats a second withdrawal as already done', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), withdrawn(lanOfJustice)]).when(withdraw(lanOfJustice)),
    ).toEqual({ events: [] });
  });

  it('cannot withdraw a rejected nomination', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice), rejected(lanOfJustice)]).when(withdraw(lanOfJustice)),
    ).toEqual({ violation: { rule: 'only-open-nominations-withdrawn', field: 'nominationId', kind: 'conflict' } });
  });

  it('withdraws until the day before the run starts', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice, { today: '2027-05-09' })),
    ).toEqual({ events: [withdrawn(lanOfJustice)] });
  });

  it('refuses a withdrawal on the day the run starts', () => {
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice, { today: '2027-05-10' })),
    ).toEqual({ violation: { rule: 'withdrawal-before-run-starts', field: 'runId', kind: 'conflict' } });
  });

  it('refuses a withdrawal once course-delivery has started the run', () => {
    const started = { ...negotiationRun, status: 'started' as const };
    expect(
      given(runNominationsDecider, [submitted(lanOfJustice)]).when(withdraw(lanOfJustice, { run: started })),
    ).toEqual({ violation: { rule: 'withdrawal-before-run-starts', field: 'runId', kind: 'conflict' } });
  });

  it('gives the freed seat to the first on the waitlist, by waitlist order, under automatic approval', () => {
    const history = [
      ...fullRun,
      submitted(thuOfForeignAffairs),
      waitlisted(thuOfForeignAffairs),
      waitlisted(namOfForeignAffairs),
    ];
    expect(given(runNominationsDecider, history).when(withdraw(lanOfJustice))).toEqual({
      events: [withdrawn(lanOfJustice), approved(thuOfForeignAffairs, true)],
    });
  });

  it("passes over a waitlisted nomination whose agency's quota is used up", () => {
    const history = [...fullRun, waitlisted(tuanOfHanoi), waitlisted(namOfForeignAffairs)];
    expect(given(runNominationsDecider, history).when(withdraw(lanOfJustice))).toEqual({
      events: [withdrawn(lanOfJustice), approved(namOfForeignAffairs, true)],
    });
  });

  it("gives a seat freed within an agency's quota to the same agency's waitlisted nomination", () => {
    const history = [...fullRun, waitlisted(tuanOfHanoi), waitlisted(namOfForeignAffairs)];
    expect(given(runNominationsDecider, history).when(withdraw(hoaOfHanoi))).toEqual({
      events: [withdrawn(hoaOfHanoi), approved(tuanOfHanoi, true)],
    });
  });

  it('frees no seat when the withdrawn nomination held none', () => {
    const history = [...fullRun, waitlisted(tuanOfHanoi), waitlisted(namOfForeignAffairs)];
    expect(given(runNominationsDecider, history).when(withdraw(tuanOfHanoi))).toEqual({
      events: [withdrawn(tuanOfHanoi)],
    });
  });

  it('offers no seat when nobody waits for one', () => {
    expect(given(runNominationsDecider, fullRun).when(withdraw(lanOfJustice))).toEqual({
      events: [withdrawn(lanOfJustice)],
    });
  });

  it('offers no seat when the run was rescheduled with fewer seats than are still approved', () => {
    const smaller = { ...negotiationRun, capacity: 1 };
    const history = [...fullRun, waitlisted(namOfForeignAffairs)];
    expect(given(runNominationsDecider, history).when(withdraw(lanOfJustice, { run: smaller }))).toEqual({
      events: [withdrawn(lanOfJustice)],
    });
  });

  describe('when the run flags freed seats for review', () => {
    const flagForReview = { ...negotiationRun, waitlistPolicy: 'flag-for-review' as const };
    const history = [...fullRun, waitlisted(namOfForeignAffairs), waitlisted(tuanOfHanoi)];

    it('offers the freed seat to the first on the waitlist for the programme office to decide', () => {
      expect(given(runNominationsDecider, history).when(withdraw(lanOfJustice, { run: flagForReview }))).toEqual({
        events: [withdrawn(lanOfJustice), seatOffered(namOfForeignAffairs)],
      });
    });

    it('offers a second freed seat to the next on the waitlist, not again to the first', () => {
      const afterFirstOffer = [...history, withdrawn(lanOfJustice), seatOffered(namOfForeignAffairs)];
      expect(given(runNominationsDecider, afterFirstOffer).when(withdraw(hoaOfHanoi, { run: flagForReview }))).toEqual({
        events: [withdrawn(hoaOfHanoi), seatOffered(tuanOfHanoi)],
      });
    });

    it('passes the offer on when the nomination it was made to is withdrawn', () => {
      const namOffered = [
        ...fullRun,
        submitted(thuOfForeignAffairs),
        waitlisted(namOfForeignAffairs),
        waitlisted(thuOfForeignAffairs),
        withdrawn(lanOfJustice),
        seatOffered(namOfForeignAffairs),
      ];
      const namWithdrawn = withdraw(namOfForeignAffairs, { run: flagForReview });
      expect(given(runNominationsDecider, namOffered).when(namWithdrawn)).toEqual({
        events: [withdrawn(namOfForeignAffairs), seatOffered(thuOfForeignAffairs)],
      });
    });
  });
});

describe('Huỷ lớp (run cancelled): every open nomination is cancelled', () => {
  const history = [
    submitted(lanOfJustice),
    submitted(minhOfJustice),
    submitted(hoaOfHanoi),
    submitted(tuanOfHanoi),
    submitted(namOfForeignAffairs),
    approved(lanOfJustice),
    waitlisted(minhOfJustice),
    rejected(hoaOfHanoi),
    withdrawn(tuanOfHanoi),
  ];

  it('cancels the submitted, approved and waitlisted nominations, and leaves the closed ones alone', () => {
    expect(given(runNominationsDecider, history).when(cancelRun())).toEqual({
      events: [cancelled(lanOfJustice), cancelled(minhOfJustice), cancelled(namOfForeignAffairs), runClosed()],
    });
  });

  it('treats a second cancellation as already done', () => {
    const afterCancellation = [
      ...history,
      cancelled(lanOfJustice),
      cancelled(minhOfJustice),
      cancelled(namOfForeignAffairs),
      runClosed(),
    ];
    expect(given(runNominationsDecider, afterCancellation).when(cancelRun())).toEqual({ events: [] });
  });

  it('closes the run even when nobody was nominated yet', () => {
    expect(given(runNominationsDecider).when(cancelRun())).toEqual({ events: [runClosed()] });
  });

  it('refuses a nomination decided on a view of the run that has not yet heard of its cancellation', () => {
    const closed = [...history, cancelled(lanOfJustice), cancelled(minhOfJustice), cancelled(namOfForeignAffairs), runClosed()];
    expect(given(runNominationsDecider, closed).when(submit(tuanOfHanoi, { nominationId: 'late-one' }))).toMatchObject({
      violation: { rule: 'run-open-for-nominations', field: 'runId', kind: 'conflict' },
    });
  });

  it('requires the reason for the cancellation', () => {
    expect(given(runNominationsDecider, history).when(cancelRun(''))).toEqual({
      violation: { rule: 'cancellation-states-reason', field: 'reason', kind: 'invalid' },
    });
  });
});
