import { LocalTokenAuthority } from '@training-ledger/auth';
import { PostgresCheckpointStore, PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient } from '@training-ledger/messaging';
import { appRoleUrl, prepareEventLog } from '@training-ledger/service-runtime';
import { DEPLOYED_SYSTEM_SETTINGS, freePort, IsolatedEnvironment, ServiceProcess, workspaceRoot } from '@training-ledger/test-servers';
import { execFileSync, spawnSync } from 'node:child_process';
import { AssignerProtocol, type Admin } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { Pool } from 'pg';
import { certificationPublishedEvents } from '../../services/certification/src/published-events';
import { courseDeliveryPublishedEvents } from '../../services/course-delivery/src/published-events';
import { enrolmentPublishedEvents } from '../../services/enrolment/src/published-events';
import { reportingPublishedEvents } from '../../services/reporting/src/published-events';
import type { RequestInFlight, Role, SystemUnderTest } from './programme-simulation';

export const serviceNames = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;
/** The role the services connect as: append and read on their logs, nothing else. */
const APP_ROLE = 'training_ledger_app';
export type ServiceName = (typeof serviceNames)[number];

/** A relay reads only the types its service publishes: the private rest of a log is never behind. */
const publishedTypes: Record<ServiceName, readonly string[]> = {
  enrolment: enrolmentPublishedEvents.publishedTypes,
  'course-delivery': courseDeliveryPublishedEvents.publishedTypes,
  certification: certificationPublishedEvents.publishedTypes,
  reporting: reportingPublishedEvents.publishedTypes,
};

export interface IdentityProviderSettings {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
}
const topics = ['enrolment.events.v1', 'course-delivery.events.v1', 'certification.events.v1', 'reporting.events.v1'];

/**
 * The four services as separate processes in simulation mode, on the real local servers, each with
 * its own event-log schema and read-model database, talking through one set of Kafka topics.
 */
export class SystemProcesses implements SystemUnderTest {
  readonly processes = new Map<ServiceName, ServiceProcess>();
  onStep?: (step: string) => Promise<void>;
  whileInFlight?: (request: RequestInFlight) => Promise<void>;
  private admin: Admin | null = null;
  private readonly pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  private readonly keysDir = mkdtempSync(join(tmpdir(), 'system-keys-'));

  private constructor(
    readonly isolated: IsolatedEnvironment,
    private readonly authority: LocalTokenAuthority,
    private readonly identityProvider: IdentityProviderSettings | null,
    private readonly extraEnvironment: Readonly<Record<string, string>>,
  ) {}

  /**
   * `identityProvider`: the services trust that provider's tokens instead of the local authority's (which `mint` then cannot serve).
   * `environment`: more variables for every service (OpenTelemetry's, for instance).
   * `nodeArguments`: options for node in every service, such as `--cpu-prof`.
   */
  static async start(
    label: string,
    options: {
      readonly identityProvider?: IdentityProviderSettings;
      readonly environment?: Readonly<Record<string, string>>;
      readonly nodeArguments?: readonly string[];
    } = {},
  ): Promise<SystemProcesses> {
    const system = new SystemProcesses(IsolatedEnvironment.create(label), await LocalTokenAuthority.create(), options.identityProvider ?? null, options.environment ?? {});
    // As deployed: the migration step runs as the owner, and the services connect as a role that may only append and read.
    for (const service of serviceNames) await prepareEventLog(system.pool, system.schemaOf(service), { appRole: APP_ROLE, createAppRole: true });
    for (const service of serviceNames) system.processes.set(service, new ServiceProcess(service, await freePort(), system.environment(service), undefined, options.nodeArguments));
    try {
      for (const service of serviceNames) system.processes.get(service)?.start();
      await Promise.all([...system.processes.values()].map((service) => service.waitUntilReady(120_000)));
      system.admin = createKafkaClient({ clientId: `${label}-admin`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') }).admin();
      await system.admin.connect();
    } catch (error) {
      // One service failing to start must not leave the others running after the test has ended.
      await system.stop().catch(() => undefined);
      throw error;
    }
    return system;
  }

  private environment(service: ServiceName): Record<string, string> {
    const certification = this.processes.get('certification');
    return {
      SERVICE_NAME: service,
      DATABASE_URL: appRoleUrl(process.env.DATABASE_URL ?? '', APP_ROLE),
      ...DEPLOYED_SYSTEM_SETTINGS,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      MONGO_URL: process.env.MONGO_URL ?? '',
      ...(this.identityProvider
        ? { AUTH_JWKS_URL: this.identityProvider.jwksUrl, AUTH_ISSUER: this.identityProvider.issuer, AUTH_AUDIENCE: this.identityProvider.audience }
        : { AUTH_JWKS_FILE: this.authority.jwksFile }),
      EVENT_STORE_SCHEMA: this.schemaOf(service),
      MONGO_DATABASE: this.databaseOf(service),
      KAFKA_TOPIC_PREFIX: this.isolated.topicPrefix,
      SIMULATION_MODE: 'true',
      LOG_LEVEL: 'warn',
      ISSUER_KEYS_FILE: join(this.keysDir, 'issuer.json'),
      ...(service === 'certification' && certification ? { PUBLIC_BASE_URL: certification.url } : {}),
      ...this.extraEnvironment,
    };
  }

  databaseOf(service: ServiceName): string {
    return `${this.isolated.database}_${service.replace(/-/g, '_')}`.slice(0, 63);
  }

  schemaOf(service: ServiceName): string {
    return `${this.isolated.schema}_${service.replace(/-/g, '_')}`;
  }

  get urls(): SystemUnderTest['urls'] {
    const url = (service: ServiceName) => (this.processes.get(service) as ServiceProcess).url;
    return { enrolment: url('enrolment'), courseDelivery: url('course-delivery'), certification: url('certification'), reporting: url('reporting') };
  }

  /** The folder of the private key the services' tokens are signed with (for the console's development sign-in). */
  get signingKeysDir(): string {
    return this.authority.dir;
  }

  mint(role: Role, claims: { agencyId?: string; institutionId?: string } = {}): Promise<string> {
    return this.authority.mint({ roles: [role], subject: `${role}${claims.agencyId ? `:${claims.agencyId}` : ''}${claims.institutionId ? `:${claims.institutionId}` : ''}`, ...claims });
  }

  /**
   * Every service has published its whole log to Kafka, and every consumer group of this system has
   * committed up to the end of every topic it reads, twice in a row.
   */
  async waitForQuiet(timeoutMs = 300_000): Promise<void> {
    const admin = this.admin as Admin;
    let quietChecks = 0;
    let behind: string[] = [];
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      // Relays first: a consumer can only be behind what has reached its topic.
      // Just after a broker restart, Kafka answers "the coordinator is loading": ask again.
      behind = await this.relaysBehind()
        .then(async (relays) => [...relays, ...(await this.groupsBehind(admin))])
        .catch((error: unknown) => [`not ready: ${error instanceof Error ? error.message : String(error)}`]);
      if (behind.length === 0) {
        quietChecks += 1;
        if (quietChecks >= 2) return;
      } else quietChecks = 0;
      await new Promise((wait) => setTimeout(wait, 300));
    }
    throw new Error(`the consumers did not catch up: ${behind.join('; ')}`);
  }

  /**
   * The services whose relay has not yet published every event of their log: a relay waiting out a
   * broker restart leaves the topics short, and consumers at their end would look caught up.
   */
  private async relaysBehind(): Promise<string[]> {
    const behind = await Promise.all(serviceNames.map((service) => this.relayBehind(service)));
    return behind.filter((reason): reason is string => reason !== null);
  }

  /** Why the service's relay is behind the end of its log, read from its checkpoint and its log; null when it is not. */
  async relayBehind(service: ServiceName): Promise<string | null> {
    const schema = `${this.isolated.schema}_${service.replace(/-/g, '_')}`;
    const topic = `${this.isolated.topicPrefix}${service}.events.v1`;
    const published = await new PostgresCheckpointStore(this.pool, schema).load(`event-relay:${topic}`);
    const log = await PostgresEventStore.create({ pool: this.pool, schema, migrate: false });
    const unpublished = await log.readAll(published ? { after: published } : 'start', { limit: 1, filter: { eventTypes: publishedTypes[service] } });
    return unpublished.length > 0 ? `${service} has not yet published ${unpublished[0]!.type} at ${unpublished[0]!.globalPosition} to ${topic}` : null;
  }

  /** The consumer groups of this system not yet at the end of what they read, each with why. */
  private async groupsBehind(admin: Admin): Promise<string[]> {
    const prefixed = topics.map((topic) => `${this.isolated.topicPrefix}${topic}`);
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of prefixed) {
      // A topic whose end cannot be read now ("not the leader" after a broker restart) is not known to be caught up.
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)])));
    }
    const { groups } = await admin.listGroups();
    const ours = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(this.isolated.topicPrefix));
    if (ours.length === 0) return ['no consumer group yet'];
    const described = await admin.describeGroups(ours);
    const behind: string[] = [];
    for (const group of described.groups) {
      // The topics a group reads are those its members are assigned; an empty group is between rebalances.
      const assigned = new Set(
        group.members.flatMap((member) => Object.keys(AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {})),
      );
      if (group.state !== 'Stable' || assigned.size === 0) {
        behind.push(`${group.groupId} is ${group.state} with ${group.members.length} member(s)`);
        continue;
      }
      const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...assigned] });
      for (const { topic, partitions } of committed) {
        for (const { partition, offset } of partitions) {
          const end = ends.get(topic)?.get(partition) ?? 0n;
          if ((offset === '-1' ? 0n : BigInt(offset)) < end) behind.push(`${group.groupId} at ${topic}/${partition} ${offset} of ${end}`);
        }
      }
    }
    return behind;
  }

  /**
   * A power cut for the Kafka broker: SIGKILL, then start it again. Only the broker of deploy/local
   * can be reached here; anywhere else this fails rather than pretend the fault happened.
   */
  async killKafkaBroker(): Promise<void> {
    const local = execFileSync('bash', ['deploy/local/kafka.sh', 'env'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
    if (local !== `export KAFKA_BROKERS=${process.env.KAFKA_BROKERS ?? ''}`) {
      throw new Error(`cannot reach the Kafka broker's process to SIGKILL it: KAFKA_BROKERS=${process.env.KAFKA_BROKERS ?? ''} is not the broker of deploy/local`);
    }
    for (const command of ['kill', 'up']) {
      const run = spawnSync('bash', ['deploy/local/kafka.sh', command], { cwd: workspaceRoot, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`deploy/local/kafka.sh ${command} failed (exit ${run.status}): ${run.stdout}${run.stderr}`);
    }
  }

  async kill(service: ServiceName): Promise<void> {
    await (this.processes.get(service) as ServiceProcess).kill();
  }

  async restart(service: ServiceName): Promise<void> {
    const previous = this.processes.get(service) as ServiceProcess;
    const replacement = new ServiceProcess(service, previous.port, this.environment(service));
    this.processes.set(service, replacement);
    replacement.start();
    await replacement.waitUntilReady(120_000);
  }

  /** Stops the four processes, leaving their logs, read models and topics where they are. */
  async stopProcesses(): Promise<void> {
    await Promise.all([...this.processes.values()].map((service) => service.stop()));
  }

  /** Starts the four processes again, on the same ports, schemas, databases and topic prefix. */
  async startProcesses(): Promise<void> {
    await Promise.all(serviceNames.map((service) => this.restart(service)));
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
    await Promise.all([...this.processes.values()].map((service) => service.stop()));
    try {
      for (const service of serviceNames) await this.pool.query(`DROP SCHEMA IF EXISTS ${this.isolated.schema}_${service.replace(/-/g, '_')} CASCADE`);
    } finally {
      await this.pool.end();
    }
    const mongo = await mongoose.createConnection(process.env.MONGO_URL ?? '').asPromise();
    try {
      for (const service of serviceNames) await mongo.useDb(this.environment(service).MONGO_DATABASE as string).dropDatabase();
    } finally {
      await mongo.close();
    }
    await this.isolated.dispose();
    this.authority.dispose();
    rmSync(this.keysDir, { recursive: true, force: true });
  }
}
