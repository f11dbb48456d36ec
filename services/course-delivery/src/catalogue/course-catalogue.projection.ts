import type { CompletionRule } from '@training-ledger/contracts';
import { searchKey } from '@training-ledger/platform';
import { defineProjection, upsert } from '@training-ledger/read-models';
import type { CourseDefined, CompletionRuleVersioned, CourseDefinition } from './course.decider';

export interface CourseCatalogueEvents {
  'CourseDefined.v1': CourseDefined['data'];
  'CompletionRuleVersioned.v1': CompletionRuleVersioned['data'];
}

/** A version of the completion rule and the moment it came into force. */
export interface CompletionRuleVersion extends CompletionRule {
  readonly inForceFrom: string;
}

export interface CatalogueEntry extends CourseDefinition {
  readonly _id: string;
  /** The rule in force now: the one a newly scheduled run takes. */
  readonly completionRule: CompletionRule;
  readonly ruleVersions: readonly CompletionRuleVersion[];
  readonly definedAt: string;
  /** Both titles folded by `searchKey`, for `q`: "hop tac asean" finds "Hợp tác ASEAN …". */
  readonly titleSearchKey: string;
}

export const titleSearchKey = (definition: Pick<CourseDefinition, 'titleVi' | 'titleEn'>): string =>
  searchKey(`${definition.titleVi} ${definition.titleEn}`);

/** The catalogue (danh mục khóa học): one document per course, with every version of its completion rule. */
export const courseCatalogueProjection = defineProjection<CourseCatalogueEvents>({
  name: 'course-catalogue',
  version: 2,
  collection: 'course_catalogue',
  indexes: [{ fields: { level: 1, trainingGroup: 1, format: 1 } }, { fields: { code: 1 } }, { fields: { titleSearchKey: 1 } }],
  handlers: {
    'CourseDefined.v1': (event) => {
      const { completionRule, ...definition } = event.data;
      return [
        upsert(definition.courseId, {
          $set: { ...definition, completionRule, definedAt: event.metadata.occurredAt, titleSearchKey: titleSearchKey(definition) },
          $push: { ruleVersions: { ...completionRule, inForceFrom: event.metadata.occurredAt } },
        }),
      ];
    },
    'CompletionRuleVersioned.v1': (event) => [
      upsert(event.data.courseId, {
        $set: { completionRule: event.data.completionRule },
        $push: { ruleVersions: { ...event.data.completionRule, inForceFrom: event.metadata.occurredAt } },
      }),
    ],
  },
});
