import type { CourseFormat, CourseLevel, TrainingGroup } from '@training-ledger/contracts';

export interface BilingualLabel {
  readonly vi: string;
  readonly en: string;
}

/** Cấp độ, in the words of Decision 892/QĐ-TTg. */
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

/** Hình thức bồi dưỡng. */
export const courseFormatLabels: Readonly<Record<CourseFormat, BilingualLabel>> = {
  'in-person': { vi: 'Tập trung, trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  'internship-domestic': { vi: 'Thực tập trong nước', en: 'Internship in Viet Nam' },
  'internship-abroad': { vi: 'Thực tập ở nước ngoài', en: 'Internship abroad' },
  'international-event': { vi: 'Học tập qua sự kiện quốc tế', en: 'Learning through an international event' },
};
