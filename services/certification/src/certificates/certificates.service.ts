import { Inject, Injectable } from '@nestjs/common';
import type { RevocationCategory } from '@training-ledger/contracts';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, handleEachCommand, loadStreamState, StreamStateCache, type EventStore } from '@training-ledger/event-store';
import { type BulkAnswer, bulkAnswer, vietnameseDate } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { type CourseTitleDocument, courseTitlesProjection } from '../completion/course-titles.projection';
import { CompletionService } from '../completion/completion.service';
import { eligibilityOf, type RunCompletionState } from '../completion/run-completion.decider';
import {
  certificateRegisterDecider,
  type CertificateRegisterEvent,
  type CertificateRegisterState,
  certificateRegisterStreamName,
  type IssueBasis,
  type IssueCertificate,
  type RegisteredCertificate,
  type ReissueCertificate,
  type RevokeCertificate,
} from './certificate-register.decider';
import { type CertificateDocument, certificatesProjection } from './certificates.projection';
import { HolderNames } from './holder-names';

export interface Holder {
  readonly traineeId: string;
  readonly holderName: string;
}

/** What an issued certificate is known by: its id, its number in the year's register and its verification code. */
export interface IssuedCertificate {
  readonly certificateId: string;
  readonly certificateNumber: string;
  readonly verificationCode: string;
}

/** One certificate issued on its own (one trainee, or a reissue): the trainee and what names it. */
export type IssuedItem = { readonly traineeId: string; readonly result: 'accepted' } & IssuedCertificate;

/** A trainee as the completion rule judged them, with whether a valid certificate is already held. */
export interface EligibilityEntry {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  readonly attendanceShare: string;
  readonly assessmentPassed: boolean | null;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
  readonly certified: boolean;
}

/** A result per trainee; an accepted one names the certificate issued. */
export type IssueResult = BulkAnswer<{ readonly traineeId: string }, IssuedCertificate> & { readonly runId: string };

const MAX_ATTEMPTS = 8;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';


/** Ten Crockford base-32 characters (50 bits): unguessable, and unambiguous when read aloud or typed from paper. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (byte) => CROCKFORD[byte % 32]).join('');
}

/** A certificate's id names its register's year, so that it is found without a read model that may lag. */
export const newCertificateId = (year: number): string => `${year}-${randomUUID()}`;
export const yearOfCertificateId = (certificateId: string): number | null => {
  const match = /^(\d{4})-[0-9a-f-]{36}$/.exec(certificateId);
  return match ? Number(match[1]) : null;
};

@Injectable()
export class CertificatesService {
  private readonly registers = new StreamStateCache<CertificateRegisterState>({ maxStreams: 20 });

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly completion: CompletionService,
    private readonly projector: Projector,
    private readonly holderNames: HolderNames,
  ) {}

  /** Issues certificates for the given trainees of a run, each on its own merits; those accepted are numbered together. */
  async issue(runId: string, holders: readonly Holder[], issuedOn: string, metadata: MessageMetadata): Promise<IssueResult> {
    const year = Number(issuedOn.slice(0, 4));
    const state = await this.completion.stateOf(runId);
    if (state.runId === null) {
      throw new DomainRuleViolation('run-must-exist', `Run ${runId} is not known to certification`, 'runId', 'not-found');
    }
    const titles = await this.titlesOf(state);
    const heldElsewhere = await this.validCertificatesInOtherYears(runId, year);
    const printed = await this.printedNames(holders);
    const commands: IssueCertificate[] = holders.map((holder, index) =>
      issueCertificateCommand(printed[index] as PrintedName, issuedOn, basisOf(state, holder.traineeId, titles), heldElsewhere.get(holder.traineeId) ?? null, metadata),
    );
    const decided = await handleEachCommand(this.eventStore, certificateRegisterDecider, {
      streamName: certificateRegisterStreamName(year),
      commandId: randomUUID(),
      metadata,
      stateCache: this.registers,
      maxAttempts: MAX_ATTEMPTS,
      commands: () => commands,
    });
    const answer = bulkAnswer(holders, decided.outcomes, {
      subject: ({ traineeId }) => ({ traineeId }),
      accepted: issuedCertificate,
    });
    return { runId, ...answer };
  }

  /** Every assessed trainee of the run, eligible or not and why, and whether they hold a valid certificate: the preview before issuing. */
  async eligibility(runId: string): Promise<EligibilityEntry[]> {
    const state = await this.completion.stateOf(runId);
    const certificates = await this.projector.model<CertificateDocument>(certificatesProjection);
    const certified = new Set(
      (await certificates.find({ runId, status: 'valid' }, { traineeId: 1 }).lean<{ traineeId: string }[]>()).map((document) => document.traineeId),
    );
    return [...state.assessed.values()]
      .map(({ traineeId, agencyId, sessionsHeld, sessionsAttended, attendanceShare, assessmentPassed, eligible, reasons }) => ({
        traineeId,
        agencyId,
        sessionsHeld,
        sessionsAttended,
        attendanceShare,
        assessmentPassed,
        eligible,
        reasons,
        certified: certified.has(traineeId),
      }))
      .sort((a, b) => (a.traineeId < b.traineeId ? -1 : a.traineeId > b.traineeId ? 1 : 0));
  }

  /** Eligible trainees of the run without a valid certificate: the certifier's worklist. */
  async worklist(runId: string): Promise<{ traineeId: string; agencyId: string; attendanceShare: string; assessmentPassed: boolean | null }[]> {
    return (await this.eligibility(runId))
      .filter((entry) => entry.eligible && !entry.certified)
      .map(({ traineeId, agencyId, attendanceShare, assessmentPassed }) => ({ traineeId, agencyId, attendanceShare, assessmentPassed }));
  }

  async revoke(
    certificateId: string,
    { reason, category }: { reason: string; category: RevocationCategory },
    revokedOn: string,
    metadata: MessageMetadata,
  ): Promise<CertificateRegisterEvent[]> {
    const year = requireYear(certificateId);
    const result = await handleCommand(this.eventStore, certificateRegisterDecider, {
      streamName: certificateRegisterStreamName(year),
      commandId: randomUUID(),
      stateCache: this.registers,
      maxAttempts: MAX_ATTEMPTS,
      command: revokeCertificateCommand(certificateId, { reason, category }, revokedOn, metadata),
    });
    return result.events.map((event) => ({ type: event.type, data: event.data, metadata })) as CertificateRegisterEvent[];
  }

  /** A new certificate for a revoked one, numbered in this year's register. */
  async reissue(certificateId: string, holderName: string | undefined, issuedOn: string, metadata: MessageMetadata): Promise<IssuedItem> {
    const replaced = await this.registered(certificateId);
    const state = await this.completion.stateOf(replaced.record.runId);
    const titles = await this.titlesOf(state);
    const { traineeId } = replaced.record;
    const current = await this.holderNames.of(replaced.record);
    const printed = await this.printedName(traineeId, holderName ?? (current.kind === 'printed' ? current.name : ''));
    const command = reissueCertificateCommand(replaced, printed, issuedOn, basisOf(state, traineeId, titles), metadata);
    const { year, certificateId: newId, verificationCode } = command.data;
    const result = await handleCommand(this.eventStore, certificateRegisterDecider, {
      streamName: certificateRegisterStreamName(year),
      commandId: randomUUID(),
      stateCache: this.registers,
      maxAttempts: MAX_ATTEMPTS,
      command,
    });
    const issued = result.events[0]?.data as { certificateNumber: string } | undefined;
    return { traineeId: replaced.record.traineeId, result: 'accepted', certificateId: newId, certificateNumber: issued?.certificateNumber ?? '', verificationCode };
  }

  /** Raises a review flag on the valid certificate of a trainee who no longer meets the rule, if there is one. */
  /**
   * Flags for review the valid certificates of the run held by trainees who, as of now, no longer
   * meet its completion rule. One read of the register's view for all of them: a batch of marks
   * reassesses hundreds of trainees, almost none of whom hold a certificate yet.
   */
  async flagIfCertified(runId: string, assessed: readonly { traineeId: string; reasons: readonly string[] }[], metadata: MessageMetadata): Promise<void> {
    const { assessed: current } = await this.completion.stateOf(runId);
    const reasonsOf = new Map(assessed.filter(({ traineeId }) => current.get(traineeId)?.eligible === false).map(({ traineeId, reasons }) => [traineeId, reasons]));
    if (reasonsOf.size === 0) return;
    const certificates = await this.projector.model<CertificateDocument>(certificatesProjection);
    const held = await certificates
      .find({ runId, traineeId: { $in: [...reasonsOf.keys()] }, status: 'valid' }, { _id: 1, traineeId: 1 })
      .lean<{ _id: string; traineeId: string }[]>();
    for (const { _id: certificateId, traineeId } of held) {
      await handleCommand(this.eventStore, certificateRegisterDecider, {
        streamName: certificateRegisterStreamName(requireYear(certificateId)),
        commandId: randomUUID(),
        stateCache: this.registers,
        maxAttempts: MAX_ATTEMPTS,
        command: { type: 'FlagCertificateForReview', data: { certificateId, reasons: reasonsOf.get(traineeId) ?? [] }, metadata },
      });
    }
  }

  /** The certificate as its register holds it now (never older than the last change), 404 when unknown. */
  async registered(certificateId: string) {
    const year = requireYear(certificateId);
    const { state } = await loadStreamState(this.eventStore, certificateRegisterDecider, certificateRegisterStreamName(year), this.registers);
    const registered = state.certificates.get(certificateId);
    if (!registered) throw new DomainRuleViolation('certificate-must-exist', `No certificate ${certificateId}`, 'certificateId', 'not-found');
    return registered;
  }

  /**
   * A certificate found by its number or verification code in the registers themselves, for the
   * moment after issue when the read model has not caught up: the number names its year; a code is
   * looked for in the registers of this year and the last.
   */
  async findInRegisters(lookup: { certificateNumber: string } | { verificationCode: string }, today: Date): Promise<string | null> {
    const thisYear = Number(vietnameseDate(today).slice(0, 4));
    const years = 'certificateNumber' in lookup ? [Number(lookup.certificateNumber.slice(0, 4))] : [thisYear, thisYear - 1];
    for (const year of years) {
      const { state } = await loadStreamState(this.eventStore, certificateRegisterDecider, certificateRegisterStreamName(year), this.registers);
      for (const { record } of state.certificates.values()) {
        if ('certificateNumber' in lookup ? record.certificateNumber === lookup.certificateNumber : record.verificationCode === lookup.verificationCode) {
          return record.certificateId;
        }
      }
    }
    return null;
  }

  /** The revoked positions of a year's status list. */
  async revokedIndexes(year: number): Promise<number[]> {
    const { state } = await loadStreamState(this.eventStore, certificateRegisterDecider, certificateRegisterStreamName(year), this.registers);
    return [...state.certificates.values()].filter((entry) => entry.revoked !== null).map((entry) => entry.record.statusListIndex);
  }

  /** The name as typed, and sealed under the trainee's key unless they were erased. */
  private async printedName(traineeId: string, holderName: string): Promise<PrintedName> {
    const trimmed = holderName.trim();
    return { holderName, sealedHolderName: trimmed === '' ? null : await this.holderNames.seal(traineeId, trimmed) };
  }

  /** `printedName` of each holder, in order, their keys read and made together. */
  private async printedNames(holders: readonly Holder[]): Promise<PrintedName[]> {
    const named = holders.filter((holder) => holder.holderName.trim() !== '');
    const sealed = await this.holderNames.sealMany(named.map((holder) => ({ traineeId: holder.traineeId, printedName: holder.holderName.trim() })));
    const sealedOf = new Map(named.map((holder, index) => [holder, sealed[index] ?? null]));
    return holders.map((holder) => ({ holderName: holder.holderName, sealedHolderName: sealedOf.get(holder) ?? null }));
  }

  private async titlesOf(state: RunCompletionState): Promise<CourseTitleDocument | null> {
    if (!state.run) return null;
    const titles = await this.projector.model<CourseTitleDocument>(courseTitlesProjection);
    return titles.findById(state.run.courseId).lean<CourseTitleDocument>();
  }

  private async validCertificatesInOtherYears(runId: string, year: number): Promise<Map<string, string>> {
    const certificates = await this.projector.model<CertificateDocument>(certificatesProjection);
    const held = await certificates
      .find({ runId, status: 'valid', year: { $ne: year } }, { traineeId: 1, certificateNumber: 1 })
      .lean<{ traineeId: string; certificateNumber: string }[]>();
    return new Map(held.map((document) => [document.traineeId, document.certificateNumber]));
  }
}

/** The holder's name as the certifier typed it, and as the log keeps it. */
export type PrintedName = Pick<IssueCertificate['data'], 'holderName' | 'sealedHolderName'>;

/** A certificate for the holder, numbered in the register of the year it is issued in, with a new id and verification code. */
export function issueCertificateCommand(
  { holderName, sealedHolderName }: PrintedName,
  issuedOn: string,
  basis: IssueBasis | null,
  heldInAnotherYear: string | null,
  metadata: MessageMetadata,
): IssueCertificate {
  const year = Number(issuedOn.slice(0, 4));
  return {
    type: 'IssueCertificate',
    data: {
      year,
      certificateId: newCertificateId(year),
      verificationCode: newVerificationCode(),
      issuedOn,
      issuedBy: metadata.actor.id,
      holderName,
      sealedHolderName,
      basis,
      heldInAnotherYear,
    },
    metadata,
  };
}

/** The replacement of a certificate, under the corrected name or else the replaced one's. */
export function reissueCertificateCommand(
  replaced: RegisteredCertificate,
  printed: PrintedName,
  issuedOn: string,
  basis: IssueBasis | null,
  metadata: MessageMetadata,
): ReissueCertificate {
  const { data } = issueCertificateCommand(printed, issuedOn, basis, null, metadata);
  const { certificateId, certificateNumber } = replaced.record;
  return { type: 'ReissueCertificate', data: { ...data, replaces: { certificateId, certificateNumber, revoked: replaced.revoked !== null } }, metadata };
}

export const revokeCertificateCommand = (
  certificateId: string,
  { reason, category }: { reason: string; category: RevocationCategory },
  revokedOn: string,
  metadata: MessageMetadata,
): RevokeCertificate => ({
  type: 'RevokeCertificate',
  data: { certificateId, revokedOn, revokedBy: metadata.actor.id, reason, category },
  metadata,
});

export function basisOf(state: RunCompletionState, traineeId: string, titles: CourseTitleDocument | null): IssueBasis | null {
  const eligibility = eligibilityOf(state, traineeId);
  if (!eligibility || !state.runId) return null;
  const { assessment, trainee, run } = eligibility;
  return {
    runId: state.runId,
    traineeId,
    agencyId: trainee.agencyId,
    targetGroup: trainee.targetGroup,
    rank: trainee.rank,
    leadership: trainee.leadership,
    courseId: run.courseId,
    courseCode: run.courseCode,
    courseTitleVi: titles?.titleVi ?? run.courseCode,
    courseTitleEn: titles?.titleEn ?? run.courseCode,
    level: run.level,
    trainingGroup: run.trainingGroup,
    format: run.format,
    runStartDate: run.startDate,
    runEndDate: run.endDate,
    eligible: assessment.eligible,
    reasons: assessment.reasons,
    attendanceShare: assessment.attendanceShare,
    assessmentPassed: assessment.assessmentPassed,
    ruleVersion: assessment.ruleVersion,
  };
}

function issuedCertificate(events: readonly CertificateRegisterEvent[]): IssuedCertificate {
  const { certificateId, certificateNumber, verificationCode } = events[0]?.data as IssuedCertificate;
  return { certificateId, certificateNumber, verificationCode };
}

function requireYear(certificateId: string): number {
  const year = yearOfCertificateId(certificateId);
  if (year === null) {
    throw new DomainRuleViolation('certificate-id-format', `${certificateId} is not a certificate id (YYYY-uuid)`, 'certificateId', 'not-found');
  }
  return year;
}
