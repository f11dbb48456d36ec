import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@training-ledger/auth';
import { LogSealer, PostgresEventStore, UpcasterRegistry, type CheckpointStore, type EventFilter, type EventStore } from '@training-ledger/event-store';
import {
  createKafkaClient,
  deadLetterTopic,
  ensureTopics,
  EventRelay,
  IntegrationEventConsumer,
  relayDeadLetterTopic,
  type ConsumerRoute,
  redriveTopic,
  serviceEventsTopic,
} from '@training-ledger/messaging';
import { ReadinessChecks, ServiceMetrics } from '@training-ledger/platform';
import { eventLogCatchUp, eventLogSubscription, ProjectionRunner, Projector, type Projection } from '@training-ledger/read-models';
import type { Admin, Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { connectEventLog, type EventLogConnection } from './event-log-connection';
import { ContractGuardedEventStore } from './contract-guard';
import type { PublishedEventsMapper } from './published-events';
import { IdempotencyKeyRetention } from './idempotency-keys';
import { canonicalInstantRepair, type InstantFields } from './instant-repair';
import { alignGroupStart, consumerGroupsOf, planGroup, routesMetadata, type ServiceConsumerGroup } from './consumer-groups';
import { contractViolation, IntegrationConsumers } from './integration-consumers';
import { LocalProjections } from './local-projections';
import { keepProjectionRunning } from './projection-supervisor';
import { EventLogQuarantine } from './quarantine-log';
import { kafkaSecurityOf, type RuntimeConfig } from './runtime-config';
import { countingAppends, registerRuntimeMetrics } from './runtime-metrics';
import { runtimeStatus, type RuntimeStatus } from './runtime-status';
import { CHECKPOINT_STORE, EVENT_LOG_CONNECTION, EVENT_STORE, KAFKA, MONGO_CONNECTION, SERVICE_NAME } from './tokens';

export interface ServiceRuntimeOptions {
  /** `enrolment`, `course-delivery`, …: names its event-store schema, topic, consumer groups and read-model database. */
  readonly service: string;
  readonly config: RuntimeConfig;
  /** What of the service's own log is published on `<service>.events.v1`; nothing when omitted. */
  readonly publish?: { readonly mapper: PublishedEventsMapper; readonly partitions?: number };
  readonly upcasters?: UpcasterRegistry;
  /** Fields of the service's events that hold an instant, repaired on read when stored in a form the contract refuses. */
  readonly instantFields?: InstantFields;
  /** Partitions of topics this service creates; 6 when omitted. */
  readonly partitions?: number;
  /** 1 for a single local broker. */
  readonly replicationFactor?: number;
}

const RUNTIME_OPTIONS = 'training-ledger:service-runtime-options';

/**
 * Starts the relay and the consumers once the application is up, and on shutdown stops
 * consuming first, then flushes the relay, then closes the connections, in that order.
 */
@Injectable()
class ServiceRuntimeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ServiceRuntime');
  private relay: EventRelay | null = null;
  private sealer: LogSealer | null = null;
  private consumers: IntegrationEventConsumer[] = [];
  private runners: { runner: ProjectionRunner; filter: EventFilter }[] = [];
  private readonly shuttingDown = new AbortController();
  private readonly quarantine: EventLogQuarantine;
  private admin: Promise<Admin> | null = null;

  constructor(
    @Inject(RUNTIME_OPTIONS) private readonly options: ServiceRuntimeOptions,
    @Inject(EVENT_LOG_CONNECTION) private readonly eventLog: EventLogConnection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    private readonly registrations: IntegrationConsumers,
    private readonly localProjections: LocalProjections,
    private readonly projector: Projector,
    readiness: ReadinessChecks,
    metrics: ServiceMetrics,
  ) {
    this.quarantine = new EventLogQuarantine(eventLog.store, options.service);
    readiness.add({ name: 'event-store', check: () => this.eventLog.store.ping() });
    readiness.add({ name: 'kafka', check: () => this.kafkaAnswers() });
    readiness.add({ name: 'mongodb', check: () => this.mongoAnswers() });
    registerRuntimeMetrics(metrics, () => this.status());
  }

  async onApplicationBootstrap(): Promise<void> {
    const { service } = this.options;
    const partitions = this.options.partitions ?? 6;
    const replicationFactor = this.options.replicationFactor ?? 1;
    const registrations = this.registrations.list();
    const prefix = this.options.config.KAFKA_TOPIC_PREFIX ?? '';
    const ownTopic = `${prefix}${serviceEventsTopic(service)}`;
    const groupOf = (name: string) => `${prefix}${service}.${name}`;
    await ensureTopics(
      this.kafka,
      [
        ...(this.options.publish
          ? [{ topic: ownTopic, numPartitions: this.options.publish.partitions ?? partitions }]
          : []),
        // Consumed topics too: whichever service starts first creates them with the right settings.
        ...[...new Set(registrations.flatMap((registration) => registration.topics))]
          .filter((topic) => `${prefix}${topic}` !== ownTopic)
          .map((topic) => ({ topic: `${prefix}${topic}`, numPartitions: partitions })),
        ...registrations.flatMap((registration) => [
          { topic: deadLetterTopic(groupOf(registration.name)), numPartitions: 1 },
          { topic: redriveTopic(groupOf(registration.name)), numPartitions: 1 },
        ]),
        ...(this.options.publish ? [{ topic: `${prefix}${relayDeadLetterTopic(service)}`, numPartitions: 1 }] : []),
      ],
      { replicationFactor },
    );

    const ownLogWork = (this.options.config.BACKGROUND_WORK ?? 'all') === 'all';
    if (this.options.publish && ownLogWork) {
      this.relay = new EventRelay({
        service,
        topic: ownTopic,
        kafka: this.kafka,
        eventStore: this.eventLog.store,
        checkpoints: this.eventLog.checkpoints,
        mapper: this.options.publish.mapper,
        filter: { eventTypes: this.options.publish.mapper.publishedTypes },
        quarantine: this.quarantine,
        deadLetterTopic: `${prefix}${relayDeadLetterTopic(service)}`,
      });
      await this.relay.start();
    }
    if (ownLogWork) this.startSealing();

    this.consumers = [];
    for (const group of consumerGroupsOf(service, prefix, registrations)) this.consumers.push(...(await this.consumersOf(group)));
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
    if (ownLogWork) await this.dropRetiredProjections();
    this.runners = ownLogWork ? this.localProjections.list().map((projection) => this.runLocally(projection)) : [];
    this.logger.log(
      `Runtime started: relay ${this.relay ? 'on' : 'off'}, ${this.consumers.length} consumer(s), ${this.runners.length} local projection(s)`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown.abort();
    await Promise.all([...this.consumers.map((consumer) => consumer.stop()), ...this.runners.map(({ runner }) => runner.stop())]);
    await this.sealer?.stop();
    await this.relay?.stop();
    await (await this.admin?.catch(() => null))?.disconnect().catch(() => undefined);
  }

  /**
   * A service reads each topic in one group for all its handlers, so that each message is fetched
   * and decoded once. A handler new to the group, or one that had a group of its own before groups
   * were shared, must not miss what the group has read without it: the group starts again from
   * where that handler needs it to. A handler far behind the group catches up in a group of its
   * own first, so that the others are not handed years of messages again.
   */
  private async consumersOf(group: ServiceConsumerGroup): Promise<IntegrationEventConsumer[]> {
    const { shared, apart } = await planGroup(await this.sharedAdmin(), group);
    for (const route of apart) {
      this.logger.log(`${route.name} is far behind consumer group ${group.groupId}: it catches up in a group of its own and joins at a later start`);
    }
    if (shared.routes.length > 0) await this.alignStart(shared);
    const consumerOf = (groupId: string, routes: readonly ConsumerRoute[]) =>
      new IntegrationEventConsumer({
        kafka: this.kafka,
        groupId,
        topics: [group.topic],
        routes,
        commitMetadata: routesMetadata(routes.map((route) => route.name)),
        validate: contractViolation,
        quarantine: this.quarantine,
      });
    return [...(shared.routes.length > 0 ? [consumerOf(shared.groupId, shared.routes)] : []), ...apart.map((route) => consumerOf(route.name, [route]))];
  }

  private async alignStart(group: ServiceConsumerGroup): Promise<void> {
    const alignment = await alignGroupStart(await this.sharedAdmin(), group);
    switch (alignment.kind) {
      case 'unchanged':
        return;
      case 'moved':
        for (const { topic, partitions } of alignment.starts) {
          const at = partitions.map(({ partition, offset }) => `${partition}@${offset}`).join(', ');
          this.logger.log(`Consumer group ${group.groupId} starts ${topic} at ${at}, for ${group.readersOf.get(topic)?.join(', ')}`);
        }
        return;
      case 'group-running':
        this.logger.warn(`Consumer group ${group.groupId} was not aligned: another replica runs it (${alignment.reason})`);
        return;
    }
  }

  private async dropRetiredProjections(): Promise<void> {
    for (const retired of this.localProjections.retired()) {
      const dropped = await this.projector.retire(retired);
      if (dropped.length > 0) this.logger.log(`Projection ${retired.name} is retired: dropped ${dropped.join(', ')}`);
    }
  }

  /** Seals the log where it is kept in PostgreSQL; KurrentDB logs are not sealed. */
  private startSealing(): void {
    const { config, service } = this.options;
    const store = this.eventLog.store;
    if (config.LOG_SEALING === 'off' || !(store instanceof PostgresEventStore)) return;
    this.sealer = new LogSealer({
      service,
      log: store,
      everyEvents: config.LOG_SEAL_EVERY_EVENTS,
      everyMs: config.LOG_SEAL_EVERY_SECONDS * 1_000,
      onError: (error) => this.logger.warn(`Sealing the log failed; trying again: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.sealer.start();
  }

  status(): Promise<RuntimeStatus> {
    return runtimeStatus({
      service: this.options.service,
      store: this.eventLog.store,
      quarantine: this.quarantine,
      relay: this.relay,
      consumers: this.consumers,
      runners: this.runners,
      admin: () => this.sharedAdmin(),
    });
  }

  /** One admin connection for status calls, opened on the first and kept. */
  private sharedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => {
        this.admin = null;
      });
    }
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.eventLog.close(), this.mongo.close()]);
  }

  private runLocally(projection: Projection): { runner: ProjectionRunner; filter: EventFilter } {
    const { service } = this.options;
    const filter = { eventTypes: projection.eventTypes };
    const runner = new ProjectionRunner(this.projector, projection, {
      source: eventLogSubscription(this.eventLog.store, { service, filter }),
      replaySource: eventLogCatchUp(this.eventLog.store, { service, filter }),
      onError: (error, attempt) =>
        this.logger.warn(`Projection ${projection.name} write failed (attempt ${attempt}): ${String(error)}`),
      setAside: async (event, reason) => {
        this.logger.error(`Projection ${projection.name} set aside ${event.type} ${event.eventId} and goes on: ${reason}`);
        await this.quarantine.setAside({
          source: `projection:${projection.name}`,
          eventId: event.eventId,
          eventType: event.type,
          streamName: event.source.streamName,
          position: event.feedPosition.kind === 'event-log' ? event.feedPosition.globalPosition : `${event.feedPosition.topic}/${event.feedPosition.partition}@${event.feedPosition.offset}`,
          reason,
        });
      },
    });
    const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
    void keepProjectionRunning(runner, {
      signal: this.shuttingDown.signal,
      onRestart: (error, delayMs) =>
        this.logger.warn(`Projection ${projection.name} stopped while its database was out of reach (${describe(error)}); restarting in ${delayMs} ms`),
      onGiveUp: (error) => this.logger.error(`Projection ${projection.name} stopped: ${describe(error)}`),
    });
    return { runner, filter };
  }

  /** On the one admin connection the service keeps, so that probing readiness opens no connection per call. */
  private async kafkaAnswers(): Promise<boolean> {
    const admin = await this.sharedAdmin();
    try {
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch (error) {
      this.admin = null;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async mongoAnswers(): Promise<boolean> {
    const db = this.mongo.db;
    if (!db) return false;
    const answer = await db.admin().ping();
    return answer?.ok === 1;
  }
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller()
class RuntimeStatusController {
  constructor(private readonly lifecycle: ServiceRuntimeLifecycle) {}

  @Get('status')
  @Roles('programme-admin', 'auditor', 'monitor')
  @ApiOperation({
    summary: 'How far behind the relay, each consumer group and each local projection are, and what was set aside',
    description: 'Warnings list everything an operator must look at: lag, a stopped relay or consumer, quarantined and dead-lettered events with their reasons.',
  })
  status(): Promise<RuntimeStatus> {
    return this.lifecycle.status();
  }
}

@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { config, service } = options;
    return {
      module: ServiceRuntimeModule,
      global: true,
      controllers: [RuntimeStatusController],
      providers: [
        { provide: RUNTIME_OPTIONS, useValue: options },
        { provide: SERVICE_NAME, useValue: service },
        {
          provide: EVENT_LOG_CONNECTION,
          useFactory: () =>
            connectEventLog(
              service,
              config,
              (options.upcasters ?? new UpcasterRegistry()).repair(canonicalInstantRepair(options.instantFields ?? {}), {
                dataOf: Object.keys(options.instantFields ?? {}),
              }),
            ),
        },
        {
          provide: EVENT_STORE,
          inject: [EVENT_LOG_CONNECTION, ServiceMetrics],
          useFactory: (eventLog: EventLogConnection, metrics: ServiceMetrics): EventStore =>
            countingAppends(options.publish ? new ContractGuardedEventStore(eventLog.store, options.publish.mapper) : eventLog.store, metrics),
        },
        {
          provide: CHECKPOINT_STORE,
          inject: [EVENT_LOG_CONNECTION],
          useFactory: (eventLog: EventLogConnection): CheckpointStore => eventLog.checkpoints,
        },
        {
          provide: KAFKA,
          useFactory: () => {
            const { security, warnings } = kafkaSecurityOf(config);
            for (const warning of warnings) new Logger('Kafka').warn(warning);
            return createKafkaClient({ clientId: service, brokers: config.KAFKA_BROKERS, security });
          },
        },
        {
          provide: MONGO_CONNECTION,
          useFactory: async () =>
            mongoose
              .createConnection(config.MONGO_URL, { dbName: config.MONGO_DATABASE ?? `training_ledger_${service.replace(/-/g, '_')}` })
              .asPromise(),
        },
        {
          provide: Projector,
          inject: [MONGO_CONNECTION],
          useFactory: (connection: Connection) => new Projector(connection, { writeMode: config.READ_MODEL_WRITE_MODE }),
        },
        IntegrationConsumers,
        LocalProjections,
        ServiceRuntimeLifecycle,
        { provide: IdempotencyKeyRetention, useFactory: () => new IdempotencyKeyRetention(config.IDEMPOTENCY_RETENTION_HOURS) },
      ],
      exports: [EVENT_LOG_CONNECTION, EVENT_STORE, CHECKPOINT_STORE, KAFKA, MONGO_CONNECTION, SERVICE_NAME, Projector, IntegrationConsumers, LocalProjections, IdempotencyKeyRetention],
    };
  }
}
