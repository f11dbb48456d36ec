import { anyCertificate, inLog } from './evaluation-log.fixture';
import { computeEvaluation } from './evaluation';
import { phaseTargetsV1 } from './policy';
import { reviewFigures, reviewProgrammeFacts } from './review-programme.fixture';

describe("the previous programme's mid-term review, as evaluation/2.0.0 states it", () => {
  const report = computeEvaluation({
    asOf: '2023-12-31',
    kind: 'mid-term',
    coverageRule: anyCertificate,
    phaseTargets: phaseTargetsV1,
    events: inLog(reviewProgrammeFacts()),
  });
  const programme = report.programme!;

  it('publishes 60 courses for 7.030 learner-times from 28 ministries and 61 localities, 6 senior courses and 4 with foreign experts', () => {
    expect(programme.national).toMatchObject({
      runsCompleted: reviewFigures.runs,
      learnerTimesAttended: reviewFigures.learnerTimes,
      peopleAttended: reviewFigures.learnerTimes,
      agenciesSending: reviewFigures.ministries + reviewFigures.localities,
      seniorRunsForLeaders: reviewFigures.senior,
      runsWithForeignLecturer: reviewFigures.foreign,
      learnerTimesCertified: 703,
      classSize: { average: '117.1667', median: '117.0000' },
    });
    expect(programme.agencyGroups.ministries.agenciesSending).toBe(reviewFigures.ministries);
    expect(programme.agencyGroups.localities.agenciesSending).toBe(reviewFigures.localities);
    expect(programme.unattributedLearnerTimesAttended).toBe(0);
  });

  it('adds up: groups to the nation, ranks to the attributed learner-times', () => {
    const { ministries, localities, unregistered } = programme.agencyGroups;
    expect(ministries.learnerTimesAttended + localities.learnerTimesAttended + unregistered.learnerTimesAttended).toBe(reviewFigures.learnerTimes);
    const byRank = Object.values(programme.national.byRank).reduce((sum, counts) => sum + counts.learnerTimesAttended, 0);
    expect(byRank).toBe(reviewFigures.learnerTimes);
    expect(programme.national.byLeadership.leaders.learnerTimesAttended).toBe(
      programme.national.byRank['director-general'].learnerTimesAttended + programme.national.byRank['deputy-director-general'].learnerTimesAttended,
    );
  });
});
