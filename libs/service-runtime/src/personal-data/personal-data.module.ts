import { Logger, Module } from '@nestjs/common';
import { MONGO_CONNECTION } from '../tokens';
import type { Connection } from 'mongoose';
import { personalDataMasterKey, PERSONAL_DATA_MASTER_KEY } from './master-key';
import { MongoPersonalDataKeyStore } from './mongo-personal-data-key-store';
import { PERSONAL_DATA_KEY_STORE } from './personal-data-key-store';
import { PersonalDataVault } from './personal-data-vault';

/** The master key is read and checked while the module starts, so that a bad setting stops the service at once. */
@Module({
  providers: [
    {
      provide: PERSONAL_DATA_MASTER_KEY,
      useFactory: (): Buffer => {
        const logger = new Logger('PersonalData');
        return personalDataMasterKey(process.env, (message) => logger.warn(message));
      },
    },
    {
      provide: PERSONAL_DATA_KEY_STORE,
      inject: [MONGO_CONNECTION, PERSONAL_DATA_MASTER_KEY],
      useFactory: async (connection: Connection, masterKey: Buffer) => {
        const store = new MongoPersonalDataKeyStore(connection, masterKey);
        await store.copySearchKeysFromKeyDocuments();
        return store;
      },
    },
    PersonalDataVault,
  ],
  exports: [PersonalDataVault, PERSONAL_DATA_KEY_STORE],
})
export class PersonalDataModule {}
