import { computeEvaluation, type EvaluationReport, type ReportCodeVersion } from './evaluation';
import {
  agencyRegistered,
  agencyRenamed,
  anyCertificate,
  certificateIssued,
  certificateReissued,
  certificateRevoked,
  type Fact,
  inLog,
  rosterDeclared,
  runCompleted,
} from './evaluation-log.fixture';
import { phaseTargetsV1 } from './policy';
import { correctionOf, feedbackSubmitted, markOf, nominationApproved, nominationWithdrawn, runScheduled } from './programme-log.fixture';
import { restatedFigures } from './restatement';

const asOf = '2028-12-31';
const certificate = { certificateId: 'C-1', traineeId: 'T-1', agencyId: 'BNG', runId: 'R-1', rank: 'deputy-director-general', issuedOn: '2027-10-01' } as const;

/** The mid-term as issued: one senior course with a foreign lecturer, T-2 marked absent at its first session. */
const issuedFacts: readonly Fact[] = [
  agencyRegistered('BNG', 'ministry'),
  agencyRegistered('HN', 'province'),
  rosterDeclared('BNG', '2028-06-30', 40, 20),
  runScheduled('R-1', [{ sessionId: 'S1', date: '2027-09-20' }, { sessionId: 'S2', date: '2027-09-21' }], ['director-general', 'deputy-director-general']),
  nominationApproved('R-1', 'T-1', { agencyId: 'BNG', rank: 'deputy-director-general', leadership: true }),
  nominationApproved('R-1', 'T-2', { agencyId: 'HN', rank: 'director-general', leadership: true }),
  nominationApproved('R-1', 'T-3', { agencyId: 'HN', rank: 'director-general', targetGroup: 'non-regular', leadership: true }),
  markOf('R-1', 'S1', 'T-1', 'present', '2027-09-20', '2027-09-20'),
  markOf('R-1', 'S1', 'T-2', 'absent', '2027-09-20', '2027-09-20'),
  markOf('R-1', 'S2', 'T-1', 'present', '2027-09-21'),
  runCompleted({ runId: 'R-1', completedOn: '2027-09-21', sessionsHeld: ['S1', 'S2'], hasForeignLecturer: true }),
  certificateIssued(certificate),
  feedbackSubmitted('R-1', 'F-1', 'agency', 'BNG', { content: 5, lecturers: 4, organisation: 4 }),
  feedbackSubmitted('R-1', 'F-2', 'trainee', 'BNG', { content: 4, lecturers: 5, organisation: 3 }),
];

const evaluate = (facts: readonly Fact[], reportCodeVersion?: ReportCodeVersion): EvaluationReport =>
  computeEvaluation({ asOf, kind: 'mid-term', coverageRule: anyCertificate, phaseTargets: phaseTargetsV1, events: inLog(facts), reportCodeVersion });

/** The issued mid-term against its restatement once `late` facts were recorded after issue. */
function restate(late: readonly Fact[], reportCodeVersion?: ReportCodeVersion) {
  const atIssue = inLog(issuedFacts);
  const now = inLog([...issuedFacts, ...late]);
  const issued = evaluate(issuedFacts, reportCodeVersion);
  const restated = evaluate([...issuedFacts, ...late], reportCodeVersion);
  return restatedFigures(issued, restated, atIssue, now).map(({ path, before, after, causedBy }) => ({
    path,
    before,
    after,
    causes: causedBy.map((event) => event.type),
  }));
}

describe('the figures the reviews publish (evaluation/2.0.0)', () => {
  const report = evaluate(issuedFacts);

  it('states its rules, the senior-course rule among them', () => {
    expect(report.reportCodeVersion).toBe('evaluation/2.0.0');
    expect(report.rules?.some((rule) => rule.startsWith('A senior course for leaders'))).toBe(true);
  });

  it('counts runs, senior courses, foreign lecturers, learner-times, people, sending agencies, class size and feedback', () => {
    expect(report.programme?.national).toMatchObject({
      runsCompleted: 1,
      seniorRunsForLeaders: 1,
      runsWithForeignLecturer: 1,
      learnerTimesAttended: 1,
      learnerTimesCertified: 1,
      peopleAttended: 1,
      peopleCertified: 1,
      agenciesSending: 1,
      classSize: { average: '1.0000', median: '1.0000' },
      feedback: { agenciesGivingFeedback: 1, fromAgencies: 1, fromTrainees: 1, averageRatings: { content: '4.5000', lecturers: '4.5000', organisation: '3.5000' } },
    });
    expect(report.programme?.national.byRank['deputy-director-general']).toEqual({ learnerTimesAttended: 1, learnerTimesCertified: 1, peopleAttended: 1, peopleCertified: 1 });
    expect(report.programme?.national.byLeadership.leaders.learnerTimesAttended).toBe(1);
    expect(report.programme?.agencyGroups.ministries).toMatchObject({ agenciesSending: 1, runsCompleted: 1, learnerTimesAttended: 1 });
    expect(report.programme?.agencyGroups.localities).toMatchObject({ agenciesSending: 0, runsCompleted: 0, learnerTimesAttended: 0, classSize: { average: null, median: null } });
    expect(report.programme?.agencies.map((agency) => agency.agencyId)).toEqual(['BNG', 'HN']);
  });

  it('keeps 1.0.0 as it was: no rules, no programme section, marks dated by the day they were recorded', () => {
    const v1 = evaluate(issuedFacts, 'evaluation/1.0.0');
    expect(v1.reportCodeVersion).toBe('evaluation/1.0.0');
    expect(v1).not.toHaveProperty('programme');
    expect(v1).not.toHaveProperty('rules');
    expect(restate([correctionOf('R-1', 'S1', 'T-2', ['absent', 'present'], '2029-02-10', '2027-09-20')], 'evaluation/1.0.0')).toEqual([]);
  });
});

describe('late facts against the issued mid-term (as of 2028-12-31), under evaluation/2.0.0', () => {
  const attendedFigures = (changes: ReturnType<typeof restate>) => changes.filter((change) => change.path.endsWith('learnerTimesAttended'));

  it.each([
    ['carrying the session date', '2027-09-20'],
    ['dated by the run timetable', undefined],
  ])('a correction posted in 2029 about a 2027 session, %s, restates attended learner-times by exactly one', (_, sessionDate) => {
    const changes = restate([correctionOf('R-1', 'S1', 'T-2', ['absent', 'present'], '2029-02-10', sessionDate)]);
    const attended = attendedFigures(changes);
    expect(attended.map((change) => change.path)).toEqual(
      expect.arrayContaining([
        'courses.learnerTimesAttended',
        'byLevel.universal.learnerTimesAttended',
        'programme.national.learnerTimesAttended',
        'programme.agencyGroups.localities.learnerTimesAttended',
        'programme.agencyKinds.province.learnerTimesAttended',
        'programme.agencies[HN].learnerTimesAttended',
        'programme.national.byRank.director-general.learnerTimesAttended',
        'programme.national.byLeadership.leaders.learnerTimesAttended',
      ]),
    );
    for (const change of attended) {
      expect(change.after).toBe((change.before as number) + 1);
      expect(change.causes).toEqual(['AttendanceCorrected.v1']);
    }
    expect(changes).toContainEqual({ path: 'programme.agencyGroups.localities.agenciesSending', before: 0, after: 1, causes: ['AttendanceCorrected.v1'] });
    expect(changes).toContainEqual({ path: 'programme.national.classSize.average', before: '1.0000', after: '2.0000', causes: ['AttendanceCorrected.v1'] });
  });

  it('a mark posted late about a session before the as-of date restates as a correction does', () => {
    const changes = restate([markOf('R-1', 'S2', 'T-3', 'present', '2029-01-05', '2027-09-21')]);
    expect(changes).toContainEqual({ path: 'programme.national.learnerTimesAttended', before: 1, after: 2, causes: ['AttendanceRecorded.v1'] });
    expect(changes).toContainEqual({ path: 'programme.national.byTargetGroup.nonRegular.learnerTimesAttended', before: 0, after: 1, causes: ['AttendanceRecorded.v1'] });
  });

  it('a revocation dated after the as-of date does not restate it; one dated before it does', () => {
    expect(restate([certificateRevoked(certificate, '2029-03-01')])).toEqual([]);
    const backdated = restate([certificateRevoked(certificate, '2028-11-30')]);
    expect(backdated).toContainEqual({ path: 'national.certificatesRevoked', before: 0, after: 1, causes: ['CertificateRevoked.v1'] });
    expect(backdated).toContainEqual({ path: 'programme.national.learnerTimesCertified', before: 1, after: 0, causes: ['CertificateRevoked.v1'] });
  });

  it('a reissue issued after the as-of date does not restate it', () => {
    expect(restate([certificateReissued({ ...certificate, certificateId: 'C-1B', issuedOn: '2029-03-01', replacesCertificateId: 'C-1' })])).toEqual([]);
  });

  it('a withdrawn nomination restates nothing: what was attended stays attended', () => {
    expect(restate([nominationWithdrawn('R-1', 'T-1', 'BNG', '2029-02-01')])).toEqual([]);
  });

  it('a roster redeclared late restates the roster only when its as-of date is on or before the evaluation’s', () => {
    expect(restate([rosterDeclared('BNG', '2029-03-31', 50, 20)])).toEqual([]);
    const redeclared = restate([{ ...rosterDeclared('BNG', '2028-12-31', 50, 20), occurredOn: '2029-01-15' }]);
    expect(redeclared).toContainEqual({ path: 'national.roster.regular', before: 40, after: 50, causes: ['StaffRosterDeclared.v1'] });
  });

  it('an agency renamed after the as-of date keeps its name in the restatement', () => {
    expect(restate([agencyRenamed('HN', 'Thành phố Hà Nội', 'Ha Noi City', '2029-02-01')])).toEqual([]);
  });
});

describe('the causes a restatement names', () => {
  it('are the late facts about the period, not the nominations and schedules of runs after it', () => {
    const later = [
      { ...runScheduled('R-9', [{ sessionId: 'S1', date: '2029-05-04' }]), occurredOn: '2029-03-20' },
      nominationApproved('R-9', 'T-1', { agencyId: 'BNG' }, '2029-04-01'),
      markOf('R-9', 'S1', 'T-1', 'present', '2029-05-04', '2029-05-04'),
      correctionOf('R-1', 'S1', 'T-2', ['absent', 'present'], '2029-02-10', '2027-09-20'),
    ];
    const changes = restate(later);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect({ path: change.path, causes: change.causes }).toEqual({ path: change.path, causes: ['AttendanceCorrected.v1'] });
  });
});
