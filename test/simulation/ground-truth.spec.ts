import type { AgencyKind, AttendanceStatus, Rank, TargetGroup } from '@training-ledger/contracts';
import {
  computeEvaluation,
  phaseTargetsV1,
  type AgencyFigures,
  type EvaluationEvent,
  type EvaluationReport,
} from '../../services/reporting/src/evaluation-core';
import { correctionOf, feedbackSubmitted, markOf, nominationApproved, runScheduled } from '../../services/reporting/src/evaluation-core/programme-log.fixture';
import {
  agencyRegistered,
  agencyRenamed,
  certificateIssued,
  certificateReissued,
  certificateRevoked,
  inLog,
  rosterDeclared,
  runCompleted,
  type Fact,
} from '../../services/reporting/src/evaluation-core/evaluation-log.fixture';
import {
  bandOf,
  decision892Bands,
  expectedEvaluation,
  reportFieldsNotCompared,
  reportFiguresToCompare,
  shareToFourPlaces,
  type CoverageRule,
  type ExpectedAgencyFigures,
  type ExpectedEvaluation,
  type GroundTruthOptions,
  type PhaseBands,
} from './ground-truth';
import type { PostedFacts } from './posted-facts';
import { expectedProgramme } from './programme-ground-truth';

type PostedCertificate = PostedFacts['certificates'][number];
type PostedRun = PostedFacts['runs'][number];

const anyCertificate: CoverageRule = { kind: 'any-certificate' };
const universalInBothGroups: CoverageRule = { kind: 'universal-in-both-groups' };
const phase1: PhaseBands = { regular: { min: '0.30', max: '0.40' }, nonRegular: { min: '0.30', max: '0.40' } };
const phase2: PhaseBands = { regular: { min: '0.70', max: '0.80' }, nonRegular: { min: '0.50', max: '0.60' } };

const midTerm: GroundTruthOptions = { asOf: '2028-12-31', kind: 'mid-term', coverageRule: anyCertificate, bands: phase1 };
const final: GroundTruthOptions = { asOf: '2031-12-31', kind: 'final', coverageRule: anyCertificate, bands: phase2 };
const annual2027: GroundTruthOptions = { asOf: '2027-12-31', kind: 'annual', coverageRule: anyCertificate, bands: phase1 };

function posted(...parts: readonly Partial<PostedFacts>[]): PostedFacts {
  return {
    agencies: parts.flatMap((part) => part.agencies ?? []),
    rosters: parts.flatMap((part) => part.rosters ?? []),
    runs: parts.flatMap((part) => part.runs ?? []),
    attendance: parts.flatMap((part) => part.attendance ?? []),
    certificates: parts.flatMap((part) => part.certificates ?? []),
    nominations: parts.flatMap((part) => part.nominations ?? []),
    feedback: parts.flatMap((part) => part.feedback ?? []),
  };
}

function agency(agencyId: string, kind: AgencyKind, nameVi = agencyId, renames: { nameVi: string; on: string }[] = []): Partial<PostedFacts> {
  return { agencies: [{ agencyId, nameVi, kind, renames }] };
}

function roster(
  agencyId: string,
  asOf: string,
  regular: number,
  nonRegular: number,
  postedOn = asOf,
  declarationId = `${agencyId}-${asOf}-${postedOn}`,
): Partial<PostedFacts> {
  return { rosters: [{ agencyId, declarationId, asOf, regular, nonRegular, postedOn }] };
}

function run(runId: string, options: Partial<PostedRun> = {}): Partial<PostedFacts> {
  return {
    runs: [
      {
        runId,
        level: 'universal',
        trainingGroup: 'expertise',
        format: 'in-person',
        hostAgencyId: null,
        hasForeignLecturer: false,
        completedOn: '2027-06-05',
        sessionsHeld: ['S1', 'S2'],
        eligibleRanks: ['specialist'],
        ...options,
      },
    ],
  };
}

function mark(runId: string, sessionId: string, traineeId: string, status: AttendanceStatus, postedOn: string, sessionDate = postedOn): Partial<PostedFacts> {
  return { attendance: [{ kind: 'recorded', runId, sessionId, traineeId, status, postedOn, sessionDate }] };
}

function correction(runId: string, sessionId: string, traineeId: string, status: AttendanceStatus, postedOn: string, sessionDate = postedOn): Partial<PostedFacts> {
  return { attendance: [{ kind: 'corrected', runId, sessionId, traineeId, status, postedOn, sessionDate }] };
}

function nominated(runId: string, traineeId: string, agencyId: string, rank: Rank, targetGroup: TargetGroup = 'regular'): Partial<PostedFacts> {
  return { nominations: [{ runId, traineeId, agencyId, rank, targetGroup, leadership: rank === 'director-general' || rank === 'deputy-director-general' }] };
}

function feedbackOn(runId: string, feedbackId: string, from: 'agency' | 'trainee', agencyId: string, [content, lecturers, organisation]: readonly number[], postedOn: string): Partial<PostedFacts> {
  return { feedback: [{ feedbackId, runId, from, agencyId, ratings: { content, lecturers, organisation }, postedOn }] };
}

type CertificateOptions = Pick<PostedCertificate, 'certificateId' | 'traineeId' | 'agencyId'> & Partial<PostedCertificate>;

function certificateOf(options: CertificateOptions): PostedCertificate {
  return {
    certificateNumber: '2027/000001',
    targetGroup: 'regular',
    rank: 'specialist',
    runId: 'R-1',
    level: 'universal',
    trainingGroup: 'expertise',
    format: 'in-person',
    issuedOn: '2027-06-30',
    revokedOn: null,
    replacesCertificateId: null,
    ...options,
  };
}

function certificate(options: CertificateOptions): Partial<PostedFacts> {
  return { certificates: [certificateOf(options)] };
}

/** `count` staff of one agency and target group, each certified on the same run. */
function certifiedStaff(
  agencyId: string,
  targetGroup: TargetGroup,
  count: number,
  options: Partial<PostedCertificate> = {},
): Partial<PostedFacts> {
  const runId = options.runId ?? 'R-1';
  return {
    certificates: Array.from({ length: count }, (_, index) => {
      const traineeId = `${agencyId}-${targetGroup}-${index + 1}`;
      return certificateOf({ certificateId: `C-${traineeId}-${runId}`, traineeId, agencyId, targetGroup, runId, ...options });
    }),
  };
}

function agencyIn(expected: ExpectedEvaluation, agencyId: string): ExpectedAgencyFigures {
  const found = expected.agencies.find((candidate) => candidate.agencyId === agencyId);
  if (!found) throw new Error(`agency ${agencyId} is not in the expected evaluation`);
  return found;
}

/** Ministries, a province, a commune and an unregistered department, with late rosters, revocations, reissues, a transfer and corrections. */
const programme = posted(
  agency('BNG', 'ministry', 'Bộ Ngoại giao'),
  agency('BTC', 'ministry', 'Bộ Tài chính'),
  agency('TTCP', 'ministerial-level-agency', 'Thanh tra Chính phủ'),
  agency('HN', 'province', 'UBND thành phố Hà Nội', [{ nameVi: 'UBND Thủ đô Hà Nội', on: '2029-03-01' }]),
  agency('XA-BA-VI', 'commune', 'UBND xã Ba Vì'),
  roster('BNG', '2027-06-30', 40, 20, '2027-07-03'),
  roster('BNG', '2028-12-31', 50, 25, '2029-01-20'),
  roster('BNG', '2028-03-31', 45, 20, '2028-11-02'),
  roster('HN', '2028-06-30', 200, 400, '2028-06-30', 'HN-decl-b7'),
  roster('HN', '2028-06-30', 210, 400, '2028-08-15', 'HN-decl-3f'),
  roster('HN', '2031-06-30', 180, 400, '2031-07-01'),
  roster('BTC', '2025-06-30', 28, 10),
  roster('BTC', '2029-03-31', 30, 10),
  roster('XA-BA-VI', '2027-01-01', 10, 0, '2027-01-05'),
  roster('TTCP', '2028-06-30', 0, 0),
  run('R-1', { hasForeignLecturer: true, completedOn: '2027-06-05' }),
  run('R-2', { trainingGroup: 'skills-and-style', format: 'online', hostAgencyId: 'HN', completedOn: '2028-10-10' }),
  run('R-3', { level: 'advanced', format: 'internship-abroad', hostAgencyId: 'BNG', hasForeignLecturer: true, completedOn: '2029-05-01', eligibleRanks: ['director-general', 'deputy-director-general'] }),
  run('R-4', { level: 'specialised', format: 'international-event', hostAgencyId: 'BNG', completedOn: null, sessionsHeld: [] }),
  run('R-5', { level: 'sector-specific', hostAgencyId: 'SO-NGOAI-VU', completedOn: '2030-03-01' }),
  certifiedStaff('BNG', 'regular', 12, { runId: 'R-1' }),
  certifiedStaff('BNG', 'non-regular', 5, { runId: 'R-1' }),
  certifiedStaff('BNG', 'non-regular', 3, { runId: 'R-2', trainingGroup: 'skills-and-style', format: 'online', issuedOn: '2028-10-20' }),
  certifiedStaff('BNG', 'regular', 4, { runId: 'R-3', level: 'advanced', format: 'internship-abroad', rank: 'director-general', issuedOn: '2029-05-10' }),
  certifiedStaff('HN', 'regular', 60, { runId: 'R-2', trainingGroup: 'skills-and-style', format: 'online', rank: 'division-level', issuedOn: '2028-10-20' }),
  certifiedStaff('HN', 'regular', 20, { runId: 'R-1' }),
  certifiedStaff('HN', 'non-regular', 150, { runId: 'R-5', level: 'sector-specific', issuedOn: '2030-03-15' }),
  certifiedStaff('XA-BA-VI', 'regular', 4, { runId: 'R-1' }),
  certificate({
    certificateId: 'C-BNG-TO-BTC',
    traineeId: 'BNG-non-regular-1',
    agencyId: 'BTC',
    runId: 'R-3',
    level: 'advanced',
    format: 'internship-abroad',
    issuedOn: '2029-05-10',
  }),
  certifiedStaff('SO-NGOAI-VU', 'non-regular', 2, { runId: 'R-5', level: 'sector-specific', issuedOn: '2030-03-15' }),
  certificate({ certificateId: 'C-REVOKED-EARLY', traineeId: 'BNG-X-1', agencyId: 'BNG', revokedOn: '2028-03-01' }),
  certificate({ certificateId: 'C-REVOKED-LATE', traineeId: 'BNG-X-2', agencyId: 'BNG', revokedOn: '2029-06-01' }),
  certificate({ certificateId: 'C-OLD', traineeId: 'HN-X-1', agencyId: 'HN', runId: 'R-2', trainingGroup: 'skills-and-style', issuedOn: '2028-10-20' }),
  certificate({
    certificateId: 'C-NEW',
    traineeId: 'HN-X-1',
    agencyId: 'HN',
    runId: 'R-2',
    trainingGroup: 'skills-and-style',
    rank: 'deputy-director-general',
    issuedOn: '2028-11-05',
    replacesCertificateId: 'C-OLD',
  }),
  certificate({ certificateId: 'C-BEFORE', traineeId: 'HN-X-2', agencyId: 'HN', issuedOn: '2027-06-30' }),
  certificate({ certificateId: 'C-AFTER', traineeId: 'HN-X-2', agencyId: 'HN', issuedOn: '2029-02-01', replacesCertificateId: 'C-BEFORE' }),
  certificate({ certificateId: 'C-REPLACED', traineeId: 'HN-X-3', agencyId: 'HN', issuedOn: '2027-06-30', revokedOn: '2028-02-01' }),
  certificate({ certificateId: 'C-REPLACEMENT', traineeId: 'HN-X-3', agencyId: 'HN', issuedOn: '2028-01-15', replacesCertificateId: 'C-REPLACED' }),
  certificate({ certificateId: 'C-FIRST', traineeId: 'HN-X-4', agencyId: 'HN', issuedOn: '2027-06-30' }),
  certificate({ certificateId: 'C-SECOND', traineeId: 'HN-X-4', agencyId: 'HN', issuedOn: '2028-01-15', replacesCertificateId: 'C-FIRST', revokedOn: '2028-06-01' }),
  certificate({ certificateId: 'C-TWICE-A', traineeId: 'TTCP-X-1', agencyId: 'TTCP', rank: 'specialist', issuedOn: '2027-06-30' }),
  certificate({ certificateId: 'C-TWICE-B', traineeId: 'TTCP-X-1', agencyId: 'TTCP', rank: 'other', issuedOn: '2027-07-15' }),
  certificate({ certificateId: 'C-COMMUNE', traineeId: 'MOVER', agencyId: 'XA-BA-VI', targetGroup: 'non-regular', issuedOn: '2027-06-30' }),
  certificate({ certificateId: 'C-PROVINCE', traineeId: 'MOVER', agencyId: 'HN', runId: 'R-2', trainingGroup: 'skills-and-style', issuedOn: '2028-10-20' }),
  mark('R-1', 'S1', 'BNG-regular-1', 'present', '2027-06-01'),
  mark('R-1', 'S2', 'BNG-regular-1', 'late', '2027-06-02'),
  mark('R-1', 'S1', 'BNG-regular-2', 'absent', '2027-06-01'),
  correction('R-1', 'S1', 'BNG-regular-2', 'present', '2027-06-10'),
  mark('R-1', 'S2', 'BNG-regular-5', 'excused', '2027-06-02'),
  mark('R-1', 'S1', 'BNG-regular-3', 'present', '2027-06-01'),
  correction('R-1', 'S1', 'BNG-regular-3', 'absent', '2027-06-10'),
  mark('R-2', 'S1', 'HN-regular-1', 'present', '2028-09-01'),
  mark('R-2', 'S3', 'HN-regular-2', 'present', '2028-09-03'),
  mark('R-2', 'S1', 'HN-regular-3', 'absent', '2028-09-01'),
  correction('R-2', 'S1', 'HN-regular-3', 'late', '2029-01-05', '2028-09-01'),
  mark('R-4', 'S1', 'BNG-regular-4', 'present', '2028-04-01'),
  mark('R-3', 'S1', 'BNG-regular-6', 'present', '2029-04-20'),
  mark('R-3', 'S1', 'HN-regular-4', 'late', '2029-04-20'),
  nominated('R-1', 'BNG-regular-1', 'BNG', 'specialist'),
  nominated('R-1', 'BNG-regular-2', 'BNG', 'division-level'),
  nominated('R-1', 'BNG-regular-3', 'BNG', 'specialist'),
  nominated('R-1', 'BNG-regular-5', 'BNG', 'specialist'),
  nominated('R-2', 'HN-regular-1', 'HN', 'division-level'),
  nominated('R-2', 'HN-regular-2', 'HN', 'division-level', 'non-regular'),
  nominated('R-2', 'HN-regular-3', 'HN', 'division-level'),
  nominated('R-3', 'BNG-regular-6', 'BNG', 'director-general'),
  nominated('R-3', 'HN-regular-4', 'HN', 'deputy-director-general'),
  feedbackOn('R-1', 'F-1', 'agency', 'BNG', [5, 4, 4], '2027-06-07'),
  feedbackOn('R-1', 'F-2', 'trainee', 'BNG', [4, 4, 3], '2027-06-08'),
  feedbackOn('R-2', 'F-3', 'agency', 'HN', [3, 5, 4], '2028-10-12'),
  feedbackOn('R-3', 'F-4', 'agency', 'HN', [2, 3, 3], '2029-05-03'),
);

/** The posted facts as the services publish them, placed on Kafka partitions in the order posted. */
function integrationEventsOf(facts: PostedFacts): EvaluationEvent[] {
  const log: Fact[] = [];
  for (const { agencyId, kind, nameVi, renames } of facts.agencies) {
    // The ground truth takes every agency as registered by any as-of date, the programme's eve included.
    log.push({ ...agencyRegistered(agencyId, kind, nameVi, `${nameVi} (en)`), occurredOn: '2025-01-01' });
    for (const rename of renames) log.push(agencyRenamed(agencyId, rename.nameVi, `${rename.nameVi} (en)`, rename.on));
  }
  for (const declared of facts.rosters) {
    const fact = rosterDeclared(declared.agencyId, declared.asOf, declared.regular, declared.nonRegular);
    log.push({ ...fact, data: { ...fact.data, declarationId: declared.declarationId }, occurredOn: declared.postedOn });
  }
  for (const scheduled of facts.runs) {
    const date = scheduled.completedOn ?? '2027-01-01';
    log.push(runScheduled(scheduled.runId, scheduled.sessionsHeld.map((sessionId) => ({ sessionId, date })), scheduled.eligibleRanks));
    if (scheduled.completedOn === null) continue;
    log.push(runCompleted({ ...scheduled, completedOn: scheduled.completedOn }));
  }
  for (const { runId, traineeId, ...learner } of facts.nominations) log.push(nominationApproved(runId, traineeId, learner));
  for (const { runId, feedbackId, from, agencyId, ratings, postedOn } of facts.feedback) log.push(feedbackSubmitted(runId, feedbackId, from, agencyId, ratings, postedOn));
  const standing = new Map<string, AttendanceStatus>();
  for (const { kind, runId, sessionId, traineeId, status, postedOn, sessionDate } of facts.attendance) {
    const key = JSON.stringify([runId, sessionId, traineeId]);
    log.push(
      kind === 'recorded'
        ? markOf(runId, sessionId, traineeId, status, postedOn, sessionDate)
        : correctionOf(runId, sessionId, traineeId, [standing.get(key) ?? 'absent', status], postedOn, sessionDate),
    );
    standing.set(key, status);
  }
  for (const issued of facts.certificates) {
    const { replacesCertificateId } = issued;
    const fact = replacesCertificateId === null ? certificateIssued(issued) : certificateReissued({ ...issued, replacesCertificateId });
    // The certificate copies leadership from the trainee's record, which the simulation derives from the rank.
    log.push({ ...fact, data: { ...fact.data, leadership: issued.rank === 'director-general' || issued.rank === 'deputy-director-general' } });
    if (issued.revokedOn !== null) log.push(certificateRevoked(issued, issued.revokedOn));
  }
  return inLog(log);
}

describe('Ground truth of an evaluation of Decision 892/QĐ-TTg, worked from the posted facts', () => {
  describe('the share of each target group trained, against the band of the phase', () => {
    it('a ministry with 40 regular staff of whom 12 hold a certificate in force is at 0.3000, within the phase-1 band', () => {
      const expected = expectedEvaluation(
        posted(agency('BNG', 'ministry', 'Bộ Ngoại giao'), roster('BNG', '2028-06-30', 40, 20), certifiedStaff('BNG', 'regular', 12)),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toEqual({
        agencyId: 'BNG',
        nameVi: 'Bộ Ngoại giao',
        kind: 'ministry',
        rosterDeclaration: { declarationId: 'BNG-2028-06-30-2028-06-30', asOf: '2028-06-30' },
        roster: { regular: 40, nonRegular: 20 },
        trained: { regular: 12, nonRegular: 0 },
        share: { regular: '0.3000', nonRegular: '0.0000' },
        band: { regular: 'within', nonRegular: 'below' },
        peopleCertified: 12,
        learnerTimesCertified: 12,
        certificatesIssued: 12,
        certificatesInForce: 12,
        certificatesRevoked: 0,
        runsHosted: 0,
        runsHostedWithForeignLecturer: 0,
      });
    });

    it('both ends of the band belong to it: 16 of 40 (0.4000) is within, 17 of 40 (0.4250) is above', () => {
      const sixteen = expectedEvaluation(posted(roster('BNG', '2028-06-30', 40, 40), certifiedStaff('BNG', 'regular', 16)), midTerm);
      const seventeen = expectedEvaluation(posted(roster('BNG', '2028-06-30', 40, 40), certifiedStaff('BNG', 'regular', 17)), midTerm);

      expect(agencyIn(sixteen, 'BNG')).toMatchObject({ share: { regular: '0.4000' }, band: { regular: 'within' } });
      expect(agencyIn(seventeen, 'BNG')).toMatchObject({ share: { regular: '0.4250' }, band: { regular: 'above' } });
    });

    it('a province that trained 1 of its 8 regular staff is at 0.1250 (below), and 2 of its 3 non-regular at 0.6667 (above)', () => {
      const expected = expectedEvaluation(
        posted(
          agency('HN', 'province', 'UBND thành phố Hà Nội'),
          roster('HN', '2028-06-30', 8, 3),
          certifiedStaff('HN', 'regular', 1),
          certifiedStaff('HN', 'non-regular', 2),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'HN')).toMatchObject({
        share: { regular: '0.1250', nonRegular: '0.6667' },
        band: { regular: 'below', nonRegular: 'above' },
      });
    });

    it.each([
      [1, 8, '0.1250'],
      [2, 3, '0.6667'],
      [1, 3, '0.3333'],
      [1, 20_000, '0.0001'],
      [1, 20_001, '0.0000'],
      [3, 20_000, '0.0002'],
      [123_456_789, 987_654_321, '0.1250'],
      [0, 7, '0.0000'],
      [5, 5, '1.0000'],
      [7, 5, '1.4000'],
      [3, 0, null],
    ])('%i trained of %i on the roster is written %s, half a ten-thousandth rounding up', (trained, rosterSize, share) => {
      expect(shareToFourPlaces(trained, rosterSize)).toBe(share);
    });

    it('judges on the exact fraction: 6,000 of 20,001 shows 0.3000 yet is below 30%, 40,001 of 100,000 shows 0.4000 yet is above 40%', () => {
      expect(shareToFourPlaces(6_000, 20_001)).toBe('0.3000');
      expect(bandOf(6_000, 20_001, phase1.regular)).toBe('below');
      expect(shareToFourPlaces(40_001, 100_000)).toBe('0.4000');
      expect(bandOf(40_001, 100_000, phase1.regular)).toBe('above');
    });

    it('an agency without a roster has no share and is judged no-roster; before the programme there is no phase, roster or not', () => {
      const facts = posted(agency('BNG', 'ministry'), certifiedStaff('BNG', 'regular', 3, { issuedOn: '2025-10-01' }));
      const rosterless = expectedEvaluation(facts, midTerm);
      const beforeProgramme = expectedEvaluation(
        posted(facts, roster('BTC', '2025-06-30', 10, 10)),
        { asOf: '2025-12-31', kind: 'ad-hoc', coverageRule: anyCertificate, bands: null },
      );

      expect(agencyIn(rosterless, 'BNG')).toMatchObject({
        rosterDeclaration: null,
        roster: { regular: 0, nonRegular: 0 },
        trained: { regular: 3, nonRegular: 0 },
        share: { regular: null, nonRegular: null },
        band: { regular: 'no-roster', nonRegular: 'no-roster' },
      });
      expect(agencyIn(beforeProgramme, 'BNG').band).toEqual({ regular: 'no-phase', nonRegular: 'no-phase' });
      expect(agencyIn(beforeProgramme, 'BTC')).toMatchObject({ share: { regular: '0.0000' }, band: { regular: 'no-phase' } });
    });

    it('takes the bands of the Decision: phase 1 to the end of 2028, phase 2 from 2029 and after the programme, none before 2026', () => {
      expect(decision892Bands('2025-12-31')).toBeNull();
      expect(decision892Bands('2026-01-01')).toEqual(phase1);
      expect(decision892Bands('2028-12-31')).toEqual(phase1);
      expect(decision892Bands('2029-01-01')).toEqual(phase2);
      expect(decision892Bands('2031-12-31')).toEqual(phase2);
      expect(decision892Bands('2032-03-31')).toEqual(phase2);
    });
  });

  describe('the denominator: the roster in force on the as-of date', () => {
    it('uses a roster declared after the cut-off for a date on or before it, and never one for a later date', () => {
      const expected = expectedEvaluation(
        posted(
          roster('BNG', '2028-06-30', 40, 20, '2028-07-02'),
          roster('BNG', '2028-12-31', 50, 25, '2029-01-20'),
          roster('BNG', '2029-01-31', 60, 30, '2029-02-01'),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toMatchObject({
        roster: { regular: 50, nonRegular: 25 },
        rosterDeclaration: { declarationId: 'BNG-2028-12-31-2029-01-20', asOf: '2028-12-31' },
      });
    });

    it('a declaration posted later for an earlier date does not displace one for a later date', () => {
      const expected = expectedEvaluation(
        posted(roster('BNG', '2028-06-30', 40, 20, '2028-07-02'), roster('BNG', '2028-03-31', 45, 20, '2028-11-02')),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toMatchObject({ roster: { regular: 40 }, rosterDeclaration: { asOf: '2028-06-30' } });
    });

    it('a second declaration for the same date, posted later, replaces the first', () => {
      const expected = expectedEvaluation(
        posted(roster('BNG', '2028-06-30', 40, 20, '2028-07-02'), roster('BNG', '2028-06-30', 42, 20, '2028-08-15')),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG').roster).toEqual({ regular: 42, nonRegular: 20 });
    });
  });

  describe('certificates (chứng nhận bồi dưỡng): the numerator', () => {
    it('a certificate revoked after the as-of date still counts at that date; once revoked it is issued and revoked, not in force', () => {
      const facts = posted(
        roster('BNG', '2028-06-30', 10, 0),
        certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2027-05-01', revokedOn: '2029-03-01' }),
      );

      expect(agencyIn(expectedEvaluation(facts, midTerm), 'BNG')).toMatchObject({
        trained: { regular: 1 },
        share: { regular: '0.1000' },
        peopleCertified: 1,
        certificatesIssued: 1,
        certificatesInForce: 1,
        certificatesRevoked: 0,
      });
      expect(agencyIn(expectedEvaluation(facts, final), 'BNG')).toMatchObject({
        trained: { regular: 0 },
        peopleCertified: 0,
        learnerTimesCertified: 0,
        certificatesIssued: 1,
        certificatesInForce: 0,
        certificatesRevoked: 1,
      });
    });

    it('a reissue replaces the certificate it names once issued: two issued, one in force, one person, one learner-time', () => {
      const facts = posted(
        certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2027-05-01' }),
        certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2028-02-01', replacesCertificateId: 'C-1' }),
      );

      expect(agencyIn(expectedEvaluation(facts, midTerm), 'BNG')).toMatchObject({
        trained: { regular: 1 },
        peopleCertified: 1,
        learnerTimesCertified: 1,
        certificatesIssued: 2,
        certificatesInForce: 1,
        certificatesRevoked: 0,
      });
      expect(agencyIn(expectedEvaluation(facts, annual2027), 'BNG')).toMatchObject({ certificatesIssued: 1, certificatesInForce: 1 });
    });

    it('a replaced certificate revoked afterwards counts as revoked, and its reissue stays in force', () => {
      const expected = expectedEvaluation(
        posted(
          certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2027-05-01', revokedOn: '2028-02-01' }),
          certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2028-01-15', replacesCertificateId: 'C-1' }),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toMatchObject({
        trained: { regular: 1 },
        peopleCertified: 1,
        certificatesIssued: 2,
        certificatesInForce: 1,
        certificatesRevoked: 1,
      });
    });

    it('revoking a reissue leaves the person untrained: the certificate it replaced does not come back into force', () => {
      const expected = expectedEvaluation(
        posted(
          certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2027-05-01' }),
          certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'BNG', issuedOn: '2028-01-15', replacesCertificateId: 'C-1', revokedOn: '2028-06-01' }),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toMatchObject({
        trained: { regular: 0 },
        peopleCertified: 0,
        certificatesIssued: 2,
        certificatesInForce: 0,
        certificatesRevoked: 1,
      });
    });

    it('two certificates in force for one person and one run are one learner-time, of the later certificate', () => {
      const expected = expectedEvaluation(
        posted(
          certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', rank: 'specialist', issuedOn: '2027-06-30' }),
          certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'BNG', rank: 'other', issuedOn: '2027-07-15' }),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'BNG')).toMatchObject({ certificatesInForce: 2, learnerTimesCertified: 1, peopleCertified: 1 });
      expect(expected.byRank.other).toEqual({ learnerTimesCertified: 1, peopleCertified: 1 });
      expect(expected.byRank.specialist).toEqual({ learnerTimesCertified: 0, peopleCertified: 0 });
    });

    it('a person certified at a commune and later at the province counts once, for the province', () => {
      const expected = expectedEvaluation(
        posted(
          agency('HN', 'province'),
          agency('XA-BA-VI', 'commune'),
          certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'XA-BA-VI', runId: 'R-1', issuedOn: '2027-06-30' }),
          certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'HN', runId: 'R-2', issuedOn: '2028-10-20' }),
        ),
        midTerm,
      );

      expect(agencyIn(expected, 'XA-BA-VI')).toMatchObject({ trained: { regular: 0 }, peopleCertified: 0, learnerTimesCertified: 1, certificatesInForce: 1 });
      expect(agencyIn(expected, 'HN')).toMatchObject({ trained: { regular: 1 }, peopleCertified: 1, learnerTimesCertified: 1, certificatesInForce: 1 });
      expect(expected.agencyGroups.localities).toMatchObject({ agencies: 2, peopleCertified: 1, learnerTimesCertified: 2 });
    });

    it('a specialist promoted to division level between two courses is two learner-times (lượt học viên) and one person, of the later rank', () => {
      const expected = expectedEvaluation(
        posted(
          certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', rank: 'specialist', runId: 'R-1', issuedOn: '2027-06-30' }),
          certificate({
            certificateId: 'C-2',
            traineeId: 'T-1',
            agencyId: 'BNG',
            rank: 'division-level',
            runId: 'R-3',
            level: 'advanced',
            trainingGroup: 'skills-and-style',
            format: 'online',
            issuedOn: '2028-05-15',
          }),
        ),
        midTerm,
      );

      expect(expected.byRank.specialist).toEqual({ learnerTimesCertified: 1, peopleCertified: 0 });
      expect(expected.byRank['division-level']).toEqual({ learnerTimesCertified: 1, peopleCertified: 1 });
      expect(expected.byLevel.universal.learnerTimesCertified).toBe(1);
      expect(expected.byLevel.advanced.learnerTimesCertified).toBe(1);
      expect(expected.byTrainingGroup['skills-and-style'].learnerTimesCertified).toBe(1);
      expect(expected.byFormat.online.learnerTimesCertified).toBe(1);
      expect(expected.courses.learnerTimesCertified).toBe(2);
      expect(expected.national).toMatchObject({ peopleCertified: 1, learnerTimesCertified: 2, certificatesInForce: 2 });
    });
  });

  describe('the coverage rule MOFA sets', () => {
    const staffOfTen = posted(
      roster('BNG', '2028-06-30', 10, 0),
      certificate({ certificateId: 'C-1a', traineeId: 'T-1', agencyId: 'BNG', trainingGroup: 'expertise' }),
      certificate({ certificateId: 'C-1b', traineeId: 'T-1', agencyId: 'BNG', trainingGroup: 'skills-and-style', runId: 'R-2' }),
      certificate({ certificateId: 'C-2a', traineeId: 'T-2', agencyId: 'BNG', trainingGroup: 'expertise' }),
      certificate({ certificateId: 'C-2b', traineeId: 'T-2', agencyId: 'BNG', trainingGroup: 'skills-and-style', level: 'advanced', runId: 'R-3' }),
      certificate({ certificateId: 'C-3a', traineeId: 'T-3', agencyId: 'BNG', trainingGroup: 'expertise' }),
      certificate({ certificateId: 'C-4a', traineeId: 'T-4', agencyId: 'BNG', trainingGroup: 'expertise', revokedOn: '2028-01-15' }),
      certificate({ certificateId: 'C-4b', traineeId: 'T-4', agencyId: 'BNG', trainingGroup: 'skills-and-style', runId: 'R-2' }),
    );

    it('universal in both groups: of four certified staff only the one with universal expertise and skills & style in force is trained', () => {
      const strict = expectedEvaluation(staffOfTen, { ...midTerm, coverageRule: universalInBothGroups });
      const lenient = expectedEvaluation(staffOfTen, midTerm);

      expect(agencyIn(strict, 'BNG')).toMatchObject({ trained: { regular: 1 }, share: { regular: '0.1000' }, peopleCertified: 4 });
      expect(agencyIn(lenient, 'BNG')).toMatchObject({ trained: { regular: 4 }, share: { regular: '0.4000' }, peopleCertified: 4 });
    });

    it('a trained person counts for the agency and target group of the latest certificate the rule relies on', () => {
      const facts = posted(
        certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'XA-BA-VI', targetGroup: 'non-regular', issuedOn: '2027-06-30' }),
        certificate({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'HN', trainingGroup: 'skills-and-style', runId: 'R-2', issuedOn: '2028-10-20' }),
        certificate({ certificateId: 'C-3', traineeId: 'T-1', agencyId: 'BTC', level: 'advanced', runId: 'R-3', issuedOn: '2028-11-20' }),
      );
      const strict = expectedEvaluation(facts, { ...midTerm, coverageRule: universalInBothGroups });
      const lenient = expectedEvaluation(facts, midTerm);

      expect(agencyIn(strict, 'HN').trained).toEqual({ regular: 1, nonRegular: 0 });
      expect(agencyIn(strict, 'BTC')).toMatchObject({ trained: { regular: 0 }, peopleCertified: 1 });
      expect(agencyIn(lenient, 'BTC')).toMatchObject({ trained: { regular: 1 }, peopleCertified: 1 });
      expect(strict.national.trained).toEqual({ regular: 1, nonRegular: 0 });
    });
  });

  describe('courses and attendance', () => {
    it('counts runs completed by the as-of date, those with a foreign lecturer, and runs hosted per agency', () => {
      const expected = expectedEvaluation(
        posted(
          agency('BNG', 'ministry'),
          agency('HN', 'province'),
          run('R-1', { hasForeignLecturer: true, completedOn: '2027-06-05' }),
          run('R-2', { hostAgencyId: 'HN', format: 'online', trainingGroup: 'skills-and-style', completedOn: '2028-10-10' }),
          run('R-3', { hostAgencyId: 'BNG', hasForeignLecturer: true, level: 'advanced', completedOn: '2029-05-01' }),
          run('R-4', { hostAgencyId: 'BNG', completedOn: null, sessionsHeld: [] }),
        ),
        midTerm,
      );

      expect(expected.courses).toMatchObject({ runsCompleted: 2, runsWithForeignLecturer: 1 });
      expect(expected.byFormat['in-person']).toMatchObject({ runsCompleted: 1, runsWithForeignLecturer: 1 });
      expect(expected.byFormat.online).toMatchObject({ runsCompleted: 1, runsWithForeignLecturer: 0 });
      expect(expected.byLevel.advanced.runsCompleted).toBe(0);
      expect(agencyIn(expected, 'HN')).toMatchObject({ runsHosted: 1, runsHostedWithForeignLecturer: 0 });
      expect(agencyIn(expected, 'BNG')).toMatchObject({ runsHosted: 0, runsHostedWithForeignLecturer: 0 });
    });

    it('an attendance correction posted after the as-of date is not applied; one posted by then is', () => {
      const facts = posted(
        run('R-1', { completedOn: '2028-11-20' }),
        mark('R-1', 'S1', 'T-1', 'absent', '2028-11-18'),
        mark('R-1', 'S1', 'T-2', 'present', '2028-11-18'),
        mark('R-1', 'S1', 'T-3', 'absent', '2028-11-18'),
        correction('R-1', 'S1', 'T-2', 'absent', '2028-11-25'),
        correction('R-1', 'S1', 'T-3', 'present', '2028-11-25'),
        correction('R-1', 'S1', 'T-1', 'present', '2029-01-05'),
      );

      expect(expectedEvaluation(facts, midTerm).courses).toMatchObject({ learnerTimesAttended: 1, peopleAttended: 1 });
      expect(expectedEvaluation(facts, final).courses).toMatchObject({ learnerTimesAttended: 2, peopleAttended: 2 });
    });

    it('counts a learner-time once per person and run, only in sessions held of completed runs', () => {
      const expected = expectedEvaluation(
        posted(
          run('R-1', { sessionsHeld: ['S1', 'S2'] }),
          run('R-2', { level: 'advanced', sessionsHeld: ['S1'] }),
          run('R-4', { completedOn: null, sessionsHeld: [] }),
          mark('R-1', 'S1', 'T-4', 'present', '2027-06-02'),
          mark('R-1', 'S2', 'T-4', 'late', '2027-06-03'),
          mark('R-2', 'S1', 'T-4', 'present', '2027-06-02'),
          mark('R-1', 'S3', 'T-5', 'present', '2027-06-04'),
          mark('R-1', 'S1', 'T-7', 'excused', '2027-06-02'),
          mark('R-4', 'S1', 'T-6', 'present', '2027-06-02'),
        ),
        midTerm,
      );

      expect(expected.courses).toMatchObject({ learnerTimesAttended: 2, peopleAttended: 1 });
      expect(expected.byLevel.universal.learnerTimesAttended).toBe(1);
      expect(expected.byLevel.advanced.learnerTimesAttended).toBe(1);
    });
  });

  describe('agencies and their groups', () => {
    it('lists registered agencies and any other a counted fact names, in agency-id order, and adds them up by group and kind', () => {
      const expected = expectedEvaluation(
        posted(
          agency('HN', 'province'),
          agency('BNG', 'ministry'),
          agency('TTCP', 'ministerial-level-agency'),
          roster('BNG', '2028-06-30', 40, 20),
          roster('HN', '2028-06-30', 200, 400),
          roster('ZZ-LATE', '2029-03-31', 5, 5),
          certifiedStaff('BNG', 'regular', 12),
          certifiedStaff('HN', 'regular', 60),
          certifiedStaff('SO-NGOAI-VU', 'non-regular', 2),
          run('R-9', { hostAgencyId: 'HVNG', hasForeignLecturer: true }),
        ),
        midTerm,
      );

      expect(expected.agencies.map(({ agencyId, kind }) => [agencyId, kind])).toEqual([
        ['BNG', 'ministry'],
        ['HN', 'province'],
        ['HVNG', 'unregistered'],
        ['SO-NGOAI-VU', 'unregistered'],
        ['TTCP', 'ministerial-level-agency'],
      ]);
      expect(expected.agencyGroups.ministries).toMatchObject({
        agencies: 2,
        agenciesWithRoster: 1,
        roster: { regular: 40, nonRegular: 20 },
        trained: { regular: 12, nonRegular: 0 },
        share: { regular: '0.3000', nonRegular: '0.0000' },
      });
      expect(expected.agencyGroups.localities).toMatchObject({ agencies: 1, share: { regular: '0.3000', nonRegular: '0.0000' } });
      expect(expected.agencyGroups.unregistered).toMatchObject({
        agencies: 2,
        agenciesWithRoster: 0,
        trained: { regular: 0, nonRegular: 2 },
        band: { regular: 'no-roster', nonRegular: 'no-roster' },
        runsHosted: 1,
        runsHostedWithForeignLecturer: 1,
      });
      expect(expected.agencyKinds.commune).toMatchObject({ agencies: 0, share: { regular: null, nonRegular: null } });
      expect(expected.national).toMatchObject({
        agencies: 5,
        agenciesWithRoster: 2,
        roster: { regular: 240, nonRegular: 420 },
        trained: { regular: 72, nonRegular: 2 },
        share: { regular: '0.3000', nonRegular: '0.0048' },
        band: { regular: 'within', nonRegular: 'below' },
      });
    });

    it('names an agency as it was named on the as-of date: a rename after it does not reach back', () => {
      const renamed = posted(agency('HN', 'province', 'UBND thành phố Hà Nội', [{ nameVi: 'UBND Thủ đô Hà Nội', on: '2029-03-01' }]), certifiedStaff('HN', 'regular', 1));

      expect(agencyIn(expectedEvaluation(renamed, midTerm), 'HN').nameVi).toBe('UBND thành phố Hà Nội');
      expect(agencyIn(expectedEvaluation(renamed, final), 'HN').nameVi).toBe('UBND Thủ đô Hà Nội');
    });

    it('refuses facts that hold one certificate twice, as the truth would be ambiguous', () => {
      const twice = posted(certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' }), certificate({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' }));
      expect(() => expectedEvaluation(twice, midTerm)).toThrow('the posted facts hold certificate C-1 twice');
    });
  });

  describe('agreement with the reporting service', () => {
    type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
    type ReportFigures = Omit<Pick<EvaluationReport, keyof ExpectedEvaluation>, 'agencies'> & {
      readonly agencies: readonly Omit<AgencyFigures, (typeof reportFieldsNotCompared.agency)[number]>[];
    };

    it('has the shape of the report, short of the fields it names as not compared', () => {
      const sameShape: MutuallyAssignable<ExpectedEvaluation, ReportFigures> = true;
      const facts = posted(agency('BNG', 'ministry'));
      const report = computeEvaluation({
        asOf: midTerm.asOf,
        kind: 'mid-term',
        coverageRule: { version: 1, rule: anyCertificate },
        phaseTargets: phaseTargetsV1,
        events: integrationEventsOf(facts),
      });
      const expected = expectedEvaluation(facts, midTerm);

      expect(sameShape).toBe(true);
      expect([...Object.keys(expected), ...reportFieldsNotCompared.report].sort()).toEqual(Object.keys(report).sort());
      expect([...Object.keys(expected.agencies[0]), ...reportFieldsNotCompared.agency].sort()).toEqual(
        Object.keys(report.agencies[0]).sort(),
      );
    });

    it('agrees with computeEvaluation on every compared figure of a programme worked through to the final review', () => {
      const evaluations: readonly GroundTruthOptions[] = [
        { asOf: '2025-12-31', kind: 'ad-hoc', coverageRule: anyCertificate, bands: null },
        annual2027,
        midTerm,
        { ...midTerm, coverageRule: universalInBothGroups },
        { asOf: '2029-06-30', kind: 'ad-hoc', coverageRule: anyCertificate, bands: phase2 },
        { ...final, coverageRule: universalInBothGroups },
      ];
      const events = integrationEventsOf(programme);

      for (const options of evaluations) {
        const report = computeEvaluation({
          asOf: options.asOf,
          kind: options.kind,
          coverageRule: { version: 1, rule: options.coverageRule },
          phaseTargets: phaseTargetsV1,
          events,
        });
        const evaluation = `${options.kind} as of ${options.asOf} under ${options.coverageRule.kind}`;

        expect({ evaluation, rejected: report.inputs.rejectedEvents, bands: report.phaseTargets.phase?.bands ?? null }).toEqual({
          evaluation,
          rejected: [],
          bands: decision892Bands(options.asOf),
        });
        expect({ evaluation, figures: reportFiguresToCompare(report) }).toEqual({
          evaluation,
          figures: expectedEvaluation(programme, options),
        });
        expect({ evaluation, programme: report.programme }).toEqual({ evaluation, programme: expectedProgramme(programme, options.asOf) });
      }
    });
  });
});
