import type { CountedPage, Page } from '@training-ledger/platform';
import type { Projector } from '@training-ledger/read-models';
import type { TimetabledSession } from './course-run.state';
import type { CourseRunsQuery } from './course-run.dto';
import { type CourseRunEntry, courseRunsProjection } from './course-runs.projection';

export type CourseRunSummary = Omit<CourseRunEntry, '_id' | 'sessions' | 'lecturers' | 'sessionCancellations'>;

export interface CourseRunView extends Omit<CourseRunEntry, '_id' | 'sessions' | 'sessionCancellations'> {
  readonly sessions: ReadonlyArray<TimetabledSession & { readonly cancellationReason: string | null }>;
}

/** One page of the runs the query selects, by start date, and how many it selects in all. */
export async function courseRunsPage(projector: Projector, query: CourseRunsQuery, page: Page): Promise<CountedPage<CourseRunSummary>> {
  const model = await projector.model<CourseRunEntry>(courseRunsProjection);
  const filter = {
    ...(query.from ? { endDate: { $gte: query.from } } : {}),
    ...(query.to ? { startDate: { $lte: query.to } } : {}),
    ...(query.level ? { level: query.level } : {}),
    ...(query.format ? { format: query.format } : {}),
    ...(query.hostAgencyId ? { hostAgencyId: query.hostAgencyId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.courseId ? { courseId: query.courseId } : {}),
    ...(query.providerInstitutionId ? { providerInstitutionId: query.providerInstitutionId } : {}),
  };
  const total = await model.countDocuments(filter);
  const items = await model
    .find(filter, { _id: 0, _v: 0, sessions: 0, lecturers: 0, sessionCancellations: 0 })
    .sort({ startDate: 1, runId: 1 })
    .skip(page.offset)
    .limit(page.limit)
    .lean<CourseRunSummary[]>();
  return { total, items };
}

/** One run with its timetable, each session marked cancelled or not; null when no run has the id. */
export async function courseRunById(projector: Projector, runId: string): Promise<CourseRunView | null> {
  const model = await projector.model<CourseRunEntry>(courseRunsProjection);
  const entry = await model.findOne({ _id: runId }, { _id: 0, _v: 0 }).lean<Omit<CourseRunEntry, '_id'>>();
  if (!entry) return null;
  const { sessionCancellations, sessions, ...run } = entry;
  const reasons = new Map(sessionCancellations.map((cancellation) => [cancellation.sessionId, cancellation.reason]));
  return {
    ...run,
    sessions: sessions.map((session) => ({
      ...session,
      cancelled: reasons.has(session.sessionId),
      cancellationReason: reasons.get(session.sessionId) ?? null,
    })),
  };
}
