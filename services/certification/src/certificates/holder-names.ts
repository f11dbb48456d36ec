import { Injectable } from '@nestjs/common';
import { type PersonalDataEnvelope, PersonalDataVault } from '@training-ledger/service-runtime';

/** The holder's name as a certificate prints it now: gone for good once the trainee's personal data is erased. */
export type HolderName = { readonly kind: 'printed'; readonly name: string } | { readonly kind: 'erased' };

/** How a certificate shows a name that was erased: on a newly rendered PDF and in answers that print text. */
export const ERASED_HOLDER_NAME = 'Họ tên đã được xóa theo yêu cầu xóa dữ liệu cá nhân — name erased on request';

/** What a certificate's record keeps of its holder's name: sealed, or plain on certificates recorded before names were sealed. */
export interface RecordedHolderName {
  readonly traineeId: string;
  readonly sealedHolderName?: PersonalDataEnvelope;
  readonly holderName?: string;
}

/**
 * The holders' printed names, sealed under each trainee's own key (the crypto-shredding enrolment
 * uses): when enrolment erases a trainee, destroying the key here erases the name from
 * certification's log, its read model and every backup of either.
 */
@Injectable()
export class HolderNames {
  constructor(private readonly vault: PersonalDataVault) {}

  /** The name sealed for the log; null when the trainee's personal data was erased. */
  seal(traineeId: string, printedName: string): Promise<PersonalDataEnvelope | null> {
    return this.vault.seal(traineeId, printedName);
  }

  /** `seal` for many holders, in order, their keys read and made in one go. */
  sealMany(names: readonly { readonly traineeId: string; readonly printedName: string }[]): Promise<(PersonalDataEnvelope | null)[]> {
    return this.vault.sealMany(names.map(({ traineeId, printedName }) => ({ subjectId: traineeId, data: printedName })));
  }

  async of(record: RecordedHolderName): Promise<HolderName> {
    if (record.sealedHolderName) {
      const name = await this.vault.open(record.traineeId, record.sealedHolderName);
      return typeof name === 'string' ? { kind: 'printed', name } : { kind: 'erased' };
    }
    if (record.holderName === undefined || (await this.vault.forgotten(record.traineeId))) return { kind: 'erased' };
    return { kind: 'printed', name: record.holderName };
  }

  /** The names of many records at once, in their order: the keys are read in a few queries, not one per record. */
  async ofMany(records: readonly RecordedHolderName[]): Promise<HolderName[]> {
    const sealed = records.flatMap((record) => (record.sealedHolderName ? [{ subjectId: record.traineeId, envelope: record.sealedHolderName }] : []));
    const opened = await this.vault.openMany(sealed);
    let next = 0;
    const names: HolderName[] = [];
    for (const record of records) {
      if (record.sealedHolderName) {
        const name = opened[next++];
        names.push(typeof name === 'string' ? { kind: 'printed', name } : { kind: 'erased' });
      } else {
        names.push(await this.of(record));
      }
    }
    return names;
  }

  forget(traineeId: string): Promise<void> {
    return this.vault.forget(traineeId);
  }
}

export const printedOrErased = (holder: HolderName): string => (holder.kind === 'printed' ? holder.name : ERASED_HOLDER_NAME);
