import { z } from 'zod';
import { calendarDateSchema } from './instant';

export const isoDate = calendarDateSchema;
export const isoDateTime = z.iso.datetime({ offset: true });
export const identifier = z.string().min(1).max(128);

/** Loại cơ quan: ministries, ministerial-level and government agencies, provinces, communes. */
export const agencyKinds = [
  'ministry',
  'ministerial-level-agency',
  'government-agency',
  'province',
  'commune',
] as const;
export const AgencyKind = z.enum(agencyKinds);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** Đối tượng: trực tiếp, thường xuyên (regular) or không thường xuyên (non-regular). */
export const targetGroups = ['regular', 'non-regular'] as const;
export const TargetGroup = z.enum(targetGroups);
export type TargetGroup = z.infer<typeof TargetGroup>;

/** Ranks as the earlier reviews counted them (Vụ trưởng/Giám đốc Sở, cấp phó, cấp phòng, chuyên viên). */
export const ranks = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'] as const;
export const Rank = z.enum(ranks);
export type Rank = z.infer<typeof Rank>;

/** Khối đào tạo: chuyên môn, nghiệp vụ (expertise) and kỹ năng, phong cách (skills & style). */
export const trainingGroups = ['expertise', 'skills-and-style'] as const;
export const TrainingGroup = z.enum(trainingGroups);
export type TrainingGroup = z.infer<typeof TrainingGroup>;

/** Cấp độ: phổ quát, nâng cao, chuyên sâu, and sector-specific (đặc thù) training. */
export const courseLevels = ['universal', 'advanced', 'specialised', 'sector-specific'] as const;
export const CourseLevel = z.enum(courseLevels);
export type CourseLevel = z.infer<typeof CourseLevel>;

/** Nhóm yêu cầu: bản lĩnh chính trị, tư tưởng; chuyên môn, nghiệp vụ; kỹ năng, phong cách. */
export const requirementGroups = ['political-mettle', 'expertise', 'skills-and-style'] as const;
export const RequirementGroup = z.enum(requirementGroups);
export type RequirementGroup = z.infer<typeof RequirementGroup>;

export const courseFormats = [
  'in-person',
  'online',
  'internship-domestic',
  'internship-abroad',
  'international-event',
] as const;
export const CourseFormat = z.enum(courseFormats);
export type CourseFormat = z.infer<typeof CourseFormat>;

export const attendanceStatuses = ['present', 'late', 'absent', 'excused'] as const;
export const AttendanceStatus = z.enum(attendanceStatuses);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** A share in [0, 1] written as a decimal string with four places, so that every consumer rounds alike. */
export const decimalShare = z.string().regex(/^(0\.\d{4}|1\.0000)$/, 'must be a share 0.0000–1.0000');

/**
 * Why a certificate was revoked, as the public verification page says it (lý do thu hồi); the
 * certifier's own words stay with MOFA.
 */
export const revocationCategories = ['attendance-misreported', 'not-eligible', 'identity-error', 'issued-in-error', 'other'] as const;
export const RevocationCategory = z.enum(revocationCategories);
export type RevocationCategory = z.infer<typeof RevocationCategory>;
