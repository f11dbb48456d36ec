import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeNotRun } from '@training-ledger/test-servers';
import { describeEventStoreContract } from '../contract-suite';
import { KurrentDbCheckpointStore } from './kurrentdb-checkpoint-store';
import { KurrentDbEventStore } from './kurrentdb-event-store';

interface KurrentServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const configuredUrl = process.env.EVENTSTORE_URL;
// The integration set-up pings the Docker engine once and says whether it answered.
const dockerAnswers = process.env.TL_DOCKER_ENGINE === 'answers';

async function startKurrentContainer(): Promise<KurrentServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:latest')
    .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  return {
    connectionString: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

if (configuredUrl || dockerAnswers) {
  describeEventStoreContract('KurrentDB', async ({ upcasters }) => {
    const server: KurrentServer = configuredUrl
      ? { connectionString: configuredUrl, stop: async () => undefined }
      : await startKurrentContainer();
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
