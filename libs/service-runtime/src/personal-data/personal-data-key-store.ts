import type { DataKey } from './personal-data-envelope';

export const PERSONAL_DATA_KEY_STORE = 'training-ledger:personal-data-key-store';

/**
 * Where the per-subject data keys live, apart from the event log: destroying a key here is what
 * erases the subject's personal data from every copy of the log, backups and replicas included.
 */
export interface PersonalDataKeyStore {
  /**
   * Gives the subject a new key. A subject that already has one keeps it, and gets it back (a retried
   * or concurrent registration); a subject whose key was destroyed never gets another.
   * @throws PersonalDataKeyDestroyedError
   */
  create(subjectId: string): Promise<DataKey>;
  /**
   * `create` for many subjects at once: each keeps the key it has, or gets a new one. A subject whose
   * key was destroyed is left out of the answer (where `create` throws), and gets none.
   */
  createMany(subjectIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>>;
  /** The subject's key; null when it never had one or it was destroyed. */
  get(subjectId: string): Promise<DataKey | null>;
  /** The keys of those subjects that have one, by subject: a list of records opened at once. */
  getMany(subjectIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>>;
  /** Whether the subject's key was destroyed: their personal data is erased wherever it is kept. */
  destroyed(subjectId: string): Promise<boolean>;
  /**
   * Destroys the subject's key for good, and its search key with it in the same write, and remembers
   * that it did. Destroying twice is harmless.
   */
  destroy(subjectId: string): Promise<void>;
  /**
   * Keeps the folded name (`searchKey`) the subject is found by within a scope (an agency), beside
   * the key, so that the destruction of the key takes it too. Nothing is kept for a destroyed key.
   */
  setSearchKey(subjectId: string, scope: string, searchKey: string): Promise<void>;
  /** `setSearchKey` for many subjects; a subject named twice is left with the later search key. */
  setSearchKeys(searchKeys: readonly SubjectSearchKey[]): Promise<void>;
  /** Moves the subject's search key to another scope (a transfer), when it has one. */
  setSearchScope(subjectId: string, scope: string): Promise<void>;
  /** The subjects of a scope whose search key matches `q` as `searchFilter` matches it. */
  searchSubjects(scope: string, q: string): Promise<string[]>;
}

export interface SubjectSearchKey {
  readonly subjectId: string;
  readonly scope: string;
  readonly searchKey: string;
}

/** The subject's personal data was erased: no key may be made for it again. */
export class PersonalDataKeyDestroyedError extends Error {
  override readonly name = 'PersonalDataKeyDestroyedError';

  constructor(readonly subjectId: string) {
    super(`The personal data key of ${subjectId} was destroyed; no new key is made for an erased subject`);
  }
}
