import { given, type MessageMetadata } from '@training-ledger/decider';
import {
  type CompletionRuleTerms,
  type CourseCommand,
  courseDecider,
  type CourseEvent,
  type DefineCourse,
} from './course.decider';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000501',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-01-10T08:00:00.000Z',
};

const eightyPercentAndAnExam: CompletionRuleTerms = {
  minAttendanceShare: '0.8000',
  excusedCountsAsAttended: false,
  assessmentRequired: true,
  passMark: 50,
};

const negotiationSkills: DefineCourse['data'] = {
  courseId: 'NEG-101',
  code: 'NEG-101',
  titleVi: 'Kỹ năng đàm phán quốc tế',
  titleEn: 'International negotiation skills',
  trainingGroup: 'skills-and-style',
  level: 'universal',
  sector: null,
  requirementGroups: ['skills-and-style'],
  format: 'in-person',
  lengthDays: 5,
  lengthHours: 40,
  languages: ['vi', 'en'],
  eligibleTargetGroups: ['regular', 'non-regular'],
  eligibleRanks: ['division-level', 'specialist'],
  completionRule: eightyPercentAndAnExam,
};

const define = (data: Partial<DefineCourse['data']> = {}): CourseCommand => ({
  type: 'DefineCourse',
  data: { ...negotiationSkills, ...data },
  metadata,
});
const versionRule = (completionRule: CompletionRuleTerms): CourseCommand => ({
  type: 'VersionCompletionRule',
  data: { courseId: 'NEG-101', completionRule },
  metadata,
});

const defined: CourseEvent = {
  type: 'CourseDefined.v1',
  data: { ...negotiationSkills, completionRule: { ruleVersion: 1, ...eightyPercentAndAnExam } },
  metadata,
};
const ruleVersioned = (ruleVersion: number, terms: CompletionRuleTerms): CourseEvent => ({
  type: 'CompletionRuleVersioned.v1',
  data: { courseId: 'NEG-101', completionRule: { ruleVersion, ...terms } },
  metadata,
});
const attendanceOnly: CompletionRuleTerms = {
  minAttendanceShare: '0.9000',
  excusedCountsAsAttended: true,
  assessmentRequired: false,
  passMark: null,
};

describe('Danh mục khóa học (course catalogue): programme-admin defines a course', () => {
  it('defines a course with version 1 of its completion rule', () => {
    expect(given(courseDecider).when(define())).toEqual({ events: [defined] });
  });

  it('treats the same definition sent again as already done', () => {
    expect(given(courseDecider, [defined]).when(define())).toEqual({ events: [] });
  });

  it('still recognises the original definition after its rule was versioned', () => {
    expect(given(courseDecider, [defined, ruleVersioned(2, attendanceOnly)]).when(define())).toEqual({ events: [] });
  });

  it('refuses a different definition under the same course id', () => {
    expect(given(courseDecider, [defined]).when(define({ lengthHours: 32 }))).toEqual({
      violation: { rule: 'course-defined-once', field: 'courseId', kind: 'conflict' },
    });
  });

  it('refuses to change the completion rule by defining the course again', () => {
    expect(given(courseDecider, [defined]).when(define({ completionRule: attendanceOnly }))).toEqual({
      violation: { rule: 'course-defined-once', field: 'courseId', kind: 'conflict' },
    });
  });

  it('defines a sector-specific (đặc thù) course that names its sector', () => {
    const aseanCourse = { level: 'sector-specific' as const, sector: 'ASEAN' };
    expect(given(courseDecider).when(define(aseanCourse))).toEqual({
      events: [{ ...defined, data: { ...defined.data, ...aseanCourse } }],
    });
  });

  it('requires a sector-specific course to name its sector', () => {
    expect(given(courseDecider).when(define({ level: 'sector-specific', sector: null }))).toEqual({
      violation: { rule: 'sector-specific-course-names-its-sector', field: 'sector', kind: 'invalid' },
    });
  });

  it.each(['universal', 'advanced', 'specialised'] as const)('refuses a sector for a %s course', (level) => {
    expect(given(courseDecider).when(define({ level, sector: 'WTO' }))).toEqual({
      violation: { rule: 'only-sector-specific-courses-have-a-sector', field: 'sector', kind: 'invalid' },
    });
  });

  it.each(['requirementGroups', 'languages', 'eligibleTargetGroups', 'eligibleRanks'] as const)(
    'requires at least one of %s',
    (field) => {
      expect(given(courseDecider).when(define({ [field]: [] }))).toEqual({
        violation: { rule: 'course-lists-not-empty', field, kind: 'invalid' },
      });
    },
  );

  it('refuses a list that names a value twice', () => {
    expect(given(courseDecider).when(define({ eligibleRanks: ['specialist', 'specialist'] }))).toEqual({
      violation: { rule: 'course-lists-without-repeats', field: 'eligibleRanks', kind: 'invalid' },
    });
  });

  it('refuses a negative length', () => {
    expect(given(courseDecider).when(define({ lengthDays: -1 }))).toEqual({
      violation: { rule: 'course-length-not-negative', field: 'lengthDays', kind: 'invalid' },
    });
  });

  it('requires the Vietnamese and the English title', () => {
    expect(given(courseDecider).when(define({ titleVi: ' ' }))).toEqual({
      violation: { rule: 'course-named', field: 'titleVi', kind: 'invalid' },
    });
  });

  it.each(['0.8', '80%', '1.0001', '1.5000', '-0.5000'])('refuses the attendance share %s', (minAttendanceShare) => {
    expect(
      given(courseDecider).when(define({ completionRule: { ...eightyPercentAndAnExam, minAttendanceShare } })),
    ).toEqual({
      violation: {
        rule: 'attendance-share-of-four-places',
        field: 'completionRule.minAttendanceShare',
        kind: 'invalid',
      },
    });
  });

  it('accepts the shares 0.0000 and 1.0000 at the ends of the range', () => {
    for (const minAttendanceShare of ['0.0000', '1.0000']) {
      const completionRule = { ...eightyPercentAndAnExam, minAttendanceShare };
      expect(given(courseDecider).when(define({ completionRule }))).toEqual({
        events: [{ ...defined, data: { ...defined.data, completionRule: { ruleVersion: 1, ...completionRule } } }],
      });
    }
  });

  it('requires a pass mark when an assessment is required', () => {
    expect(
      given(courseDecider).when(define({ completionRule: { ...eightyPercentAndAnExam, passMark: null } })),
    ).toEqual({
      violation: { rule: 'assessed-course-has-pass-mark', field: 'completionRule.passMark', kind: 'invalid' },
    });
  });

  it('refuses a pass mark when no assessment is required', () => {
    expect(given(courseDecider).when(define({ completionRule: { ...attendanceOnly, passMark: 50 } }))).toEqual({
      violation: { rule: 'pass-mark-only-with-assessment', field: 'completionRule.passMark', kind: 'invalid' },
    });
  });
});

describe('Quy tắc hoàn thành (completion rule): a change is a new version, never an edit', () => {
  it('records the changed rule as version 2', () => {
    expect(given(courseDecider, [defined]).when(versionRule(attendanceOnly))).toEqual({
      events: [ruleVersioned(2, attendanceOnly)],
    });
  });

  it('numbers each further version one above the rule in force', () => {
    const stricter = { ...attendanceOnly, minAttendanceShare: '1.0000' };
    expect(given(courseDecider, [defined, ruleVersioned(2, attendanceOnly)]).when(versionRule(stricter))).toEqual({
      events: [ruleVersioned(3, stricter)],
    });
  });

  it('records nothing when the rule equals the one in force', () => {
    expect(given(courseDecider, [defined, ruleVersioned(2, attendanceOnly)]).when(versionRule(attendanceOnly))).toEqual(
      { events: [] },
    );
  });

  it('makes a new version when returning to an earlier rule', () => {
    expect(
      given(courseDecider, [defined, ruleVersioned(2, attendanceOnly)]).when(versionRule(eightyPercentAndAnExam)),
    ).toEqual({ events: [ruleVersioned(3, eightyPercentAndAnExam)] });
  });

  it('checks the new rule as a definition is checked', () => {
    expect(
      given(courseDecider, [defined]).when(versionRule({ ...eightyPercentAndAnExam, minAttendanceShare: '0.75' })),
    ).toEqual({
      violation: {
        rule: 'attendance-share-of-four-places',
        field: 'completionRule.minAttendanceShare',
        kind: 'invalid',
      },
    });
  });

  it('cannot version the rule of a course never defined', () => {
    expect(given(courseDecider).when(versionRule(attendanceOnly))).toEqual({
      violation: { rule: 'course-must-exist', field: 'courseId', kind: 'not-found' },
    });
  });
});
