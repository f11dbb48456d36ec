import { Injectable } from '@nestjs/common';
import { Projector } from '@training-ledger/read-models';
import type { CourseRunView } from './course-run-view';
import { courseRunViewFromDocument, courseRunViewProjection, type StoredCourseRun } from './course-run-view.projection';

/**
 * Enrolment's view of a course run as of the course-delivery events consumed so far. It lags
 * course-delivery by the time those events take to arrive, which is why commands carry the view
 * they were decided on.
 */
@Injectable()
export class CourseRunViews {
  constructor(private readonly projector: Projector) {}

  /** Null when no scheduling of the run has reached enrolment. */
  async get(runId: string): Promise<CourseRunView | null> {
    const model = await this.projector.model<StoredCourseRun>(courseRunViewProjection);
    const document = await model.findById(runId).lean<StoredCourseRun>();
    return document ? courseRunViewFromDocument(document) : null;
  }
}
