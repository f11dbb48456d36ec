import fc from 'fast-check';
import type { Certificate } from './evaluation-facts';
import { latestPerLearnerTime } from './evaluation-figures';
import { computeProgrammeFigures } from './programme-figures';

const certificate = (certificateId: string, traineeId: string, runId: string, issuedOn: string): Certificate => ({
  certificateId,
  traineeId,
  runId,
  issuedOn,
  agencyId: 'A1',
  targetGroup: 'regular',
  rank: 'specialist',
  level: 'universal',
  trainingGroup: 'expertise',
  format: 'in-person',
  leadership: false,
});

describe('latest certificate per learner-time', () => {
  it('keeps one certificate per (person, run): the latest issued, ties broken by certificate id, in the order pairs first appear', () => {
    const certificates = [
      certificate('c-2', 'T1', 'R1', '2027-05-01'),
      certificate('c-9', 'T2', 'R1', '2027-05-01'),
      certificate('c-1', 'T1', 'R1', '2027-06-01'),
      certificate('c-3', 'T1', 'R2', '2027-05-01'),
      certificate('c-8', 'T2', 'R1', '2027-05-01'),
      certificate('c-b', 'T2', 'R1', '2027-05-01'),
    ];
    expect(latestPerLearnerTime(certificates).map((kept) => kept.certificateId)).toEqual(['c-1', 'c-b', 'c-3']);
  });

  it('answers as grouping by a key of person and run, then taking the latest of each group, does', () => {
    const drawn = fc.array(
      fc.tuple(fc.constantFrom('T1', 'T2', 'T3'), fc.constantFrom('R1', 'R2'), fc.constantFrom('2027-01-01', '2027-02-01'), fc.nat({ max: 50 })),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(drawn, (rows) => {
        const certificates = rows.map(([traineeId, runId, issuedOn, serial], index) => certificate(`c-${serial}-${index}`, traineeId, runId, issuedOn));
        const groups = new Map<string, Certificate[]>();
        for (const each of certificates) {
          const key = JSON.stringify([each.traineeId, each.runId]);
          groups.set(key, [...(groups.get(key) ?? []), each]);
        }
        const expected = [...groups.values()].map((group) =>
          group.reduce((latest, each) =>
            each.issuedOn > latest.issuedOn || (each.issuedOn === latest.issuedOn && each.certificateId > latest.certificateId) ? each : latest,
          ),
        );
        expect(latestPerLearnerTime(certificates)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('programme figures of a large agency', () => {
  it('counts an agency with a quarter of a million learner-times, attended and certified', () => {
    const count = 250_000;
    const who = { agencyId: 'A1', targetGroup: 'regular', rank: 'specialist', leadership: false } as const;
    const runs = Array.from({ length: 500 }, (_, run) => ({ runId: `R${run}`, completedOn: '2030-06-01', hasForeignLecturer: false, eligibleRanks: null }));
    const learnerTimes = Array.from({ length: count }, (_, index) => ({
      runId: `R${index % 500}`,
      traineeId: `T${Math.floor(index / 500)}-${index % 500}`,
      who,
      latestOn: '2030-06-01',
      latestId: `R${index % 500}`,
    }));
    const figures = computeProgrammeFigures({
      runs,
      attended: learnerTimes,
      certified: learnerTimes,
      feedback: [],
      listedAgencies: ['A1'],
      kindOf: () => 'ministry',
      groupOf: () => 'ministries',
    });
    expect(figures.agencyGroups.ministries.learnerTimesAttended).toBe(count);
    expect(figures.agencyKinds.ministry.learnerTimesCertified).toBe(count);
    expect(figures.national.peopleAttended).toBe(count);
  });
});
