import type { Producer } from 'kafkajs';
import type { MessagingLogger } from '../logger';
import type { Quarantine } from '../quarantine';
import { deadLetterTopic } from '../topics';
import type {
  ConsumerRoute,
  IntegrationEventBatchHandler,
  IntegrationEventConsumerOptions,
  IntegrationEventHandler,
  RetryPolicy,
} from './consumer-options';
import { DeadLetterWriter } from './dead-letters';
import { HandlerRetries } from './handler-retries';
import type { ConsumerProgress } from './settlement';

export interface RouteParts {
  readonly groupId: string;
  readonly producer: Producer;
  readonly retry: RetryPolicy;
  readonly isTransient: (error: unknown) => boolean;
  readonly quarantine: Quarantine | undefined;
  readonly logger: MessagingLogger;
  readonly stopping: AbortSignal;
  readonly progress: ConsumerProgress;
}

/** A route as the consumer runs it: what it reads, and its own retries and dead letters. */
export class Route {
  readonly name: string;
  readonly batchHandler: IntegrationEventBatchHandler | null;
  readonly maxBatchSize: number;
  readonly redriveTopic: string | null;
  readonly deadLetters: DeadLetterWriter;
  readonly retries: HandlerRetries;
  private readonly types: ReadonlySet<string> | null;
  private readonly ownTopics: ReadonlySet<string> | null;

  constructor(route: ConsumerRoute, parts: RouteParts) {
    this.name = route.name;
    this.batchHandler = 'batchHandler' in route ? route.batchHandler : null;
    this.maxBatchSize = route.maxBatchSize ?? 200;
    this.redriveTopic = route.redriveTopic ?? null;
    this.types = route.eventTypes ? new Set(route.eventTypes) : null;
    this.ownTopics = route.topics ? new Set(route.topics) : null;
    const { groupId, producer, retry, isTransient, quarantine, logger, stopping, progress } = parts;
    this.deadLetters = new DeadLetterWriter({
      producer,
      topic: route.deadLetterTopic ?? deadLetterTopic(route.name),
      groupId: route.name,
      retry,
      quarantine,
      logger,
      stopping,
      progress,
    });
    const batchHandler = this.batchHandler;
    const handler: IntegrationEventHandler =
      'handler' in route ? route.handler : (message, context) => batchHandler!([{ message, context }]);
    this.retries = new HandlerRetries({ handler, groupId, retry, isTransient, deadLetters: this.deadLetters, logger, stopping, progress });
  }

  reads(type: string): boolean {
    return this.types === null || this.types.has(type);
  }

  readsTopic(topic: string): boolean {
    return this.ownTopics === null || this.ownTopics.has(topic);
  }
}

/** The routes the options name, or the one route their single handler makes. */
export function routesOf(options: IntegrationEventConsumerOptions): readonly ConsumerRoute[] {
  if (options.routes) {
    if (options.routes.length === 0) throw new TypeError('IntegrationEventConsumer needs at least one route');
    const names = options.routes.map((route) => route.name);
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice !== undefined) throw new TypeError(`Route "${twice}" is given twice`);
    return options.routes;
  }
  const common = {
    name: options.groupId,
    ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.deadLetterTopic ? { deadLetterTopic: options.deadLetterTopic } : {}),
    ...(options.redriveTopic ? { redriveTopic: options.redriveTopic } : {}),
  };
  if (options.handler) return [{ ...common, handler: options.handler }];
  if (options.batchHandler) return [{ ...common, batchHandler: options.batchHandler }];
  throw new TypeError('IntegrationEventConsumer needs a handler or a batchHandler');
}

/**
 * Which routes a batch of `topic` goes to: a redrive topic's messages to the route it belongs to
 * alone, any other topic's to every route that reads it.
 */
export function routesForTopic(routes: readonly Route[], topic: string): readonly Route[] {
  const redriven = routes.filter((route) => route.redriveTopic === topic);
  return redriven.length > 0 ? redriven : routes.filter((route) => route.readsTopic(topic));
}
