import type { AuthenticatedActor } from '@training-ledger/auth';
import { revocationCategories, type CompletionRule } from '@training-ledger/contracts';
import { decideEach, fold, type MessageMetadata } from '@training-ledger/decider';
import { commandMetadata, vietnameseDate } from '@training-ledger/platform';
import { sealPersonalData } from '@training-ledger/service-runtime';
import {
  appendedTo,
  assertAcceptedBodiesPublish,
  bodyOf,
  identifierText,
  listOf,
  oneOfValues,
  text,
  type DtoContractCase,
} from '@training-ledger/service-runtime/testing';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  IssueCertificatesDto,
  IssueOneCertificateDto,
  ReissueCertificateDto,
  revocationOf,
  RevokeCertificateDto,
} from './certificates/certificate-requests.dto';
import {
  certificateRegisterDecider,
  type CertificateRegisterEvent,
  type CertificateRegisterState,
  certificateRegisterStreamName,
} from './certificates/certificate-register.decider';
import {
  basisOf,
  issueCertificateCommand,
  type PrintedName,
  reissueCertificateCommand,
  revokeCertificateCommand,
} from './certificates/certificates.service';
import { runCompletionDecider, type RunCompletionState } from './completion/run-completion.decider';
import { evidenceOf, type RunFact } from './completion/run-evidence';
import { certificationPublishedEvents } from './published-events';

const certifier: AuthenticatedActor = { id: 'mofa-certifier-01', roles: ['certifier'], agencyId: null };
const metadataOf = (): MessageMetadata => commandMetadata(certifier, randomUUID());

async function expectPublishable<TDto>(testCase: DtoContractCase<TDto>) {
  const tally = await assertAcceptedBodiesPublish('certification', certificationPublishedEvents, testCase);
  expect(tally.published).toBeGreaterThan(0);
}

const runId = 'RUN-2027-NEG-01';
const runFacts = { runId, courseId: 'NEG-101', courseCode: 'NEG-101', level: 'universal', trainingGroup: 'skills-and-style', format: 'in-person' } as const;
const rule: CompletionRule = { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null };

/** A completed run of one session that each of these trainees attended, approved for it: all of them eligible. */
function completedRunOf(traineeIds: readonly string[]): RunCompletionState {
  const facts: RunFact[] = [
    {
      type: 'CourseRunScheduled.v1',
      data: {
        ...runFacts,
        providerInstitutionId: 'DAV',
        hostAgencyId: null,
        venue: 'Học viện Ngoại giao',
        startDate: '2027-05-10',
        endDate: '2027-05-10',
        nominationDeadline: '2027-04-25',
        capacity: 40,
        agencyQuotas: [],
        waitlistPolicy: 'auto-approve',
        eligibleTargetGroups: ['regular'],
        eligibleRanks: ['specialist'],
        completionRule: rule,
        sessions: [],
        lecturers: [],
      },
    },
    ...[...new Set(traineeIds)].flatMap((traineeId, index): RunFact[] => [
      {
        type: 'NominationApproved.v1',
        data: { nominationId: `N-${index}`, runId, traineeId, agencyId: 'BTP', targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
      },
      {
        type: 'AttendanceRecorded.v1',
        data: { runId, sessionId: 'S1', traineeId, status: 'present', observedAt: '2027-05-10T08:05:00+07:00', recordId: `R-${index}`, postedBy: 'svc:dav-attendance' },
      },
    ]),
    {
      type: 'CourseRunCompleted.v1',
      data: {
        ...runFacts,
        completedOn: '2027-05-10',
        sessionsHeld: ['S1'],
        hasForeignLecturer: false,
        hostAgencyId: null,
        completionRule: rule,
      },
    },
  ];
  const metadata = commandMetadata({ id: 'course-delivery', roles: [], agencyId: null }, randomUUID());
  return facts.reduce((state, fact, index) => {
    const events = runCompletionDecider.decide(
      { type: 'NoteRunEvidence', data: { runId, items: [{ sourceEventId: `source-${index}`, evidence: evidenceOf(fact) }] }, metadata },
      state,
    );
    return events.reduce(runCompletionDecider.evolve, state);
  }, runCompletionDecider.initialState());
}

/** The name as the service hands it to the command: typed, and sealed trimmed under a key of the trainee's. */
const printed = (traineeId: string, holderName: string): PrintedName => ({
  holderName,
  sealedHolderName: holderName.trim() === '' ? null : sealPersonalData({ keyId: `key-${traineeId}`, secret: randomBytes(32) }, traineeId, holderName.trim()),
});

/** This year's register after Lan's certificate was issued, and then, when asked, revoked. */
function registerWithLan(revoked: boolean): { state: CertificateRegisterState; certificateId: string } {
  const metadata = metadataOf();
  const issuedOn = vietnameseDate(new Date());
  const issue = issueCertificateCommand(printed('T-0001', 'Nguyễn Thị Lan'), issuedOn, basisOf(completedRunOf(['T-0001']), 'T-0001', null), null, metadata);
  const history: CertificateRegisterEvent[] = [...certificateRegisterDecider.decide(issue, certificateRegisterDecider.initialState())];
  const { certificateId } = issue.data;
  if (revoked) history.push(...certificateRegisterDecider.decide(revokeCertificateCommand(certificateId, { reason: 'Misprinted name', category: 'issued-in-error' }, issuedOn, metadata), fold(certificateRegisterDecider, history)));
  return { state: fold(certificateRegisterDecider, history), certificateId };
}

const traineeId = identifierText(128, fc.oneof(fc.uuid(), fc.constantFrom('T-0001', 'BTP.2027_17')));
const holderName = text([1, 120], fc.constantFrom('Nguyễn Thị Hồng Nhung', 'Nguyê\u0302\u0303n Văn An'));
const reason = text([1, 1000], fc.constantFrom('Attendance was misreported by the provider', 'Tên in sai'));

describe('certification: every body a command DTO accepts records events its published contract carries', () => {
  it('IssueCertificatesDto (POST /runs/{runId}/certificates)', async () => {
    await expectPublishable<IssueCertificatesDto>({
      dto: IssueCertificatesDto,
      bodies: bodyOf({ holders: listOf(bodyOf({ traineeId, holderName }), { minLength: 1 }) }),
      appended: (body) => {
        const metadata = metadataOf();
        const issuedOn = vietnameseDate(new Date());
        const completion = completedRunOf(body.holders.map((holder) => holder.traineeId));
        const commands = body.holders.map((holder) => issueCertificateCommand(printed(holder.traineeId, holder.holderName), issuedOn, basisOf(completion, holder.traineeId, null), null, metadata));
        const year = Number(issuedOn.slice(0, 4));
        return appendedTo(certificateRegisterStreamName(year), metadata, decideEach(certificateRegisterDecider, certificateRegisterDecider.initialState(), commands).events);
      },
    });
  });

  it('IssueOneCertificateDto (POST /runs/{runId}/trainees/{traineeId}/certificate)', async () => {
    await expectPublishable<IssueOneCertificateDto>({
      dto: IssueOneCertificateDto,
      bodies: bodyOf({ holderName }),
      appended: (body) => {
        const metadata = metadataOf();
        const command = issueCertificateCommand(printed('T-0001', body.holderName), vietnameseDate(new Date()), basisOf(completedRunOf(['T-0001']), 'T-0001', null), null, metadata);
        return appendedTo(certificateRegisterStreamName(command.data.year), metadata, certificateRegisterDecider.decide(command, certificateRegisterDecider.initialState()));
      },
    });
  });

  it('RevokeCertificateDto (POST /certificates/{certificateId}/revoke)', async () => {
    await expectPublishable<RevokeCertificateDto>({
      dto: RevokeCertificateDto,
      bodies: bodyOf({ reason, category: oneOfValues(revocationCategories) }, ['category']),
      appended: (body) => {
        const { state, certificateId } = registerWithLan(false);
        const metadata = metadataOf();
        const command = revokeCertificateCommand(certificateId, revocationOf(body), vietnameseDate(new Date()), metadata);
        return appendedTo(certificateRegisterStreamName(state.year ?? 0), metadata, certificateRegisterDecider.decide(command, state));
      },
    });
  });

  it('ReissueCertificateDto (POST /certificates/{certificateId}/reissue)', async () => {
    await expectPublishable<ReissueCertificateDto>({
      dto: ReissueCertificateDto,
      bodies: bodyOf({ holderName }, ['holderName']),
      appended: (body) => {
        const { state, certificateId } = registerWithLan(true);
        const replaced = state.certificates.get(certificateId)!;
        const metadata = metadataOf();
        const basis = basisOf(completedRunOf([replaced.record.traineeId]), replaced.record.traineeId, null);
        const command = reissueCertificateCommand(replaced, printed(replaced.record.traineeId, body.holderName ?? 'Nguyễn Thị Lan'), vietnameseDate(new Date()), basis, metadata);
        return appendedTo(certificateRegisterStreamName(command.data.year), metadata, certificateRegisterDecider.decide(command, state));
      },
    });
  });
});
