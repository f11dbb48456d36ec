import { DomainRuleViolation, type DomainEvent, type MessageMetadata } from '@training-ledger/decider';
import { globalPosition, type RecordedEvent } from '@training-ledger/event-store';
import { publicationOf, type IntegrationEventMapper, type PublicationProblem } from '@training-ledger/messaging';
import { createValidationPipe, ProblemException } from '@training-ledger/platform';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { sent, type Values } from './request-values.fixture';

export * from './request-values.fixture';
export * from './published-events.fixture';

/** What one command appends to one stream: its events, with the metadata the command carried. */
export interface Appended {
  readonly streamName: string;
  readonly metadata: MessageMetadata;
  readonly events: readonly DomainEvent[];
}

/** The events one command appended to one stream. */
export const appendedTo = (streamName: string, metadata: MessageMetadata, events: readonly DomainEvent[]): Appended[] => [{ streamName, metadata, events }];

export type DtoClass<TDto> = new (...args: never[]) => TDto;

export interface DtoContractCase<TDto> {
  readonly dto: DtoClass<TDto>;
  /** The bodies to send: odd ones mostly, realistic ones among them. */
  readonly bodies: Values;
  /**
   * What the route appends for a body the pipe accepted: the command the controller and service
   * build from it, decided from a state in which it succeeds. A refusal by a domain rule may be
   * thrown; it records nothing.
   */
  readonly appended: (body: TDto) => readonly Appended[];
}

/** How the bodies fared, so that a test can show the property was not met vacuously. */
export interface DtoContractTally {
  bodies: number;
  accepted: number;
  refusedByRule: number;
  /** Events the relay would publish. */
  published: number;
  /** Events no contract names. */
  private: number;
}

const pipe = createValidationPipe();

/** The body as the service's validation pipe hands it to the handler, or null when the pipe refuses it. */
export async function validatedBody<TDto>(dto: DtoClass<TDto>, body: unknown): Promise<TDto | null> {
  try {
    return (await pipe.transform(body, { type: 'body', metatype: dto, data: '' })) as TDto;
  } catch (error) {
    if (error instanceof ProblemException) return null;
    throw error;
  }
}

/** The event as the log would hold it after `handleCommand` appended it. */
export function asRecorded(appended: Appended, event: DomainEvent, index: number): RecordedEvent {
  return {
    eventId: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: appended.metadata.correlationId,
      causationId: randomUUID(),
      actor: appended.metadata.actor,
      occurredAt: appended.metadata.occurredAt,
      recordedAt: new Date().toISOString(),
    },
    streamName: appended.streamName,
    streamPosition: BigInt(index),
    globalPosition: globalPosition(1n, BigInt(index)),
  };
}

const described = (problems: readonly PublicationProblem[]) => problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');

/**
 * Every body the DTO accepts appends only events the service's gateway can publish: what the relay
 * would make of each is `publishable` or `private`, never `unpublishable`.
 */
export async function assertAcceptedBodiesPublish<TDto>(
  service: string,
  mapper: IntegrationEventMapper,
  { dto, bodies, appended }: DtoContractCase<TDto>,
  { numRuns = 200, seed }: { numRuns?: number; seed?: number } = {},
): Promise<DtoContractTally> {
  const tally: DtoContractTally = { bodies: 0, accepted: 0, refusedByRule: 0, published: 0, private: 0 };
  await fc.assert(
    fc.asyncProperty(sent(bodies), async (body) => {
      tally.bodies += 1;
      const accepted = await validatedBody(dto, body);
      if (accepted === null) return;
      tally.accepted += 1;
      let appends: readonly Appended[];
      try {
        appends = appended(accepted);
      } catch (error) {
        if (!(error instanceof DomainRuleViolation)) throw error;
        tally.refusedByRule += 1;
        return;
      }
      for (const append of appends) {
        append.events.forEach((event, index) => {
          const publication = publicationOf(service, mapper, asRecorded(append, event, index));
          if (publication.kind === 'unpublishable') {
            throw new Error(`${dto.name} accepted a body whose ${event.type} on ${append.streamName} breaks the contract: ${described(publication.problems)}`);
          }
          if (publication.kind === 'publishable') tally.published += 1;
          else tally.private += 1;
        });
      }
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
  return tally;
}
