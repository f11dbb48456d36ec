import mongoose from 'mongoose';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySearchKeysFromKeyDocuments, MongoPersonalDataKeyStore } from '../personal-data/mongo-personal-data-key-store';

/**
 * Backs up or restores the personal-data keys, the one thing in MongoDB that cannot be rebuilt from
 * the logs: without them every name sealed in the logs reads as erased. They are stored wrapped with
 * the master key, so the backup is no more readable than the database.
 *
 *   MONGO_URL=… npm run personal-data-keys -- export|import <dir> [--database-prefix <prefix>]
 *
 * The databases are <prefix>_<service> (training_ledger_enrolment, training_ledger_certification).
 * The search keys (blind indexes of names) go with them. Import refuses a database that already
 * holds keys; restart the service after an import.
 */
const SERVICES_WITH_KEYS = ['enrolment', 'certification'] as const;

async function main(args: readonly string[]): Promise<void> {
  const [command, dir] = args;
  const prefixAt = args.indexOf('--database-prefix');
  const prefix = prefixAt >= 0 ? args[prefixAt + 1] : 'training_ledger';
  if ((command !== 'export' && command !== 'import') || !dir || !prefix) throw new Error('usage: personal-data-keys export|import <dir> [--database-prefix <prefix>]');
  const mongoUrl = process.env.MONGO_URL;
  if (!mongoUrl) throw new Error('Set MONGO_URL');
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const { EJSON } = mongoose.mongo.BSON;
  try {
    for (const service of SERVICES_WITH_KEYS) {
      const db = connection.useDb(`${prefix}_${service}`).db;
      if (!db) throw new Error(`${prefix}_${service} is not open`);
      const keys = db.collection(MongoPersonalDataKeyStore.COLLECTION);
      const searchKeys = db.collection(MongoPersonalDataKeyStore.SEARCH_COLLECTION);
      const file = join(dir, `${service}.personal-data-keys.json`);
      const searchFile = join(dir, `${service}.personal-data-search-keys.json`);
      if (command === 'export') {
        const documents = await keys.find({}).sort({ _id: 1 }).toArray();
        writeFileSync(file, EJSON.stringify(documents, { relaxed: false }), { mode: 0o600 });
        const entries = await searchKeys.find({}).sort({ _id: 1 }).toArray();
        writeFileSync(searchFile, EJSON.stringify(entries, { relaxed: false }), { mode: 0o600 });
        console.log(`${service}: ${documents.length} personal-data keys → ${file}, ${entries.length} search keys → ${searchFile}`);
      } else {
        if ((await keys.countDocuments({})) > 0) throw new Error(`${prefix}_${service} already holds personal-data keys: import only into an empty one`);
        const documents = EJSON.parse(readFileSync(file, 'utf8'), { relaxed: false }) as mongoose.mongo.Document[];
        if (documents.length > 0) await keys.insertMany(documents);
        // A backup made before search keys had a collection of their own keeps them in the key documents.
        const entries = existsSync(searchFile) ? (EJSON.parse(readFileSync(searchFile, 'utf8'), { relaxed: false }) as mongoose.mongo.Document[]) : [];
        await searchKeys.deleteMany({});
        if (entries.length > 0) await searchKeys.insertMany(entries);
        else await copySearchKeysFromKeyDocuments(db);
        console.log(`${service}: ${documents.length} personal-data keys restored from ${file}, with their search keys`);
      }
    }
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`personal-data-keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
