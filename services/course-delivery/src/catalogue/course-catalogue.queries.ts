import { type CountedPage, type Page, searchFilter } from '@training-ledger/platform';
import type { Projector } from '@training-ledger/read-models';
import { type CatalogueEntry, courseCatalogueProjection } from './course-catalogue.projection';
import type { CourseCatalogueQuery } from './course.dto';

export type CourseView = Omit<CatalogueEntry, '_id' | 'titleSearchKey'>;
export type CourseSummary = Omit<CourseView, 'ruleVersions'>;

/** One page of the courses the query selects, by code, and how many it selects in all. */
export async function courseCataloguePage(projector: Projector, query: CourseCatalogueQuery, page: Page): Promise<CountedPage<CourseSummary>> {
  const model = await projector.model<CatalogueEntry>(courseCatalogueProjection);
  const filter = {
    ...(query.level ? { level: query.level } : {}),
    ...(query.trainingGroup ? { trainingGroup: query.trainingGroup } : {}),
    ...(query.format ? { format: query.format } : {}),
    ...searchFilter('titleSearchKey', query.q),
  };
  const total = await model.countDocuments(filter);
  const items = await model
    .find(filter, { _id: 0, _v: 0, ruleVersions: 0, titleSearchKey: 0 })
    .sort({ code: 1 })
    .skip(page.offset)
    .limit(page.limit)
    .lean<CourseSummary[]>();
  return { total, items };
}

/** One course with every version of its completion rule; null when the catalogue has no such course. */
export async function courseById(projector: Projector, courseId: string): Promise<CourseView | null> {
  const model = await projector.model<CatalogueEntry>(courseCatalogueProjection);
  return model.findOne({ _id: courseId }, { _id: 0, _v: 0, titleSearchKey: 0 }).lean<CourseView>();
}
