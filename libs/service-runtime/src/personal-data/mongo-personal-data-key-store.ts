import { searchKey as folded } from '@training-ledger/platform';
import { duplicateKeyIndexes, inParallel, readByIdsInChunks } from '@training-ledger/read-models';
import type { Connection, mongo } from 'mongoose';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { masterKeyId } from './master-key';
import { DATA_KEY_BYTES, type DataKey } from './personal-data-envelope';
import { PersonalDataKeyDestroyedError, type PersonalDataKeyStore, type SubjectSearchKey } from './personal-data-key-store';

/** A live key carries its wrapped secret; a destroyed one keeps only its id and when it was destroyed. */
interface KeyDocument {
  _id: string;
  keyId: string;
  /** base64: the data key under AES-256-GCM with the master key. */
  wrappedKey?: string;
  iv?: string;
  tag?: string;
  masterKeyId?: string;
  createdAt?: Date;
  destroyedAt?: Date;
  /**
   * A blind index of the name the subject is found by: a keyed hash of every prefix of every folded
   * word, never the name itself, so that a copy of the database shows no name. Gone with the key,
   * as is the scope (agency) the subject is found in. `searchKey` is what an earlier version kept.
   */
  searchTokens?: string[];
  searchKey?: string;
  searchScope?: string;
}

/**
 * The blind index of a subject's name and the scope it is found in, beside its key document rather
 * than in it (where earlier versions kept `searchTokens` and `searchScope`, which are copied here once
 * and no longer read). FerretDB 1.x updates a document by reading it and writing it back whole, so
 * any update of a key document racing its destruction could write the key back: a key document is
 * only ever inserted, then destroyed.
 */
interface SearchEntryDocument {
  _id: string;
  searchTokens?: string[];
  searchScope?: string;
}

const DUPLICATE_KEY = 11000;
/** 5,000 new keys are made in five inserts; keys are read as read-model documents are (`readByIdsInChunks`). */
const KEYS_INSERTED_AT_ONCE = 1_000;
/** FerretDB 1.24 hangs on a command holding about a hundred updates: many subjects' documents are updated one command each, a few side by side. */
const ONE_BY_ONE_SIDE_BY_SIDE = 8;
const WRAP_CIPHER = 'aes-256-gcm';
/** Prefixes longer than this are not indexed: a search word is matched by its first 24 letters. */
const MAX_INDEXED_PREFIX = 24;
/** Marks a database whose search keys were copied out of the key documents of an earlier version. */
const SEARCH_KEYS_COPIED_FROM_KEY_DOCUMENTS = 'copied-from:personal_data_keys';

/** A stored key that the configured master key cannot open: a configuration fault, never a reason to make a new key. */
export class PersonalDataKeyUnwrapError extends Error {
  override readonly name = 'PersonalDataKeyUnwrapError';
}

/**
 * Data keys in the service's MongoDB (`personal_data_keys`, one document per subject), each wrapped
 * with the master key so that a copy of the database alone reads nothing. Works on FerretDB 1.x:
 * the unique `_id` settles concurrent creations, no transaction is needed.
 */
export class MongoPersonalDataKeyStore implements PersonalDataKeyStore {
  static readonly COLLECTION = 'personal_data_keys';
  static readonly SEARCH_COLLECTION = 'personal_data_search_keys';

  private readonly masterKeyId: string;
  private readonly searchIndexKey: Buffer;

  constructor(
    private readonly connection: Connection,
    private readonly masterKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.masterKeyId = masterKeyId(masterKey);
    this.searchIndexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'personal-data-search-index', 32));
  }

  async create(subjectId: string): Promise<DataKey> {
    const key: DataKey = { keyId: randomUUID(), secret: randomBytes(DATA_KEY_BYTES) };
    try {
      await this.keys().insertOne({ _id: subjectId, ...this.wrap(subjectId, key), createdAt: this.clock() });
      return key;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    const existing = await this.keys().findOne({ _id: subjectId });
    if (!existing) throw new Error(`The personal data key of ${subjectId} vanished while it was being created`);
    return this.unwrap(existing);
  }

  /**
   * Inserts a new key for every subject in one unordered command, the whole collection unread; the
   * subjects the unique `_id` turns away already had a key (or a destroyed one), and are given what
   * is stored, read back together: a key once made is never replaced.
   */
  async createMany(subjectIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    const taken: string[] = [];
    const ids = [...new Set(subjectIds)];
    for (let start = 0; start < ids.length; start += KEYS_INSERTED_AT_ONCE) {
      const chunk = ids.slice(start, start + KEYS_INSERTED_AT_ONCE);
      const created = chunk.map((): DataKey => ({ keyId: randomUUID(), secret: randomBytes(DATA_KEY_BYTES) }));
      const createdAt = this.clock();
      const refused = await insertAllNew(this.keys(), chunk.map((subjectId, index) => ({ _id: subjectId, ...this.wrap(subjectId, created[index] as DataKey), createdAt })));
      chunk.forEach((subjectId, index) => (refused.has(index) ? taken.push(subjectId) : keys.set(subjectId, created[index] as DataKey)));
    }
    const stored = await this.storedKeys(taken);
    taken.forEach((subjectId) => {
      const document = stored.get(subjectId);
      if (!document) throw new Error(`The personal data key of ${subjectId} vanished while it was being created`);
      if (!document.destroyedAt) keys.set(subjectId, this.unwrap(document));
    });
    return keys;
  }

  async get(subjectId: string): Promise<DataKey | null> {
    const document = await this.keys().findOne({ _id: subjectId });
    if (!document || document.destroyedAt) return null;
    return this.unwrap(document);
  }

  async getMany(subjectIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    for (const document of (await this.storedKeys(subjectIds)).values()) {
      if (!document.destroyedAt) keys.set(document._id, this.unwrap(document));
    }
    return keys;
  }

  private async storedKeys(subjectIds: readonly string[]): Promise<Map<string, KeyDocument>> {
    const documents = await keyDocuments(this.keys(), subjectIds);
    return new Map(documents.map((document) => [document._id, document]));
  }

  async destroyed(subjectId: string): Promise<boolean> {
    return (await this.keys().countDocuments({ _id: subjectId, destroyedAt: { $exists: true } }, { limit: 1 })) > 0;
  }

  /**
   * The search entry goes before the key and again after it: one written meanwhile is deleted by the
   * second, and a process dying after the key leaves an entry only if one was written meanwhile.
   */
  async destroy(subjectId: string): Promise<void> {
    await this.searchEntries().deleteOne({ _id: subjectId });
    await this.keys().updateOne(
      { _id: subjectId },
      {
        $unset: { wrappedKey: '', iv: '', tag: '', masterKeyId: '', createdAt: '', searchTokens: '', searchKey: '', searchScope: '' },
        // $min keeps the first destruction's time when a retried erasure destroys again.
        $min: { destroyedAt: this.clock() },
        $setOnInsert: { keyId: 'never-created' },
      },
      { upsert: true },
    );
    await this.searchEntries().deleteOne({ _id: subjectId });
  }

  async setSearchKey(subjectId: string, scope: string, searchKey: string): Promise<void> {
    await this.setSearchKeys([{ subjectId, scope, searchKey }]);
  }

  /**
   * New entries in one unordered insert per thousand, the others updated one by one, a few side by
   * side; a subject named more than once keeps its later search key.
   */
  async setSearchKeys(searchKeys: readonly SubjectSearchKey[]): Promise<void> {
    const latest = new Map<string, SearchEntryDocument>();
    for (const { subjectId, scope, searchKey } of searchKeys) {
      latest.set(subjectId, { _id: subjectId, searchScope: scope, searchTokens: this.tokensOf(searchKey) });
    }
    const entries = [...latest.values()];
    const existing: SearchEntryDocument[] = [];
    for (let start = 0; start < entries.length; start += KEYS_INSERTED_AT_ONCE) {
      const chunk = entries.slice(start, start + KEYS_INSERTED_AT_ONCE);
      const refused = await insertAllNew(this.searchEntries(), chunk);
      chunk.forEach((entry, index) => refused.has(index) && existing.push(entry));
    }
    await inParallel(existing, ({ _id, ...fields }) => this.searchEntries().updateOne({ _id }, { $set: fields }), ONE_BY_ONE_SIDE_BY_SIDE);
    await forgetSearchEntriesWithoutLiveKey(this.keys(), this.searchEntries(), entries.map(({ _id }) => _id));
  }

  async setSearchScope(subjectId: string, scope: string): Promise<void> {
    await this.searchEntries().updateOne({ _id: subjectId }, { $set: { searchScope: scope } });
  }

  /** Every word of `q` must begin a word of the name: its keyed hash is among the name's prefix hashes. */
  async searchSubjects(scope: string, q: string): Promise<string[]> {
    const tokens = this.wordsOf(q).map((word) => this.token(word.slice(0, MAX_INDEXED_PREFIX)));
    const documents = await this.searchEntries()
      .find({ searchScope: scope, ...(tokens.length > 0 ? { $and: tokens.map((token) => ({ searchTokens: token })) } : {}) }, { projection: { _id: 1 } })
      .toArray();
    return documents.map((document) => document._id);
  }

  /** Once per database, while the service starts: the search keys an earlier version kept in the key documents. */
  async copySearchKeysFromKeyDocuments(): Promise<void> {
    await copySearchKeysFromKeyDocuments(this.database());
  }

  private wordsOf(text: string): string[] {
    return folded(text).split(' ').filter((word) => word.length > 0);
  }

  private tokensOf(searchKey: string): string[] {
    return [...new Set(this.wordsOf(searchKey).flatMap((word) => prefixesOf(word).map((prefix) => this.token(prefix))))];
  }

  private token(prefix: string): string {
    return createHmac('sha256', this.searchIndexKey).update(prefix, 'utf8').digest('base64url').slice(0, 16);
  }

  private keys(): mongo.Collection<KeyDocument> {
    return this.collection<KeyDocument>(MongoPersonalDataKeyStore.COLLECTION);
  }

  private searchEntries(): mongo.Collection<SearchEntryDocument> {
    return this.collection<SearchEntryDocument>(MongoPersonalDataKeyStore.SEARCH_COLLECTION);
  }

  private collection<TDocument extends { _id: string }>(name: string): mongo.Collection<TDocument> {
    return this.database().collection<TDocument>(name);
  }

  private database(): mongo.Db {
    const db = this.connection.db;
    if (!db) throw new Error('The MongoDB connection of the personal data key store is not open');
    return db;
  }

  private wrap(subjectId: string, key: DataKey): Required<Pick<KeyDocument, 'keyId' | 'wrappedKey' | 'iv' | 'tag' | 'masterKeyId'>> {
    const iv = randomBytes(12);
    const cipher = createCipheriv(WRAP_CIPHER, this.masterKey, iv);
    cipher.setAAD(wrapAssociatedData(subjectId, key.keyId));
    const wrapped = Buffer.concat([cipher.update(key.secret), cipher.final()]);
    return {
      keyId: key.keyId,
      wrappedKey: wrapped.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      masterKeyId: this.masterKeyId,
    };
  }

  private unwrap(document: KeyDocument): DataKey {
    if (document.destroyedAt) throw new PersonalDataKeyDestroyedError(document._id);
    const { wrappedKey, iv, tag } = document;
    if (!wrappedKey || !iv || !tag) throw new PersonalDataKeyUnwrapError(`The personal data key of ${document._id} is incomplete`);
    if (document.masterKeyId !== this.masterKeyId) {
      throw new PersonalDataKeyUnwrapError(
        `The personal data key of ${document._id} is wrapped with master key ${document.masterKeyId ?? '(unnamed)'}, ` +
          `but PERSONAL_DATA_MASTER_KEY is ${this.masterKeyId}`,
      );
    }
    const decipher = createDecipheriv(WRAP_CIPHER, this.masterKey, Buffer.from(iv, 'base64'));
    decipher.setAAD(wrapAssociatedData(document._id, document.keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      const secret = Buffer.concat([decipher.update(Buffer.from(wrappedKey, 'base64')), decipher.final()]);
      return { keyId: document.keyId, secret };
    } catch {
      throw new PersonalDataKeyUnwrapError(`The personal data key of ${document._id} does not authenticate under the master key`);
    }
  }
}

/**
 * Copies the search keys of the key documents of an earlier version, unless done before: an entry
 * already there is newer and stays. Also what a restore of such a backup runs.
 */
export async function copySearchKeysFromKeyDocuments(db: mongo.Db): Promise<void> {
  const keys = db.collection<KeyDocument>(MongoPersonalDataKeyStore.COLLECTION);
  const searchEntries = db.collection<SearchEntryDocument>(MongoPersonalDataKeyStore.SEARCH_COLLECTION);
  if ((await searchEntries.countDocuments({ _id: SEARCH_KEYS_COPIED_FROM_KEY_DOCUMENTS }, { limit: 1 })) > 0) return;
  const kept = await keys
    .find({ searchTokens: { $exists: true }, destroyedAt: { $exists: false } }, { projection: { searchTokens: 1, searchScope: 1 } })
    .toArray();
  for (let start = 0; start < kept.length; start += KEYS_INSERTED_AT_ONCE) {
    await insertAllNew(searchEntries, kept.slice(start, start + KEYS_INSERTED_AT_ONCE).map(({ _id, searchTokens, searchScope }) => ({ _id, searchTokens, searchScope })));
  }
  await forgetSearchEntriesWithoutLiveKey(keys, searchEntries, kept.map(({ _id }) => _id));
  await insertAllNew(searchEntries, [{ _id: SEARCH_KEYS_COPIED_FROM_KEY_DOCUMENTS }]);
}

/**
 * Written first, checked after: an erasure that came before the check is seen by it, and one that
 * comes after it deletes the entry itself, so no erased subject stays findable.
 */
async function forgetSearchEntriesWithoutLiveKey(
  keys: mongo.Collection<KeyDocument>,
  searchEntries: mongo.Collection<SearchEntryDocument>,
  subjectIds: readonly string[],
): Promise<void> {
  const live = new Set(
    (await keyDocuments(keys, subjectIds))
      .filter((document) => !document.destroyedAt)
      .map((document) => document._id),
  );
  const withoutLiveKey = subjectIds.filter((subjectId) => !live.has(subjectId));
  if (withoutLiveKey.length > 0) await searchEntries.deleteMany({ _id: { $in: withoutLiveKey } });
}

/** The key documents of those subjects that have one, read as read-model documents are. */
async function keyDocuments(keys: mongo.Collection<KeyDocument>, subjectIds: readonly string[]): Promise<KeyDocument[]> {
  return (await readByIdsInChunks(keys as unknown as Parameters<typeof readByIdsInChunks>[0], subjectIds)) as unknown as KeyDocument[];
}

/** The indexes of the documents whose `_id` was taken; rethrows any other failure. */
async function insertAllNew<TDocument extends { _id: string }>(collection: mongo.Collection<TDocument>, documents: TDocument[]): Promise<Set<number>> {
  try {
    await collection.insertMany(documents as mongo.OptionalUnlessRequiredId<TDocument>[], { ordered: false });
    return new Set();
  } catch (error) {
    return duplicateKeyIndexes(error);
  }
}

/** Binds a wrapped key to its subject: moved to another subject's document, it no longer opens. */
function wrapAssociatedData(subjectId: string, keyId: string): Buffer {
  return Buffer.from(`personal-data-key\u0000${subjectId}\u0000${keyId}`, 'utf8');
}

function prefixesOf(word: string): string[] {
  const letters = [...word].slice(0, MAX_INDEXED_PREFIX);
  return letters.map((_letter, index) => letters.slice(0, index + 1).join(''));
}
