import { Inject, Injectable } from '@nestjs/common';
import { searchKey } from '@training-ledger/platform';
import { openPersonalData, type PersonalDataEnvelope, sealPersonalData } from './personal-data-envelope';
import { PERSONAL_DATA_KEY_STORE, PersonalDataKeyDestroyedError, type PersonalDataKeyStore } from './personal-data-key-store';

/** Seals and opens a subject's personal data with that subject's own key, and forgets the key on erasure. */
@Injectable()
export class PersonalDataVault {
  constructor(@Inject(PERSONAL_DATA_KEY_STORE) private readonly keys: PersonalDataKeyStore) {}

  /** The data sealed for the log; null when the subject was erased and may hold no personal data again. */
  async seal(subjectId: string, data: unknown): Promise<PersonalDataEnvelope | null> {
    try {
      const key = (await this.keys.get(subjectId)) ?? (await this.keys.create(subjectId));
      return sealPersonalData(key, subjectId, data);
    } catch (error) {
      if (error instanceof PersonalDataKeyDestroyedError) return null;
      throw error;
    }
  }

  /**
   * Each subject's data sealed as `seal` seals it, in order (null for an erased subject), with the
   * keys read and made in one go: a list of registrations costs the key store a write, not a round trip each.
   */
  async sealMany(items: readonly { readonly subjectId: string; readonly data: unknown }[]): Promise<(PersonalDataEnvelope | null)[]> {
    if (items.length === 0) return [];
    const keys = await this.keys.createMany(items.map(({ subjectId }) => subjectId));
    return items.map(({ subjectId, data }) => {
      const key = keys.get(subjectId);
      return key ? sealPersonalData(key, subjectId, data) : null;
    });
  }

  /**
   * The data sealed as `seal` would seal it, with the key the subject already has: null when it has none
   * or it was destroyed. A check that must record nothing uses it, as it makes no key.
   */
  async sealWithExistingKey(subjectId: string, data: unknown): Promise<PersonalDataEnvelope | null> {
    const key = await this.keys.get(subjectId);
    return key ? sealPersonalData(key, subjectId, data) : null;
  }

  /** Makes the subject findable by `name` within `scope`, until its key is destroyed. */
  async index(subjectId: string, scope: string, name: string): Promise<void> {
    await this.keys.setSearchKey(subjectId, scope, searchKey(name));
  }

  /** `index` for many subjects; a subject named twice is found by the later name. */
  async indexMany(entries: readonly { readonly subjectId: string; readonly scope: string; readonly name: string }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.keys.setSearchKeys(entries.map(({ subjectId, scope, name }) => ({ subjectId, scope, searchKey: searchKey(name) })));
  }

  async rescope(subjectId: string, scope: string): Promise<void> {
    await this.keys.setSearchScope(subjectId, scope);
  }

  /** The subjects of `scope` whose indexed name matches `q`, diacritics and case ignored. */
  search(scope: string, q: string): Promise<string[]> {
    return this.keys.searchSubjects(scope, q);
  }

  /** The data in the envelope; null once the subject's key is destroyed. */
  async open(subjectId: string, envelope: PersonalDataEnvelope): Promise<unknown> {
    const key = await this.keys.get(subjectId);
    return key ? openPersonalData(key, subjectId, envelope) : null;
  }

  /** Each envelope opened with its subject's key, in order; null for a subject whose key is destroyed. */
  async openMany(sealed: readonly { readonly subjectId: string; readonly envelope: PersonalDataEnvelope }[]): Promise<unknown[]> {
    const keys = await this.keys.getMany(sealed.map(({ subjectId }) => subjectId));
    return sealed.map(({ subjectId, envelope }) => {
      const key = keys.get(subjectId);
      return key ? openPersonalData(key, subjectId, envelope) : null;
    });
  }

  /** Whether the subject's personal data was erased here. */
  forgotten(subjectId: string): Promise<boolean> {
    return this.keys.destroyed(subjectId);
  }

  async forget(subjectId: string): Promise<void> {
    await this.keys.destroy(subjectId);
  }
}
