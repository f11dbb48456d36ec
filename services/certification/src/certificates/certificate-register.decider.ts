import type { CourseFormat, CourseLevel, Rank, RevocationCategory, TargetGroup, TrainingGroup } from '@training-ledger/contracts';
import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import type { PersonalDataEnvelope } from '@training-ledger/service-runtime';
import { Map as PersistentMap } from 'immutable';

/** What the completion of the run says of the trainee when the certifier issues. */
export interface IssueBasis {
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly courseId: string;
  readonly courseCode: string;
  readonly courseTitleVi: string;
  readonly courseTitleEn: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly runStartDate: string;
  readonly runEndDate: string;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
  readonly attendanceShare: string;
  readonly assessmentPassed: boolean | null;
  readonly ruleVersion: number;
}

interface IssueData {
  readonly year: number;
  readonly certificateId: string;
  /** Printed under the QR code; chosen at random by the application, since deciders draw no randomness. */
  readonly verificationCode: string;
  readonly issuedOn: string;
  readonly issuedBy: string;
  /** The name as the certifier typed it, for the rule that one is printed. */
  readonly holderName: string;
  /** The same name, trimmed and sealed under the trainee's key; null when their personal data was erased. */
  readonly sealedHolderName: PersonalDataEnvelope | null;
  /** Null when the run is not completed (or unknown): there is nothing to certify yet. */
  readonly basis: IssueBasis | null;
  /** A valid certificate the trainee already holds for this run in another year's register, if any. */
  readonly heldInAnotherYear: string | null;
}

export type IssueCertificate = Command<'IssueCertificate', IssueData>;
/** A new certificate for one that was revoked (a misprinted name, a corrected record); the old one stays on record. */
export type ReissueCertificate = Command<
  'ReissueCertificate',
  IssueData & { readonly replaces: { readonly certificateId: string; readonly certificateNumber: string; readonly revoked: boolean } }
>;
export type RevokeCertificate = Command<
  'RevokeCertificate',
  { certificateId: string; revokedOn: string; revokedBy: string; reason: string; category: RevocationCategory }
>;
export type FlagCertificateForReview = Command<
  'FlagCertificateForReview',
  { certificateId: string; reasons: readonly string[] }
>;
export type CertificateRegisterCommand = IssueCertificate | ReissueCertificate | RevokeCertificate | FlagCertificateForReview;

export interface CertificateRecord {
  readonly certificateId: string;
  readonly certificateNumber: string;
  readonly verificationCode: string;
  /** Position of the certificate in its year's revocation status list. */
  readonly statusListIndex: number;
  /** The printed name, sealed under the trainee's key (see `HolderNames`): unreadable once they are erased. */
  readonly sealedHolderName?: PersonalDataEnvelope;
  /** The printed name in plain text, on certificates recorded before names were sealed. */
  readonly holderName?: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
  readonly runId: string;
  readonly courseId: string;
  readonly courseCode: string;
  readonly courseTitleVi: string;
  readonly courseTitleEn: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly runStartDate: string;
  readonly runEndDate: string;
  readonly issuedOn: string;
  readonly issuedBy: string;
  readonly basis: { readonly attendanceShare: string; readonly assessmentPassed: boolean | null; readonly ruleVersion: number };
}

export type CertificateIssued = DomainEvent<'CertificateIssued.v1', CertificateRecord>;
export type CertificateReissued = DomainEvent<'CertificateReissued.v1', CertificateRecord & { replacesCertificateId: string; replacesCertificateNumber: string }>;
export type CertificateRevoked = DomainEvent<
  'CertificateRevoked.v1',
  {
    certificateId: string;
    certificateNumber: string;
    traineeId: string;
    agencyId: string;
    runId: string;
    revokedOn: string;
    revokedBy: string;
    reason: string;
    /** Absent on revocations recorded before categories: read as `other`. */
    category?: RevocationCategory;
  }
>;
export type CertificateFlaggedForReview = DomainEvent<
  'CertificateFlaggedForReview.v1',
  { certificateId: string; traineeId: string; runId: string; reasons: string[] }
>;
export type CertificateRegisterEvent = CertificateIssued | CertificateReissued | CertificateRevoked | CertificateFlaggedForReview;

export interface RegisteredCertificate {
  readonly record: CertificateRecord;
  readonly revoked: { readonly revokedOn: string; readonly reason: string; readonly category: RevocationCategory } | null;
  readonly flaggedReasons: readonly string[] | null;
}

export interface CertificateRegisterState {
  readonly year: number | null;
  readonly issuedCount: number;
  readonly certificates: PersistentMap<string, RegisteredCertificate>;
  /** The valid (unrevoked) certificate of each run and trainee. */
  readonly validByRunAndTrainee: PersistentMap<string, string>;
}

/** One register per year: numbers run 2027/000001, 2027/000002, … in the order the register accepted them. */
export const certificateRegisterStreamName = (year: number): string => `certificate-register-${year}`;
export const NUMBER_DIGITS = 6;
export const certificateNumber = (year: number, sequence: number): string => `${year}/${String(sequence).padStart(NUMBER_DIGITS, '0')}`;
export const yearOfCertificateNumber = (number: string): number | null => {
  const match = /^(\d{4})\/\d{6}$/.exec(number);
  return match ? Number(match[1]) : null;
};
const runTraineeKey = (runId: string, traineeId: string): string => `${runId}\u0000${traineeId}`;

export const certificateRegisterDecider: Decider<CertificateRegisterCommand, CertificateRegisterEvent, CertificateRegisterState> = {
  initialState: () => ({ year: null, issuedCount: 0, certificates: PersistentMap(), validByRunAndTrainee: PersistentMap() }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueCertificate':
        return [{ type: 'CertificateIssued.v1', data: issue(command.data, state), metadata: command.metadata }];
      case 'ReissueCertificate': {
        const { replaces } = command.data;
        if (!replaces.revoked) {
          throw new DomainRuleViolation(
            'replaced-certificate-revoked',
            `Certificate ${replaces.certificateNumber} is still valid: revoke it, with the reason, before issuing its replacement`,
            'certificateId',
            'conflict',
          );
        }
        const record = issue(command.data, state);
        return [
          {
            type: 'CertificateReissued.v1',
            data: { ...record, replacesCertificateId: replaces.certificateId, replacesCertificateNumber: replaces.certificateNumber },
            metadata: command.metadata,
          },
        ];
      }
      case 'RevokeCertificate':
        return revoke(command, state);
      case 'FlagCertificateForReview':
        return flag(command, state);
      default:
        return assertNever(command, 'certificate register command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CertificateIssued.v1':
      case 'CertificateReissued.v1': {
        const record = event.data;
        const year = yearOfCertificateNumber(record.certificateNumber);
        return {
          year,
          issuedCount: state.issuedCount + 1,
          certificates: state.certificates.set(record.certificateId, { record, revoked: null, flaggedReasons: null }),
          validByRunAndTrainee: state.validByRunAndTrainee.set(runTraineeKey(record.runId, record.traineeId), record.certificateId),
        };
      }
      case 'CertificateRevoked.v1': {
        const registered = state.certificates.get(event.data.certificateId);
        if (!registered) return state;
        const key = runTraineeKey(registered.record.runId, registered.record.traineeId);
        return {
          ...state,
          certificates: state.certificates.set(event.data.certificateId, {
            ...registered,
            revoked: { revokedOn: event.data.revokedOn, reason: event.data.reason, category: event.data.category ?? 'other' },
          }),
          validByRunAndTrainee:
            state.validByRunAndTrainee.get(key) === event.data.certificateId ? state.validByRunAndTrainee.delete(key) : state.validByRunAndTrainee,
        };
      }
      case 'CertificateFlaggedForReview.v1': {
        const registered = state.certificates.get(event.data.certificateId);
        return registered
          ? { ...state, certificates: state.certificates.set(event.data.certificateId, { ...registered, flaggedReasons: event.data.reasons }) }
          : state;
      }
      default:
        return assertNever(event, 'certificate register event');
    }
  },
};

function issue(data: IssueData, state: CertificateRegisterState): CertificateRecord {
  const { year, certificateId, verificationCode, issuedOn, issuedBy, holderName, sealedHolderName, basis, heldInAnotherYear } = data;
  if (!basis) {
    throw new DomainRuleViolation('run-completed', 'The run is not completed, or unknown here: there is nothing to certify yet', 'runId', 'conflict');
  }
  if (!basis.eligible) {
    throw new DomainRuleViolation(
      'trainee-eligible',
      `Trainee ${basis.traineeId} did not complete run ${basis.runId}: ${basis.reasons.join('; ')}`,
      'traineeId',
    );
  }
  if (Number(issuedOn.slice(0, 4)) !== year) {
    throw new DomainRuleViolation('numbered-in-year-of-issue', `A certificate issued on ${issuedOn} is numbered in that year's register, not ${year}'s`, 'issuedOn');
  }
  if (sealedHolderName === null) {
    throw new DomainRuleViolation(
      'holder-not-erased',
      `Trainee ${basis.traineeId} had their personal data erased: no certificate may print their name again`,
      'traineeId',
      'conflict',
    );
  }
  if (holderName.trim() === '') {
    throw new DomainRuleViolation('holder-name-printed', 'The holder’s name as it is to be printed is required', 'holderName');
  }
  if (state.certificates.has(certificateId)) {
    throw new DomainRuleViolation('certificate-id-unique', `Certificate ${certificateId} already exists`, 'certificateId', 'conflict');
  }
  const held = state.validByRunAndTrainee.get(runTraineeKey(basis.runId, basis.traineeId));
  const heldNumber = held ? state.certificates.get(held)?.record.certificateNumber : heldInAnotherYear;
  if (heldNumber) {
    throw new DomainRuleViolation(
      'issued-once-per-trainee-and-run',
      `Trainee ${basis.traineeId} already holds certificate ${heldNumber} for run ${basis.runId}; it must be revoked before another is issued`,
      'traineeId',
      'conflict',
    );
  }
  const sequence = state.issuedCount + 1;
  return {
    certificateId,
    certificateNumber: certificateNumber(year, sequence),
    verificationCode,
    statusListIndex: sequence - 1,
    sealedHolderName,
    traineeId: basis.traineeId,
    agencyId: basis.agencyId,
    targetGroup: basis.targetGroup,
    rank: basis.rank,
    leadership: basis.leadership,
    runId: basis.runId,
    courseId: basis.courseId,
    courseCode: basis.courseCode,
    courseTitleVi: basis.courseTitleVi,
    courseTitleEn: basis.courseTitleEn,
    level: basis.level,
    trainingGroup: basis.trainingGroup,
    format: basis.format,
    runStartDate: basis.runStartDate,
    runEndDate: basis.runEndDate,
    issuedOn,
    issuedBy,
    basis: { attendanceShare: basis.attendanceShare, assessmentPassed: basis.assessmentPassed, ruleVersion: basis.ruleVersion },
  };
}

function revoke(command: RevokeCertificate, state: CertificateRegisterState): CertificateRegisterEvent[] {
  const { certificateId, revokedOn, revokedBy, reason, category } = command.data;
  const registered = requireCertificate(state, certificateId);
  if (registered.revoked) {
    throw new DomainRuleViolation(
      'revoked-once',
      `Certificate ${registered.record.certificateNumber} was already revoked on ${registered.revoked.revokedOn}`,
      'certificateId',
      'conflict',
    );
  }
  if (reason.trim() === '') throw new DomainRuleViolation('revocation-states-reason', 'A revocation must state its reason', 'reason');
  if (revokedOn < registered.record.issuedOn) {
    throw new DomainRuleViolation('revoked-after-issue', `Certificate ${registered.record.certificateNumber} was issued on ${registered.record.issuedOn}`, 'revokedOn');
  }
  const { certificateNumber: number, traineeId, agencyId, runId } = registered.record;
  return [
    {
      type: 'CertificateRevoked.v1',
      data: { certificateId, certificateNumber: number, traineeId, agencyId, runId, revokedOn, revokedBy, reason: reason.trim(), category },
      metadata: command.metadata,
    },
  ];
}

function flag(command: FlagCertificateForReview, state: CertificateRegisterState): CertificateRegisterEvent[] {
  const { certificateId, reasons } = command.data;
  const registered = requireCertificate(state, certificateId);
  if (registered.revoked) return [];
  if (registered.flaggedReasons && registered.flaggedReasons.join('\n') === reasons.join('\n')) return [];
  const { traineeId, runId } = registered.record;
  return [{ type: 'CertificateFlaggedForReview.v1', data: { certificateId, traineeId, runId, reasons: [...reasons] }, metadata: command.metadata }];
}

function requireCertificate(state: CertificateRegisterState, certificateId: string): RegisteredCertificate {
  const registered = state.certificates.get(certificateId);
  if (!registered) {
    throw new DomainRuleViolation('certificate-must-exist', `No certificate ${certificateId} in this register`, 'certificateId', 'not-found');
  }
  return registered;
}
