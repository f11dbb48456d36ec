import type { AuthenticatedActor } from '@training-ledger/auth';
import { agencyKinds, ranks, targetGroups } from '@training-ledger/contracts';
import { decideEach, DomainRuleViolation, fold, type MessageMetadata } from '@training-ledger/decider';
import { commandMetadata, vietnameseDate } from '@training-ledger/platform';
import {
  appendedTo,
  assertAcceptedBodiesPublish,
  bodyOf,
  booleanValue,
  calendarDateText,
  identifierText,
  instantText,
  eitherOf,
  listOf,
  nullable,
  numberValue,
  oneOfValues,
  programmeDay,
  text,
  values,
  type DtoContractCase,
  type DtoContractTally,
} from '@training-ledger/service-runtime/testing';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { agencyDecider, type AgencyEvent, agencyStreamName } from './agencies/agency.decider';
import { RegisterAgencyDto, registerAgencyCommand, RenameAgencyDto, renameAgencyCommand } from './agencies/register-agency.dto';
import type { CourseRunView } from './course-runs/course-run-view';
import {
  DecideNominationsDto,
  nominationDecisions,
  OptionalReasonDto,
  ReasonDto,
  rejectionCommand,
  SubmitNominationsDto,
  withdrawalCommand,
} from './nominations/nomination-requests.dto';
import { decisionCommand, nominationIdOf } from './nominations/nominations.service';
import { runNominationsDecider } from './nominations/run-nominations.decider';
import { type NominatedTrainee, type RunNominationsEvent, runNominationsStreamName, type SubmitNomination } from './nominations/run-nominations.state';
import { sealPersonalData } from '@training-ledger/service-runtime';
import { declareStaffRosterCommand, DeclareStaffRosterDto, MAX_HEADCOUNT } from './rosters/declare-staff-roster.dto';
import { staffRosterDecider, staffRosterStreamName } from './rosters/staff-roster.decider';
import {
  changeProfileCommand,
  normalisedPersonalData,
  registerTraineeCommand,
  registrationPersonalData,
  transferCommand,
} from './trainees/trainee-records';
import {
  ChangeTraineeProfileDto,
  EraseTraineePersonalDataDto,
  profileChange,
  RegisterTraineeDto,
  RegisterTraineesDto,
  registrationRequest,
  TraineePersonalDataDto,
  TransferTraineeDto,
} from './trainees/trainee-requests.dto';
import { type Trainee, traineeDecider, type TraineeEvent, type TraineeState, traineeStreamName } from './trainees/trainee.decider';
import { enrolmentPublishedEvents } from './published-events';

const office: AuthenticatedActor = { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null };
const justiceSystem: AuthenticatedActor = { id: 'svc:btp-hr', roles: ['agency-integration'], agencyId: 'BTP' };
const metadataOf = (actor: AuthenticatedActor): MessageMetadata => commandMetadata(actor, randomUUID());

const agencyCode = fc.constantFrom('BNG', 'BTP', 'HN', 'QN-XA-01', 'UBND-TPHCM', 'A1');
const traineeIdLike = fc.oneof(fc.uuid(), fc.constantFrom('T-0001', 'BTP.2027_17', 'x'));
const uuidLike = fc.oneof(fc.uuid(), fc.constantFrom('0f8fad5b-d9cb-469f-a165-70867728950e', '00000000-0000-0000-0000-000000000000'));
const reasonText = text([1, 1000]);
const sectorText = nullable(text([200], fc.constantFrom('international law', 'ASEAN', 'kinh tế đối ngoại')));
const birthDay = fc
  .date({ min: new Date('1955-01-01T00:00:00Z'), max: new Date('2005-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Checks a case and that some of its bodies did reach the contract, so the property holds for a reason. */
async function expectPublishable<TDto>(testCase: DtoContractCase<TDto>, atLeast: { published?: number; private?: number } = { published: 1 }) {
  const tally: DtoContractTally = await assertAcceptedBodiesPublish('enrolment', enrolmentPublishedEvents, testCase);
  expect(tally.published).toBeGreaterThanOrEqual(atLeast.published ?? 0);
  expect(tally.private).toBeGreaterThanOrEqual(atLeast.private ?? 0);
  return tally;
}


const registeredAgency = (agencyId: string): AgencyEvent => ({
  type: 'AgencyRegistered.v1',
  data: { agencyId, code: agencyId, nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry', parentAgencyId: null },
  metadata: metadataOf(office),
});

/** A specialist of the Ministry of Justice, registered with personal data on record. */
const lan: TraineeEvent[] = [
  {
    type: 'TraineeRegistered.v1',
    data: { traineeId: 'T-0001', agencyId: 'BTP', targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null },
    metadata: metadataOf(justiceSystem),
  },
];
const lanAsRecorded = (): Trainee => {
  const state = fold(traineeDecider, lan);
  if (state.status !== 'registered') throw new Error('the fixture trainee is registered');
  return state.trainee;
};
const dataKey = () => ({ keyId: randomUUID(), secret: randomBytes(32) });

describe('enrolment: every body a command DTO accepts records events its published contract carries', () => {
  it('RegisterAgencyDto (POST /agencies)', async () => {
    await expectPublishable<RegisterAgencyDto>({
      dto: RegisterAgencyDto,
      bodies: bodyOf(
        {
          code: identifierText(32, agencyCode),
          nameVi: text([300], fc.constantFrom('Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Quảng Ninh')),
          nameEn: text([300], fc.constantFrom('Ministry of Foreign Affairs', 'Quang Ninh Provincial People’s Committee')),
          kind: oneOfValues(agencyKinds),
          parentAgencyCode: nullable(identifierText(32, agencyCode)),
          occurredAt: instantText(),
        },
        ['parentAgencyCode', 'occurredAt'],
      ),
      appended: (body) => {
        const command = registerAgencyCommand(body, office, randomUUID());
        return appendedTo(agencyStreamName(command.data.agencyId), command.metadata, agencyDecider.decide(command, agencyDecider.initialState()));
      },
    });
  });

  it('RenameAgencyDto (PUT /agencies/{agencyId}/name)', async () => {
    await expectPublishable<RenameAgencyDto>({
      dto: RenameAgencyDto,
      bodies: bodyOf({ nameVi: text([300]), nameEn: text([300]), occurredAt: instantText() }, ['occurredAt']),
      appended: (body) => {
        const command = renameAgencyCommand('BTP', body, office, randomUUID());
        const state = fold(agencyDecider, [registeredAgency('BTP')]);
        return appendedTo(agencyStreamName('BTP'), command.metadata, agencyDecider.decide(command, state));
      },
    });
  });

  it('DeclareStaffRosterDto (POST /agencies/{agencyId}/rosters)', async () => {
    const headcount = numberValue({ min: 0, max: MAX_HEADCOUNT, integer: true });
    const rankHeadcount = bodyOf({ rank: oneOfValues(ranks), regular: headcount, nonRegular: headcount });
    const consistentSplit = fc
      .uniqueArray(
        fc.record({ rank: fc.constantFrom(...ranks), regular: fc.integer({ min: 0, max: MAX_HEADCOUNT / 5 }), nonRegular: fc.integer({ min: 0, max: MAX_HEADCOUNT / 5 }) }),
        { selector: (entry) => entry.rank, maxLength: ranks.length },
      )
      .chain((byRank) =>
        fc.record({
          asOf: programmeDay,
          regular: fc.constant(byRank.reduce((sum, entry) => sum + entry.regular, 0)),
          nonRegular: fc.constant(byRank.reduce((sum, entry) => sum + entry.nonRegular, 0)),
          byRank: fc.constant(byRank),
        }),
      );
    await expectPublishable<DeclareStaffRosterDto>({
      dto: DeclareStaffRosterDto,
      bodies: eitherOf(
        values(consistentSplit),
        bodyOf({ asOf: calendarDateText(), regular: headcount, nonRegular: headcount, byRank: listOf(rankHeadcount, { maxLength: 7 }) }, ['byRank']),
      ),
      appended: (body) => {
        const command = declareStaffRosterCommand('HN', body, metadataOf(office));
        return appendedTo(staffRosterStreamName('HN'), command.metadata, staffRosterDecider.decide(command, staffRosterDecider.initialState()));
      },
    });
  });

  const registration = bodyOf(
    {
      traineeId: identifierText(64, traineeIdLike),
      targetGroup: oneOfValues(targetGroups),
      rank: oneOfValues(ranks),
      leadership: booleanValue,
      sector: sectorText,
      fullName: text([200], fc.constantFrom('Nguyễn Thị Lan', 'Nguyê\u0302\u0303n Văn An', 'Lò Văn Páo')),
      dateOfBirth: calendarDateText(birthDay),
      staffNumber: identifierText(64, fc.constantFrom('BTP-004512', 'HN/2019/77', 'Đ-0012')),
    },
    ['traineeId', 'sector'],
  );
  /** What registering the body records under `traineeId` (the body's own, or one chosen for it) on the trainee's state. */
  const registered = (body: RegisterTraineeDto, traineeId: string, state: TraineeState) => {
    const request = registrationRequest(body);
    const personalData = registrationPersonalData(request);
    const sealed = sealPersonalData(dataKey(), traineeId, personalData);
    const command = registerTraineeCommand(traineeId, 'BTP', request, sealed, metadataOf(justiceSystem));
    return { command, events: traineeDecider.decide(command, state) };
  };

  it('RegisterTraineeDto (POST /agencies/{agencyId}/trainees)', async () => {
    await expectPublishable<RegisterTraineeDto>(
      {
        dto: RegisterTraineeDto,
        bodies: registration,
        appended: (body) => {
          const traineeId = body.traineeId ?? randomUUID();
          const { command, events } = registered(body, traineeId, traineeDecider.initialState());
          return appendedTo(traineeStreamName(traineeId), command.metadata, events);
        },
      },
      { published: 1, private: 1 },
    );
  });

  it('RegisterTraineesDto (POST /agencies/{agencyId}/trainees/bulk): each row as one registration', async () => {
    await expectPublishable<RegisterTraineesDto>(
      {
        dto: RegisterTraineesDto,
        bodies: bodyOf({ trainees: listOf(registration, { minLength: 1 }) }),
        appended: (body) => {
          const states = new Map<string, TraineeState>();
          return body.trainees.flatMap((row, index) => {
            const traineeId = row.traineeId ?? `T-ROW-${index}`;
            const state = states.get(traineeId) ?? traineeDecider.initialState();
            try {
              const { command, events } = registered(row, traineeId, state);
              states.set(traineeId, events.reduce(traineeDecider.evolve, state));
              return appendedTo(traineeStreamName(traineeId), command.metadata, events);
            } catch (error) {
              // A row refused for a rule records nothing, and stops none of the others.
              if (error instanceof DomainRuleViolation) return [];
              throw error;
            }
          });
        },
      },
      { published: 1, private: 1 },
    );
  });

  it('ChangeTraineeProfileDto (PUT /trainees/{traineeId}/profile)', async () => {
    await expectPublishable<ChangeTraineeProfileDto>({
      dto: ChangeTraineeProfileDto,
      bodies: bodyOf(
        { targetGroup: oneOfValues(targetGroups), rank: oneOfValues(ranks), leadership: booleanValue, sector: sectorText, effectiveFrom: calendarDateText() },
        ['sector'],
      ),
      appended: (body) => {
        const command = changeProfileCommand(lanAsRecorded(), profileChange(body), justiceSystem, metadataOf(justiceSystem));
        return appendedTo(traineeStreamName('T-0001'), command.metadata, traineeDecider.decide(command, fold(traineeDecider, lan)));
      },
    });
  });

  it('TransferTraineeDto (POST /trainees/{traineeId}/transfer)', async () => {
    await expectPublishable<TransferTraineeDto>({
      dto: TransferTraineeDto,
      bodies: bodyOf({ toAgencyId: identifierText(32, agencyCode), effectiveFrom: calendarDateText() }),
      appended: (body) => {
        const transfer = { toAgencyId: body.toAgencyId, effectiveFrom: body.effectiveFrom };
        const command = transferCommand(lanAsRecorded(), transfer, justiceSystem, metadataOf(justiceSystem));
        return appendedTo(traineeStreamName('T-0001'), command.metadata, traineeDecider.decide(command, fold(traineeDecider, lan)));
      },
    });
  });

  it('TraineePersonalDataDto (PUT /trainees/{traineeId}/personal-data): recorded sealed, never published', async () => {
    await expectPublishable<TraineePersonalDataDto>(
      {
        dto: TraineePersonalDataDto,
        bodies: bodyOf({
          fullName: text([200], fc.constantFrom('Nguyễn Thị Lan', 'Trần Văn Minh')),
          dateOfBirth: calendarDateText(birthDay),
          staffNumber: identifierText(64, fc.constantFrom('BTP-004512', 'HN/2019/77')),
        }),
        appended: (body) => {
          const correction = { fullName: body.fullName, dateOfBirth: body.dateOfBirth, staffNumber: body.staffNumber };
          const sealed = sealPersonalData(dataKey(), 'T-0001', normalisedPersonalData(correction));
          const metadata = metadataOf(justiceSystem);
          const events = traineeDecider.decide(
            { type: 'CorrectTraineePersonalData', data: { traineeId: 'T-0001', actingAgencyId: 'BTP', personalData: sealed }, metadata },
            fold(traineeDecider, lan),
          );
          return appendedTo(traineeStreamName('T-0001'), metadata, events);
        },
      },
      { published: 0, private: 1 },
    );
  });

  it('EraseTraineePersonalDataDto (POST /trainees/{traineeId}/erasure): published without its reason', async () => {
    await expectPublishable<EraseTraineePersonalDataDto>(
      {
        dto: EraseTraineePersonalDataDto,
        bodies: bodyOf({ reason: reasonText }),
        appended: (body) => {
          const metadata = metadataOf(justiceSystem);
          const events = traineeDecider.decide({ type: 'ForgetTraineePersonalData', data: { traineeId: 'T-0001', reason: body.reason }, metadata }, fold(traineeDecider, lan));
          return appendedTo(traineeStreamName('T-0001'), metadata, events);
        },
      },
      { published: 1 },
    );
  });
});

describe('enrolment nominations: every body a command DTO accepts records events its published contract carries', () => {
  const runId = 'RUN-2027-NEG-01';
  /** A run open for nominations today and starting tomorrow, for every target group and rank, with room for all. */
  const openRun = (today: string): CourseRunView => ({
    runId,
    status: 'scheduled',
    capacity: 100_000,
    agencyQuotas: [],
    eligibleTargetGroups: [...targetGroups],
    eligibleRanks: [...ranks],
    nominationDeadline: today,
    startDate: new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10),
    waitlistPolicy: 'flag-for-review',
  });
  const nominee = (traineeId: string, agencyId: string): NominatedTrainee => ({
    traineeId,
    agencyId,
    targetGroup: 'regular',
    rank: 'specialist',
    leadership: false,
    erased: false,
  });
  const submission = (nominationId: string, trainee: NominatedTrainee, metadata: MessageMetadata): SubmitNomination => {
    const today = vietnameseDate(metadata.occurredAt);
    return { type: 'SubmitNomination', data: { nominationId, runId, trainee, actingAgencyId: trainee.agencyId, run: openRun(today), today }, metadata };
  };
  /** The run's stream after one submitted nomination per id, each of another trainee of the Ministry of Justice. */
  const submitted = (nominationIds: readonly string[]): RunNominationsEvent[] => {
    const metadata = metadataOf(justiceSystem);
    const commands = [...new Set(nominationIds)].map((nominationId, index) => submission(nominationId, nominee(`T-${index}`, 'BTP'), metadata));
    return [...decideEach(runNominationsDecider, runNominationsDecider.initialState(), commands).events];
  };

  it('SubmitNominationsDto (POST /runs/{runId}/nominations)', async () => {
    await expectPublishable<SubmitNominationsDto>({
      dto: SubmitNominationsDto,
      bodies: bodyOf(
        {
          agencyId: identifierText(32, fc.constantFrom('BTP', 'HN')),
          nominations: listOf(bodyOf({ traineeId: identifierText(128, traineeIdLike), nominationId: identifierText(36, uuidLike) }, ['nominationId']), { minLength: 1 }),
        },
        ['agencyId'],
      ),
      appended: (body) => {
        const agencyId = body.agencyId;
        if (!agencyId) throw new DomainRuleViolation('nominating-agency-named', 'agencyId names the nominating agency', 'agencyId');
        const metadata = metadataOf(office);
        // Every trainee named belongs to the nominating agency, as the state in which nominating succeeds.
        const commands = body.nominations.map((request) => submission(nominationIdOf(request, randomUUID(), runId), nominee(request.traineeId, agencyId), metadata));
        const { events } = decideEach(runNominationsDecider, runNominationsDecider.initialState(), commands);
        return appendedTo(runNominationsStreamName(runId), metadata, events);
      },
    });
  });

  it('DecideNominationsDto (POST /runs/{runId}/nominations/decisions)', async () => {
    const decisionItem = bodyOf({ nominationId: identifierText(128, uuidLike), decision: oneOfValues(nominationDecisions), reason: reasonText }, ['reason']);
    await expectPublishable<DecideNominationsDto>({
      dto: DecideNominationsDto,
      bodies: bodyOf({ decisions: listOf(decisionItem, { minLength: 1 }) }),
      appended: (body) => {
        const metadata = metadataOf(office);
        const run = openRun(vietnameseDate(metadata.occurredAt));
        const state = fold(runNominationsDecider, submitted(body.decisions.map((decision) => decision.nominationId)));
        const commands = body.decisions.map((decision) => decisionCommand(decision, run, vietnameseDate(metadata.occurredAt), metadata));
        return appendedTo(runNominationsStreamName(runId), metadata, decideEach(runNominationsDecider, state, commands).events);
      },
    });
  });

  it('ReasonDto (POST /runs/{runId}/nominations/{nominationId}/reject)', async () => {
    await expectPublishable<ReasonDto>({
      dto: ReasonDto,
      bodies: bodyOf({ reason: reasonText }),
      appended: (body) => {
        const nominationId = randomUUID();
        const command = rejectionCommand(nominationId, body, metadataOf(office));
        return appendedTo(runNominationsStreamName(runId), command.metadata, runNominationsDecider.decide(command, fold(runNominationsDecider, submitted([nominationId]))));
      },
    });
  });

  it('OptionalReasonDto (POST /runs/{runId}/nominations/{nominationId}/withdraw)', async () => {
    await expectPublishable<OptionalReasonDto>({
      dto: OptionalReasonDto,
      bodies: bodyOf({ reason: reasonText }, ['reason']),
      appended: (body) => {
        const nominationId = randomUUID();
        const metadata = metadataOf(justiceSystem);
        const today = vietnameseDate(metadata.occurredAt);
        const command = withdrawalCommand(nominationId, justiceSystem, body, openRun(today), today, metadata);
        return appendedTo(runNominationsStreamName(runId), metadata, runNominationsDecider.decide(command, fold(runNominationsDecider, submitted([nominationId]))));
      },
    });
  });
});
