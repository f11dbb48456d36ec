import type {
  CompletionRule,
  CourseFormat,
  CourseLevel,
  Rank,
  RequirementGroup,
  TargetGroup,
  TrainingGroup,
} from '@training-ledger/contracts';
import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
} from '@training-ledger/decider';

/** A completion rule as programme-admin states it; the course gives it its version. */
export type CompletionRuleTerms = Omit<CompletionRule, 'ruleVersion'>;

export interface CourseDefinition {
  readonly courseId: string;
  readonly code: string;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly trainingGroup: TrainingGroup;
  readonly level: CourseLevel;
  /** The field of a sector-specific (đặc thù) course, e.g. "ASEAN" or "international law"; null otherwise. */
  readonly sector: string | null;
  readonly requirementGroups: readonly RequirementGroup[];
  readonly format: CourseFormat;
  readonly lengthDays: number;
  readonly lengthHours: number;
  readonly languages: readonly string[];
  readonly eligibleTargetGroups: readonly TargetGroup[];
  readonly eligibleRanks: readonly Rank[];
}

export type DefineCourse = Command<'DefineCourse', CourseDefinition & { completionRule: CompletionRuleTerms }>;
export type VersionCompletionRule = Command<
  'VersionCompletionRule',
  { courseId: string; completionRule: CompletionRuleTerms }
>;
export type CourseCommand = DefineCourse | VersionCompletionRule;

export type CourseDefined = DomainEvent<'CourseDefined.v1', CourseDefinition & { completionRule: CompletionRule }>;
export type CompletionRuleVersioned = DomainEvent<
  'CompletionRuleVersioned.v1',
  { courseId: string; completionRule: CompletionRule }
>;
export type CourseEvent = CourseDefined | CompletionRuleVersioned;

export type CourseState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'defined';
      /** As first defined, so that the same definition sent again is recognised after a rule changed. */
      readonly definition: CourseDefinition & { readonly completionRule: CompletionRule };
      readonly completionRule: CompletionRule;
    };

export const courseStreamName = (courseId: string): string => `course-${courseId}`;

const shareOfFourPlaces = /^(0\.\d{4}|1\.0000)$/;

export const courseDecider: Decider<CourseCommand, CourseEvent, CourseState> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'DefineCourse':
        return defineCourse(command, state);
      case 'VersionCompletionRule':
        return versionCompletionRule(command, state);
      default:
        return assertNever(command, 'course command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CourseDefined.v1':
        return { status: 'defined', definition: event.data, completionRule: event.data.completionRule };
      case 'CompletionRuleVersioned.v1':
        return state.status === 'defined' ? { ...state, completionRule: event.data.completionRule } : state;
      default:
        return assertNever(event, 'course event');
    }
  },
};

function defineCourse(command: DefineCourse, state: CourseState): CourseEvent[] {
  const { completionRule: terms, ...definition } = command.data;
  const completionRule: CompletionRule = { ruleVersion: 1, ...terms };
  if (state.status === 'defined') {
    if (sameDefinition(state.definition, definition) && sameTerms(state.definition.completionRule, terms)) return [];
    throw new DomainRuleViolation(
      'course-defined-once',
      `Course ${definition.courseId} is already defined differently; a completion rule changes by a new version`,
      'courseId',
      'conflict',
    );
  }
  requireValidDefinition(definition);
  requireValidRule(terms);
  return [{ type: 'CourseDefined.v1', data: { ...definition, completionRule }, metadata: command.metadata }];
}

function versionCompletionRule(command: VersionCompletionRule, state: CourseState): CourseEvent[] {
  const { courseId, completionRule: terms } = command.data;
  if (state.status !== 'defined') {
    throw new DomainRuleViolation('course-must-exist', `Course ${courseId} is not defined`, 'courseId', 'not-found');
  }
  requireValidRule(terms);
  if (sameTerms(state.completionRule, terms)) return [];
  return [
    {
      type: 'CompletionRuleVersioned.v1',
      data: { courseId, completionRule: { ruleVersion: state.completionRule.ruleVersion + 1, ...terms } },
      metadata: command.metadata,
    },
  ];
}

function requireValidDefinition(definition: CourseDefinition): void {
  for (const field of ['courseId', 'code', 'titleVi', 'titleEn'] as const) {
    if (definition[field].trim() === '') {
      throw new DomainRuleViolation('course-named', `A course needs its ${field}`, field);
    }
  }
  if (definition.level === 'sector-specific' && (definition.sector === null || definition.sector.trim() === '')) {
    throw new DomainRuleViolation(
      'sector-specific-course-names-its-sector',
      'A sector-specific (đặc thù) course must name the sector it serves',
      'sector',
    );
  }
  if (definition.level !== 'sector-specific' && definition.sector !== null) {
    throw new DomainRuleViolation(
      'only-sector-specific-courses-have-a-sector',
      `A ${definition.level} course serves every sector and names none`,
      'sector',
    );
  }
  for (const field of ['lengthDays', 'lengthHours'] as const) {
    if (!Number.isFinite(definition[field]) || definition[field] < 0) {
      throw new DomainRuleViolation('course-length-not-negative', `${field} must be a number of at least 0`, field);
    }
  }
  for (const field of ['requirementGroups', 'languages', 'eligibleTargetGroups', 'eligibleRanks'] as const) {
    const values: readonly string[] = definition[field];
    if (values.length === 0) {
      throw new DomainRuleViolation('course-lists-not-empty', `A course names at least one of ${field}`, field);
    }
    if (new Set(values).size !== values.length) {
      throw new DomainRuleViolation('course-lists-without-repeats', `${field} names a value twice`, field);
    }
  }
  if (definition.languages.some((language) => language.trim().length < 2)) {
    throw new DomainRuleViolation('languages-named', 'Each language is a code of at least two letters', 'languages');
  }
}

function requireValidRule(terms: CompletionRuleTerms): void {
  if (!shareOfFourPlaces.test(terms.minAttendanceShare)) {
    throw new DomainRuleViolation(
      'attendance-share-of-four-places',
      'The minimum attendance share is written 0.0000 to 1.0000',
      'completionRule.minAttendanceShare',
    );
  }
  if (terms.assessmentRequired && terms.passMark === null) {
    throw new DomainRuleViolation(
      'assessed-course-has-pass-mark',
      'A course that requires an assessment must state its pass mark',
      'completionRule.passMark',
    );
  }
  if (!terms.assessmentRequired && terms.passMark !== null) {
    throw new DomainRuleViolation(
      'pass-mark-only-with-assessment',
      'A pass mark applies only when an assessment is required',
      'completionRule.passMark',
    );
  }
  if (terms.passMark !== null && (!Number.isFinite(terms.passMark) || terms.passMark < 0)) {
    throw new DomainRuleViolation('pass-mark-not-negative', 'The pass mark is at least 0', 'completionRule.passMark');
  }
}

function sameDefinition(left: CourseDefinition, right: CourseDefinition): boolean {
  return (
    left.courseId === right.courseId &&
    left.code === right.code &&
    left.titleVi === right.titleVi &&
    left.titleEn === right.titleEn &&
    left.trainingGroup === right.trainingGroup &&
    left.level === right.level &&
    left.sector === right.sector &&
    sameList(left.requirementGroups, right.requirementGroups) &&
    left.format === right.format &&
    left.lengthDays === right.lengthDays &&
    left.lengthHours === right.lengthHours &&
    sameList(left.languages, right.languages) &&
    sameList(left.eligibleTargetGroups, right.eligibleTargetGroups) &&
    sameList(left.eligibleRanks, right.eligibleRanks)
  );
}

function sameTerms(left: CompletionRuleTerms, right: CompletionRuleTerms): boolean {
  return (
    left.minAttendanceShare === right.minAttendanceShare &&
    left.excusedCountsAsAttended === right.excusedCountsAsAttended &&
    left.assessmentRequired === right.assessmentRequired &&
    left.passMark === right.passMark
  );
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
