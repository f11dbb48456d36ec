import type { CourseFormat, CourseLevel, TrainingGroup } from './common';

/*
 * The programme's words for the contracts' course values, as Decision 892/QĐ-TTg writes them, in one
 * place for every document that officials read: the certificate, its verification page, the report.
 */

export interface BilingualLabel {
  readonly vi: string;
  readonly en: string;
}

/** Cấp độ bồi dưỡng. */
export const courseLevelLabels: Readonly<Record<CourseLevel, BilingualLabel>> = {
  universal: { vi: 'Phổ quát', en: 'Universal' },
  advanced: { vi: 'Nâng cao', en: 'Advanced' },
  specialised: { vi: 'Chuyên sâu', en: 'Specialised' },
  'sector-specific': { vi: 'Đặc thù', en: 'Sector-specific' },
};

/** Khối bồi dưỡng. */
export const trainingGroupLabels: Readonly<Record<TrainingGroup, BilingualLabel>> = {
  expertise: { vi: 'Chuyên môn, nghiệp vụ', en: 'Professional expertise' },
  'skills-and-style': { vi: 'Kỹ năng, phong cách', en: 'Skills and style' },
};

/** Hình thức bồi dưỡng, in full: what a certificate states. */
export const courseFormatLabels: Readonly<Record<CourseFormat, BilingualLabel>> = {
  'in-person': { vi: 'Tập trung, trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  'internship-domestic': { vi: 'Thực tập trong nước', en: 'Internship in Viet Nam' },
  'internship-abroad': { vi: 'Thực tập ở nước ngoài', en: 'Internship abroad' },
  'international-event': { vi: 'Học tập qua sự kiện quốc tế', en: 'Learning through an international event' },
};

/** Hình thức bồi dưỡng as a table's row names it, where the full words would not fit. */
export const courseFormatShortLabels: Readonly<Record<CourseFormat, BilingualLabel>> = {
  ...courseFormatLabels,
  'international-event': { vi: 'Sự kiện quốc tế', en: 'International event' },
};
