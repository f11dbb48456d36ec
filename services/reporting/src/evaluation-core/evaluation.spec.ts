import { DomainRuleViolation } from '@training-ledger/decider';
import { canonicalJson, sha256Hex } from './canonical-json';
import { reportCodeVersion, renderReport } from './evaluation';
import {
  agencyIn,
  agencyRegistered,
  agencyRenamed,
  attendanceCorrected,
  attendanceRecorded,
  certificateIssued,
  certificateReissued,
  certificateRevoked,
  certifiedStaff,
  evaluate,
  given,
  inLog,
  rosterDeclared,
  runCompleted,
  topics,
  universalInBothGroups,
} from './evaluation-log.fixture';
import { phaseTargetsV1, reviewCutoffs } from './policy';

const midTerm = { asOf: reviewCutoffs['mid-term'], kind: 'mid-term' } as const;
const final = { asOf: reviewCutoffs.final, kind: 'final' } as const;

describe('Evaluation against the targets of Decision 892/QĐ-TTg (sơ kết, tổng kết)', () => {
  describe('share of each target group trained, against the band of the phase', () => {
    it('a ministry with 400 regular staff of whom 140 hold a certificate is within the phase-1 band', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'),
        rosterDeclared('BNG', '2028-06-30', 400, 1000),
        certifiedStaff('BNG', 'regular', 140),
      ).whenEvaluated(midTerm);

      expect(report.phaseTargets.phase).toMatchObject({ id: 'phase-1', relation: 'current' });
      expect(agencyIn(report, 'BNG')).toMatchObject({
        nameVi: 'Bộ Ngoại giao',
        kind: 'ministry',
        roster: { regular: 400, nonRegular: 1000 },
        trained: { regular: 140, nonRegular: 0 },
        share: { regular: '0.3500', nonRegular: '0.0000' },
        band: { regular: 'within', nonRegular: 'below' },
      });
    });

    it('a province that trained 100 of its 400 regular staff by the mid-term review is below the 30–40% band', () => {
      const report = given(
        agencyRegistered('HN', 'province', 'UBND thành phố Hà Nội', 'Ha Noi People’s Committee'),
        rosterDeclared('HN', '2028-12-31', 400, 200),
        certifiedStaff('HN', 'regular', 100),
        certifiedStaff('HN', 'non-regular', 90),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'HN')).toMatchObject({
        share: { regular: '0.2500', nonRegular: '0.4500' },
        band: { regular: 'below', nonRegular: 'above' },
      });
    });

    it('at the final review, 75% of regular and 45% of non-regular staff trained: regular within 70–80%, non-regular below 50–60%', () => {
      const report = given(
        agencyRegistered('BTC', 'ministry'),
        rosterDeclared('BTC', '2031-06-30', 200, 100),
        certifiedStaff('BTC', 'regular', 150, { issuedOn: '2030-05-20' }),
        certifiedStaff('BTC', 'non-regular', 45, { issuedOn: '2030-05-20' }),
      ).whenEvaluated(final);

      expect(report.phaseTargets.phase).toMatchObject({ id: 'phase-2', relation: 'current' });
      expect(report.national).toMatchObject({
        share: { regular: '0.7500', nonRegular: '0.4500' },
        band: { regular: 'within', nonRegular: 'below' },
      });
    });

    it('judges on the exact share, so 2,999 of 10,000 is below a band that starts at 30%', () => {
      const report = given(
        agencyRegistered('BNV', 'ministry'),
        rosterDeclared('BNV', '2028-01-01', 10_000, 0),
        certifiedStaff('BNV', 'regular', 2_999),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'BNV')).toMatchObject({
        share: { regular: '0.2999', nonRegular: null },
        band: { regular: 'below', nonRegular: 'no-roster' },
      });
    });

    it('an evaluation after the programme ends is judged against the last phase, and one before it starts against none', () => {
      const facts = [agencyRegistered('BNG', 'ministry'), rosterDeclared('BNG', '2026-01-01', 10, 10)];
      expect(given(...facts).whenEvaluated({ asOf: '2032-03-31' }).phaseTargets.phase).toMatchObject({
        id: 'phase-2',
        relation: 'ended',
      });
      const early = given(...facts).whenEvaluated({ asOf: '2026-01-01' });
      expect(early.phaseTargets.phase).toMatchObject({ id: 'phase-1' });
      const before = given(agencyRegistered('BNG', 'ministry')).whenEvaluated({ asOf: '2025-12-31' });
      expect(before.phaseTargets.phase).toBeNull();
      expect(before.national.band).toEqual({ regular: 'no-phase', nonRegular: 'no-phase' });
    });
  });

  describe('the denominator: the roster in force on the cut-off date', () => {
    it('takes the latest roster declared as of the cut-off, not one declared as of a later date', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry'),
        rosterDeclared('BNG', '2029-06-30', 500, 500),
        rosterDeclared('BNG', '2027-12-31', 300, 100),
        rosterDeclared('BNG', '2028-06-30', 400, 200),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'BNG')).toMatchObject({
        roster: { regular: 400, nonRegular: 200 },
        rosterDeclaration: { declarationId: 'BNG-2028-06-30', asOf: '2028-06-30' },
      });
    });

    it('gives an agency without a roster no share', () => {
      const report = given(agencyRegistered('BNG', 'ministry'), certifiedStaff('BNG', 'regular', 3)).whenEvaluated(midTerm);
      expect(agencyIn(report, 'BNG')).toMatchObject({
        roster: { regular: 0, nonRegular: 0 },
        trained: { regular: 3, nonRegular: 0 },
        share: { regular: null, nonRegular: null },
        band: { regular: 'no-roster', nonRegular: 'no-roster' },
        rosterDeclaration: null,
      });
    });
  });

  describe('certificates (chứng nhận bồi dưỡng): the numerator', () => {
    const certificate = { certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' };

    it('leaves out certificates issued after the cut-off, and those revoked by it, which it counts as revoked', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry'),
        certificateIssued({ ...certificate, issuedOn: '2027-05-01' }),
        certificateRevoked(certificate, '2028-03-01'),
        certificateIssued({ certificateId: 'C-2', traineeId: 'T-2', agencyId: 'BNG', issuedOn: '2029-01-02' }),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'BNG')).toMatchObject({
        trained: { regular: 0, nonRegular: 0 },
        peopleCertified: 0,
        certificatesIssued: 1,
        certificatesInForce: 0,
        certificatesRevoked: 1,
      });
    });

    it('applies a revocation to its certificate whichever partition is read first', () => {
      const revokedFirst = inLog([
        certificateRevoked(certificate, '2028-03-01', 'a-stream-on-another-partition'),
        agencyRegistered('BNG', 'ministry'),
        certificateIssued({ ...certificate, issuedOn: '2027-05-01' }),
      ]);
      expect(revokedFirst[0].partition).not.toBe(revokedFirst[2].partition);
      expect(agencyIn(evaluate(revokedFirst, midTerm), 'BNG')).toMatchObject({ certificatesInForce: 0, certificatesRevoked: 1 });
    });

    it('keeps counting a certificate whose revocation is dated after the cut-off', () => {
      const report = given(
        certificateIssued({ ...certificate, issuedOn: '2027-05-01' }),
        certificateRevoked(certificate, '2029-02-01'),
      ).whenEvaluated(midTerm);
      expect(agencyIn(report, 'BNG')).toMatchObject({ trained: { regular: 1 }, certificatesRevoked: 0, kind: 'unregistered' });
    });

    it('counts a reissued certificate in place of the one it corrects: one person, one learner-time', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry'),
        certificateIssued({ ...certificate, issuedOn: '2027-05-01' }),
        certificateReissued({ ...certificate, certificateId: 'C-1b', replacesCertificateId: 'C-1', issuedOn: '2027-07-01' }),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'BNG')).toMatchObject({
        trained: { regular: 1 },
        peopleCertified: 1,
        learnerTimesCertified: 1,
        certificatesIssued: 2,
        certificatesInForce: 1,
      });
    });

    it('counts one person attending two courses twice as learner-times (lượt học viên) but once as trained', () => {
      const hanoiTrainee = { traineeId: 'T-1', agencyId: 'HN' };
      const report = given(
        agencyRegistered('HN', 'province'),
        agencyRegistered('BNG', 'ministry'),
        rosterDeclared('HN', '2028-01-01', 10, 10),
        certificateIssued({ ...hanoiTrainee, certificateId: 'C-1', runId: 'RUN-1', targetGroup: 'non-regular', issuedOn: '2027-01-10' }),
        certificateIssued({ ...hanoiTrainee, certificateId: 'C-2', runId: 'RUN-2', targetGroup: 'regular', issuedOn: '2028-01-10' }),
      ).whenEvaluated(midTerm);

      expect(agencyIn(report, 'HN')).toMatchObject({
        trained: { regular: 1, nonRegular: 0 },
        peopleCertified: 1,
        learnerTimesCertified: 2,
      });
      expect(report.national).toMatchObject({ peopleCertified: 1, learnerTimesCertified: 2, agencies: 2, agenciesWithRoster: 1 });
    });

    it('under the universal-in-both-groups rule counts only people with universal certificates in expertise and in skills and style', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry'),
        rosterDeclared('BNG', '2028-01-01', 10, 0),
        certificateIssued({ certificateId: 'A-1', traineeId: 'A', agencyId: 'BNG', runId: 'R-E', trainingGroup: 'expertise' }),
        certificateIssued({ certificateId: 'A-2', traineeId: 'A', agencyId: 'BNG', runId: 'R-S', trainingGroup: 'skills-and-style' }),
        certificateIssued({ certificateId: 'B-1', traineeId: 'B', agencyId: 'BNG', runId: 'R-E', trainingGroup: 'expertise' }),
        certificateIssued({
          certificateId: 'B-2',
          traineeId: 'B',
          agencyId: 'BNG',
          runId: 'R-A',
          trainingGroup: 'skills-and-style',
          level: 'advanced',
        }),
      ).whenEvaluated({ ...midTerm, coverageRule: universalInBothGroups });

      expect(report.coverageRule).toEqual({ version: 2, rule: { kind: 'universal-in-both-groups' } });
      expect(agencyIn(report, 'BNG')).toMatchObject({ trained: { regular: 1 }, share: { regular: '0.1000' }, peopleCertified: 2 });
    });
  });

  describe('courses and learner-times, as the earlier reviews counted them', () => {
    it('counts completed runs, those with foreign lecturers, and runs each agency hosted, by level, group and format', () => {
      const report = given(
        agencyRegistered('QN', 'province'),
        runCompleted({ runId: 'R-1', hostAgencyId: 'QN', hasForeignLecturer: true, level: 'specialised', format: 'in-person' }),
        runCompleted({ runId: 'R-2', level: 'universal', trainingGroup: 'skills-and-style', format: 'online' }),
        runCompleted({ runId: 'R-3', completedOn: '2029-03-01' }),
      ).whenEvaluated(midTerm);

      expect(report.courses).toMatchObject({ runsCompleted: 2, runsWithForeignLecturer: 1 });
      expect(report.byLevel.specialised).toMatchObject({ runsCompleted: 1, runsWithForeignLecturer: 1 });
      expect(report.byTrainingGroup['skills-and-style'].runsCompleted).toBe(1);
      expect(report.byFormat.online.runsCompleted).toBe(1);
      expect(agencyIn(report, 'QN')).toMatchObject({ runsHosted: 1, runsHostedWithForeignLecturer: 1 });
    });

    it('counts a learner-time attended for each person present or late at a held session of a completed run, after corrections', () => {
      const report = given(
        runCompleted({ runId: 'R-1', sessionsHeld: ['S1', 'S2'] }),
        attendanceRecorded('R-1', 'S1', 'T-1', 'present'),
        attendanceRecorded('R-1', 'S2', 'T-1', 'late'),
        attendanceRecorded('R-1', 'S1', 'T-2', 'absent'),
        attendanceCorrected('R-1', 'S1', 'T-2', 'absent', 'present'),
        attendanceRecorded('R-1', 'S1', 'T-3', 'present'),
        attendanceCorrected('R-1', 'S1', 'T-3', 'present', 'excused'),
        attendanceRecorded('R-1', 'S-cancelled', 'T-4', 'present'),
        attendanceRecorded('R-2', 'S1', 'T-5', 'present'),
      ).whenEvaluated(midTerm);

      expect(report.courses).toMatchObject({ learnerTimesAttended: 2, peopleAttended: 2 });
      expect(report.byLevel.universal.learnerTimesAttended).toBe(2);
    });

    it('groups ministries, ministerial-level and government agencies against localities', () => {
      const report = given(
        agencyRegistered('BNG', 'ministry'),
        agencyRegistered('TTCP', 'ministerial-level-agency'),
        agencyRegistered('HN', 'province'),
        certifiedStaff('BNG', 'regular', 2),
        certifiedStaff('TTCP', 'regular', 1),
        certifiedStaff('HN', 'non-regular', 4),
        certifiedStaff('UNKNOWN', 'regular', 1),
      ).whenEvaluated(midTerm);

      expect(report.agencyGroups.ministries).toMatchObject({ agencies: 2, peopleCertified: 3 });
      expect(report.agencyGroups.localities).toMatchObject({ agencies: 1, peopleCertified: 4 });
      expect(report.agencyGroups.unregistered).toMatchObject({ agencies: 1, peopleCertified: 1 });
      expect(report.agencyKinds['ministerial-level-agency'].peopleCertified).toBe(1);
      expect(report.national.peopleCertified).toBe(8);
    });

    it('counts learner-times by the rank on the certificate, and people by the rank on their latest one', () => {
      const report = given(
        certificateIssued({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', runId: 'R-1', rank: 'specialist', issuedOn: '2027-01-01' }),
        certificateIssued({ certificateId: 'C-2', traineeId: 'T-1', agencyId: 'BNG', runId: 'R-2', rank: 'division-level', issuedOn: '2028-01-01' }),
        certificateIssued({ certificateId: 'C-3', traineeId: 'T-2', agencyId: 'BNG', runId: 'R-1', rank: 'director-general' }),
      ).whenEvaluated(midTerm);

      expect(report.byRank).toMatchObject({
        specialist: { learnerTimesCertified: 1, peopleCertified: 0 },
        'division-level': { learnerTimesCertified: 1, peopleCertified: 1 },
        'director-general': { learnerTimesCertified: 1, peopleCertified: 1 },
      });
    });

    it('names agencies as renamed by the cut-off', () => {
      const report = given(
        agencyRegistered('BNV', 'ministry', 'Bộ Nội vụ', 'Ministry of Home Affairs'),
        agencyRenamed('BNV', 'Bộ Nội vụ (mới)', 'Ministry of Home Affairs (new)', '2028-05-01'),
        agencyRenamed('BNV', 'Bộ Nội vụ (sau)', 'Ministry of Home Affairs (later)', '2029-05-01'),
      ).whenEvaluated(midTerm);
      expect(agencyIn(report, 'BNV')).toMatchObject({ nameVi: 'Bộ Nội vụ (mới)', code: 'BNV' });
    });
  });

  describe('what the report says about its inputs', () => {
    it('lists an event whose data breaks its contract instead of counting it', () => {
      const events = inLog([agencyRegistered('BNG', 'ministry'), certificateIssued({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' })]);
      const broken = events.map((event) =>
        event.type === 'CertificateIssued.v1' ? { ...event, data: { ...(event.data as object), targetGroup: 'everyone' } } : event,
      );
      const report = evaluate(broken, midTerm);
      expect(report.inputs.rejectedEvents).toEqual([
        {
          topic: topics.certification,
          partition: broken[1].partition,
          offset: '0',
          eventId: broken[1].eventId,
          type: 'CertificateIssued.v1',
          reason: 'data-does-not-match-contract',
        },
      ]);
      expect(report.national.certificatesIssued).toBe(0);
    });

    it('counts an event delivered twice once, and says so', () => {
      const [registered, issued] = inLog([
        agencyRegistered('BNG', 'ministry'),
        certificateIssued({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' }),
      ]);
      const report = evaluate([registered, issued, { ...issued, offset: '7' }, issued], midTerm);
      expect(report.inputs).toMatchObject({ events: 3, duplicateEvents: 1 });
      expect(report.inputs.partitions).toContainEqual({
        topic: topics.certification,
        partition: issued.partition,
        events: 2,
        firstOffset: '0',
        lastOffset: '7',
      });
      expect(report.national.certificatesIssued).toBe(1);
    });

    it('refuses two different events at one offset, which Kafka cannot hold', () => {
      const [issued] = inLog([certificateIssued({ certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG' })]);
      expect(() => evaluate([issued, { ...issued, eventId: 'another' }], midTerm)).toThrow(DomainRuleViolation);
    });

    it('refuses an as-of date that is not on the calendar, and a policy that breaks its schema', () => {
      expect(() => evaluate([], { asOf: '2027-02-29' })).toThrow(expect.objectContaining({ rule: 'as-of-is-a-date' }));
      const [phase1] = phaseTargetsV1.targets.phases;
      const upsideDown = {
        version: 3,
        targets: { phases: [{ ...phase1, bands: { ...phase1.bands, regular: { min: '0.40', max: '0.30' } } }] },
      };
      expect(() => evaluate([], { asOf: '2028-12-31', phaseTargets: upsideDown })).toThrow(
        expect.objectContaining({ rule: 'policy-valid', field: 'phaseTargets' }),
      );
    });
  });

  describe('rendering', () => {
    it('renders canonical JSON and its SHA-256, quoting the code version and the policies it used', () => {
      const report = given(agencyRegistered('BNG', 'ministry')).whenEvaluated(midTerm);
      const rendered = renderReport(report);
      expect(rendered.canonicalJson).toBe(canonicalJson(report));
      expect(rendered.sha256).toBe(sha256Hex(rendered.canonicalJson));
      expect(JSON.parse(rendered.canonicalJson)).toMatchObject({
        reportCodeVersion,
        kind: 'mid-term',
        asOf: '2028-12-31',
        coverageRule: { version: 1, rule: { kind: 'any-certificate' } },
        phaseTargets: { version: 1, phase: { id: 'phase-1', bands: { regular: { min: '0.30', max: '0.40' } } } },
      });
    });
  });
});
