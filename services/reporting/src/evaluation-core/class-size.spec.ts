import { classSize } from './class-size';
import { isSeniorCourseForLeaders } from './senior-course';

describe('class size (sĩ số bình quân)', () => {
  it.each([
    [[], null, null],
    [[85], '85.0000', '85.0000'],
    [[10, 20, 31], '20.3333', '20.0000'],
    [[1, 2], '1.5000', '1.5000'],
    [[0, 3, 4, 100], '26.7500', '3.5000'],
    [[2, 1, 2], '1.6667', '2.0000'],
  ])('of %j is %s on average, median %s', (sizes, average, median) => {
    expect(classSize(sizes)).toEqual({ average, median });
  });
});

describe('senior courses for leaders (khóa cấp cao)', () => {
  it.each([
    [['director-general'], true],
    [['director-general', 'deputy-director-general'], true],
    [['deputy-director-general', 'division-level'], false],
    [['specialist'], false],
    [[], false],
    [null, false],
  ] as const)('a run open to %j is one: %s', (ranks, senior) => {
    expect(isSeniorCourseForLeaders(ranks)).toBe(senior);
  });
});
