import { defineProjection, upsert } from '@training-ledger/read-models';

export interface CourseTitleEvents {
  'CourseDefined.v1': { courseId: string; code: string; titleVi: string; titleEn: string };
}

export interface CourseTitleDocument {
  readonly _id: string;
  readonly code: string;
  readonly titleVi: string;
  readonly titleEn: string;
}

/** Course titles as course delivery published them: what a certificate prints. */
export const courseTitlesProjection = defineProjection<CourseTitleEvents>({
  name: 'course-titles',
  version: 1,
  collection: 'course_titles',
  handlers: {
    'CourseDefined.v1': ({ data }) => [upsert(data.courseId, { $set: { code: data.code, titleVi: data.titleVi, titleEn: data.titleEn } })],
  },
});
