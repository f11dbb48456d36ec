import { SeededRandom } from './random';

const draws = (random: SeededRandom, count = 8): number[] => Array.from({ length: count }, () => random.next());

describe('SeededRandom', () => {
  it('draws the same numbers from the same seed', () => {
    expect(draws(new SeededRandom(892))).toEqual(draws(new SeededRandom(892)));
  });

  it('derives for each named part a generator of its own, the same for the same seed and name', () => {
    const first = draws(SeededRandom.derived(892, 'RUN-2027-001-DA892-01'));
    expect(draws(SeededRandom.derived(892, 'RUN-2027-001-DA892-01'))).toEqual(first);
    expect(draws(SeededRandom.derived(892, 'RUN-2027-002-DA892-01'))).not.toEqual(first);
    expect(draws(SeededRandom.derived(893, 'RUN-2027-001-DA892-01'))).not.toEqual(first);
    expect(draws(new SeededRandom(892))).not.toEqual(first);
  });
});
