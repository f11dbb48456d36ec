import { dockerEngineAnswers, provideTestServers } from './servers';

export default async function globalSetup(): Promise<void> {
  const servers = await provideTestServers();
  process.env.DATABASE_URL = servers.DATABASE_URL;
  process.env.KAFKA_BROKERS = servers.KAFKA_BROKERS;
  process.env.MONGO_URL = servers.MONGO_URL;
  if (servers.EVENTSTORE_URL) process.env.EVENTSTORE_URL = servers.EVENTSTORE_URL;
  // Asked once here, so that a suite needing a container of its own can decide when it is declared.
  process.env.TL_DOCKER_ENGINE ??= (await dockerEngineAnswers()) ? 'answers' : 'absent';
  (globalThis as { __testServers?: typeof servers }).__testServers = servers;
  console.log(`\nIntegration servers from ${servers.origin}: postgres, kafka ${servers.KAFKA_BROKERS}, mongo`);
}
