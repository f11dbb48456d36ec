import { createHash } from 'node:crypto';
import { CourseFormat, courseFormatLabels, CourseLevel, courseLevelLabels, TrainingGroup, trainingGroupLabels } from '@training-ledger/contracts';
import { z } from 'zod';
import {
  issuerReference,
  OPEN_BADGES_CONTEXT_V3,
  VC_CONTEXT_V2,
  withoutTrailingSlash,
  type IssuerReference,
} from './issuer-profile';

export const OPEN_BADGE_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** Viet Nam has kept UTC+7 all year since 1975, so a calendar date there has one fixed offset. */
export const VIET_NAM_UTC_OFFSET = '+07:00';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date YYYY-MM-DD')
  .refine(isRealCalendarDate, 'must be a date that exists');

const CertificateCredentialFactsSchema = z
  .object({
    certificateId: z.string().min(1),
    certificateNumber: z.string().regex(/^\d{4}\/\d{6}$/, 'must look like 2027/000123'),
    verificationCode: z.string().min(1),
    holderName: z.string().trim().min(1),
    traineeId: z.string().min(1),
    courseCode: z.string().min(1),
    courseTitleVi: z.string().trim().min(1),
    courseTitleEn: z.string().trim().min(1),
    level: CourseLevel,
    trainingGroup: TrainingGroup,
    format: CourseFormat,
    runStartDate: calendarDate,
    runEndDate: calendarDate,
    issuedOn: calendarDate,
    statusListIndex: z.number().int().min(0),
  })
  .refine((facts) => facts.runStartDate <= facts.runEndDate, { message: 'the run must not end before it starts', path: ['runEndDate'] });

export type CertificateCredentialFacts = z.input<typeof CertificateCredentialFactsSchema>;

export interface OpenBadgeCredentialOptions {
  /** Public base URL of the certification service; credential, achievement and issuer ids hang off it. */
  readonly baseUrl: string;
  /** URL of the signed status list credential holding this certificate's revocation bit. */
  readonly statusListUrl: string;
  /**
   * Salt for the trainee identity hash, drawn at random once per certificate and stored with it.
   * It is published in the credential, so it stops precomputed tables, not a search of guessable ids.
   */
  readonly identitySalt: string;
}

export interface IdentityObject {
  readonly type: 'IdentityObject';
  readonly hashed: boolean;
  readonly identityHash: string;
  readonly identityType: 'systemId' | 'name';
  readonly salt?: string;
}

export interface Achievement {
  readonly id: string;
  readonly type: readonly ['Achievement'];
  readonly achievementType: 'Certificate';
  readonly name: string;
  readonly description: string;
  readonly criteria: { readonly narrative: string };
  readonly humanCode: string;
  readonly tag: readonly string[];
}

export interface AchievementSubject {
  readonly type: readonly ['AchievementSubject'];
  readonly identifier: readonly IdentityObject[];
  readonly activityStartDate: string;
  readonly activityEndDate: string;
  readonly achievement: Achievement;
}

export interface BitstringStatusListEntry {
  readonly id: string;
  readonly type: 'BitstringStatusListEntry';
  readonly statusPurpose: 'revocation';
  /** A string, as the Bitstring Status List data model requires. */
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

export interface OpenBadgeCredential {
  readonly '@context': readonly [typeof VC_CONTEXT_V2, typeof OPEN_BADGES_CONTEXT_V3];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', 'OpenBadgeCredential'];
  readonly issuer: IssuerReference;
  readonly validFrom: string;
  readonly name: string;
  readonly description: string;
  readonly credentialSubject: AchievementSubject;
  readonly credentialStatus: BitstringStatusListEntry;
  readonly credentialSchema: readonly [{ readonly id: string; readonly type: '1EdTechJsonSchemaValidator2019' }];
}

/**
 * The certificate as an Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0 data model), unsigned.
 * Dates of the certificate are Vietnamese calendar dates, so `validFrom` is the start of the issue
 * day in Hà Nội (`2027-03-15T00:00:00+07:00`); the run's first and last days become the activity
 * start (00:00:00) and end (23:59:59) on the same clock.
 */
export function buildOpenBadgeCredential(
  facts: CertificateCredentialFacts,
  options: OpenBadgeCredentialOptions,
): OpenBadgeCredential {
  const parsed = CertificateCredentialFactsSchema.safeParse(facts);
  if (!parsed.success) throw new Error(`Certificate facts are not valid: ${z.prettifyError(parsed.error)}`);
  const certificate = parsed.data;
  if (options.identitySalt.length < 16) throw new Error('The identity salt must be at least 16 characters long');

  const baseUrl = withoutTrailingSlash(options.baseUrl);
  const level = courseLevelLabels[certificate.level];
  const group = trainingGroupLabels[certificate.trainingGroup];
  const format = courseFormatLabels[certificate.format];
  const holderName = certificate.holderName.normalize('NFC');
  const titleVi = certificate.courseTitleVi.normalize('NFC');
  const titleEn = certificate.courseTitleEn.normalize('NFC');

  return {
    '@context': [VC_CONTEXT_V2, OPEN_BADGES_CONTEXT_V3],
    id: `${baseUrl}/credentials/${encodeURIComponent(certificate.certificateId)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerReference(baseUrl),
    validFrom: startOfVietnameseDay(certificate.issuedOn),
    name: `Chứng nhận bồi dưỡng số ${certificate.certificateNumber} — Certificate of training No. ${certificate.certificateNumber}`,
    description:
      `${holderName} đã hoàn thành khóa bồi dưỡng “${titleVi}”. Mã tra cứu: ${certificate.verificationCode}. ` +
      `${holderName} has completed the training course “${titleEn}”. Verification code: ${certificate.verificationCode}.`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          hashed: true,
          identityHash: identityHash(certificate.traineeId, options.identitySalt),
          identityType: 'systemId',
          salt: options.identitySalt,
        },
        { type: 'IdentityObject', hashed: false, identityHash: holderName, identityType: 'name' },
      ],
      activityStartDate: startOfVietnameseDay(certificate.runStartDate),
      activityEndDate: `${certificate.runEndDate}T23:59:59${VIET_NAM_UTC_OFFSET}`,
      achievement: {
        id: `${baseUrl}/achievements/${encodeURIComponent(certificate.courseCode)}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: `${titleVi} — ${titleEn}`,
        description:
          `Khóa bồi dưỡng cấp độ ${level.vi.toLowerCase()}, khối ${group.vi.toLowerCase()}, hình thức ${format.vi.toLowerCase()}, ` +
          'thuộc Đề án ban hành kèm theo Quyết định số 892/QĐ-TTg của Thủ tướng Chính phủ. ' +
          `A ${level.en.toLowerCase()}-level course of the ${group.en.toLowerCase()} training group (${format.en.toLowerCase()}), ` +
          'under the programme approved by the Prime Minister’s Decision No. 892/QĐ-TTg.',
        criteria: {
          narrative:
            'Tham dự khóa bồi dưỡng đủ thời lượng theo quy định và đạt yêu cầu đánh giá (nếu có) do Bộ Ngoại giao ban hành. ' +
            'Attended the course for the required share of its sessions and met its assessment requirements, if any, under the rules set by the Ministry of Foreign Affairs.',
        },
        humanCode: certificate.courseCode,
        tag: [certificate.level, certificate.trainingGroup, certificate.format],
      },
    },
    credentialStatus: {
      id: `${options.statusListUrl}#${certificate.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(certificate.statusListIndex),
      statusListCredential: options.statusListUrl,
    },
    credentialSchema: [{ id: OPEN_BADGE_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/** Open Badges `IdentityHash`: `sha256$` and the hex SHA-256 of the identifier followed by the salt. */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identifier + salt, 'utf8').digest('hex')}`;
}

function startOfVietnameseDay(date: string): string {
  return `${date}T00:00:00${VIET_NAM_UTC_OFFSET}`;
}

function isRealCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const instant = new Date(Date.UTC(year, month - 1, day));
  return instant.getUTCFullYear() === year && instant.getUTCMonth() === month - 1 && instant.getUTCDate() === day;
}
