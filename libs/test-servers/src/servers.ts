import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { KURRENTDB_IMAGE } from './tested-settings';

const run = promisify(execFile);

export interface TestServers {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string;
  readonly MONGO_URL: string;
  readonly EVENTSTORE_URL?: string;
  readonly origin: 'environment' | 'testcontainers' | 'local-scripts';
  stop(): Promise<void>;
}

const workspaceRoot = resolve(__dirname, '../../..');

/**
 * Where integration tests find their servers, in order: the environment (CI or a developer
 * pointing at their own servers), Testcontainers when a Docker engine answers, and otherwise
 * the real servers that `deploy/local/servers.sh` provisions on this machine.
 */
export async function provideTestServers(env: NodeJS.ProcessEnv = process.env): Promise<TestServers> {
  if (env.DATABASE_URL && env.KAFKA_BROKERS && env.MONGO_URL) {
    return {
      DATABASE_URL: env.DATABASE_URL,
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      MONGO_URL: env.MONGO_URL,
      EVENTSTORE_URL: env.EVENTSTORE_URL,
      origin: 'environment',
      stop: async () => undefined,
    };
  }
  if (await dockerEngineAnswers(env)) return startContainers(env);
  return startLocalServers();
}

async function startLocalServers(): Promise<TestServers> {
  const script = resolve(workspaceRoot, 'deploy/local/servers.sh');
  await run('bash', [script, 'up'], { maxBuffer: 16 * 1024 * 1024 });
  const { stdout } = await run('bash', [script, 'env']);
  const exported = Object.fromEntries(
    [...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value.replace(/^['"]|['"]$/g, '')]),
  );
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'MONGO_URL']) {
    if (!exported[name]) throw new Error(`deploy/local/servers.sh env did not print ${name}`);
  }
  return {
    DATABASE_URL: exported.DATABASE_URL,
    KAFKA_BROKERS: exported.KAFKA_BROKERS,
    MONGO_URL: exported.MONGO_URL,
    origin: 'local-scripts',
    // The local servers are shared by every run on this machine; stopping them is the operator's call.
    stop: async () => undefined,
  };
}

async function startContainers(env: NodeJS.ProcessEnv): Promise<TestServers> {
  const [{ PostgreSqlContainer }, { KafkaContainer }] = await Promise.all([import('@testcontainers/postgresql'), import('@testcontainers/kafka')]);
  const [postgres, kafka, mongo] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').withDatabase('training_ledger').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    startFerretDbContainer(),
  ]);
  const kurrent = env.EVENTSTORE_URL ? undefined : await startKurrentDbContainer();
  return {
    DATABASE_URL: postgres.getConnectionUri(),
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    MONGO_URL: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}`,
    EVENTSTORE_URL: env.EVENTSTORE_URL ?? kurrent?.connectionString,
    origin: 'testcontainers',
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), mongo.stop(), kurrent?.stop()]);
    },
  };
}

/** The read-model server Compose ships, built from the same Dockerfile: FerretDB as `deploy/local` builds it. */
async function startFerretDbContainer() {
  const { GenericContainer, Wait } = await import('testcontainers');
  const image = await GenericContainer.fromDockerfile(workspaceRoot, 'deploy/docker/ferretdb.Dockerfile').build('training-ledger-ferretdb:test', { deleteOnExit: false });
  return image.withExposedPorts(27017).withWaitStrategy(Wait.forHealthCheck()).start();
}

export interface KurrentDbServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** A KurrentDB node of the image the opt-in deployment runs, in a container. */
export async function startKurrentDbContainer(): Promise<KurrentDbServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(KURRENTDB_IMAGE)
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

/** Whether a Docker engine answers a ping on DOCKER_HOST or the default socket. */
export async function dockerEngineAnswers(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const socketPath = env.DOCKER_HOST?.startsWith('unix://') ? env.DOCKER_HOST.slice(7) : '/var/run/docker.sock';
  if (env.DOCKER_HOST && !env.DOCKER_HOST.startsWith('unix://')) return true;
  if (!existsSync(socketPath)) return false;
  return new Promise((resolvePing) => {
    const ping = request({ socketPath, path: '/_ping', timeout: 2_000 }, (response) => {
      response.resume();
      resolvePing(response.statusCode === 200);
    });
    ping.on('error', () => resolvePing(false));
    ping.on('timeout', () => {
      ping.destroy();
      resolvePing(false);
    });
    ping.end();
  });
}
