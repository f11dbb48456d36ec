import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeNotRun, startKurrentDbContainer, type KurrentDbServer } from '@training-ledger/test-servers';
import { describeEventStoreContract } from '../contract-suite';
import { KurrentDbCheckpointStore } from './kurrentdb-checkpoint-store';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const configuredUrl = process.env.EVENTSTORE_URL;
// The integration set-up pings the Docker engine once and says whether it answered.
const dockerAnswers = process.env.TL_DOCKER_ENGINE === 'answers';

if (configuredUrl || dockerAnswers) {
  describeEventStoreContract('KurrentDB', async ({ upcasters }) => {
    const server: KurrentDbServer = configuredUrl
      ? { connectionString: configuredUrl, stop: async () => undefined }
      : await startKurrentDbContainer();
    const client = KurrentDBClient.connectionString(server.connectionString);
    const store = KurrentDbEventStore.create({ client, upcasters });
    return {
      store,
      checkpoints: new KurrentDbCheckpointStore(client),
      // The server refuses appends above its MaxAppendSize (1 MiB by default); these events take ~0.25 KiB each.
      largeBatchSize: 3_000,
      dispose: async () => {
        await store.close();
        await client.dispose();
        await server.stop();
      },
    };
  });
} else {
  describeNotRun('KurrentDB event-store contract suite', 'set EVENTSTORE_URL or start a Docker engine');
}
