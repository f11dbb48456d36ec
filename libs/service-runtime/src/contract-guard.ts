import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  GlobalPosition,
  ReadAllFrom,
  ReadAllOptions,
  ReadStreamHeadsOptions,
  ReadStreamJsonOptions,
  ReadStreamOptions,
  StreamToRead,
  RecordedEvent,
  StreamEventJson,
  StreamHeads,
  SubscribeOptions,
} from '@training-ledger/event-store';
import { draftProblemsOf, envelopeProblems, type IntegrationEventMapper, type PublicationProblem } from '@training-ledger/messaging';
import { PROBLEM_TYPES, ProblemException } from '@training-ledger/platform';
import { randomUUID } from 'node:crypto';

/**
 * The service's log as its handlers see it: an append whose events the relay could not publish is
 * refused with 422, naming the fields, and nothing of it is written. The relay therefore never meets
 * an event its contract refuses, unless the contract itself changed.
 */
export class ContractGuardedEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly mapper: IntegrationEventMapper,
  ) {}

  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    // The events of one command share their metadata object: its envelope is checked once.
    const envelopes = new Map<EventToAppend['metadata'], CheckedEnvelope>();
    let problems: (PublicationProblem & { eventType: string })[] | undefined;
    for (const event of events) {
      const found = this.problemsOf(streamName, event, envelopes);
      if (found.length > 0) (problems ??= []).push(...found);
    }
    if (problems) return Promise.reject(contractRefusal(problems));
    return this.store.appendToStream(streamName, events, options);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName, options);
  }

  readStreams(streams: readonly StreamToRead[]): Promise<ReadonlyMap<string, RecordedEvent[]>> {
    return this.store.readStreams(streams);
  }

  readStreamJson(streamName: string, options?: ReadStreamJsonOptions): Promise<StreamEventJson[]> {
    return this.store.readStreamJson(streamName, options);
  }

  readAll(from: ReadAllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(from, options);
  }

  readStreamHeads(category: string, options?: ReadStreamHeadsOptions): Promise<StreamHeads> {
    return this.store.readStreamHeads(category, options);
  }

  subscribe(from: ReadAllFrom, options?: SubscribeOptions) {
    return this.store.subscribe(from, options);
  }

  ping(): Promise<boolean> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private problemsOf(
    streamName: string,
    event: EventToAppend,
    envelopes: Map<EventToAppend['metadata'], CheckedEnvelope>,
  ): readonly (PublicationProblem & { eventType: string })[] {
    let envelope = envelopes.get(event.metadata);
    if (!envelope) {
      const metadata = { ...event.metadata, causationId: event.metadata.causationId ?? null, recordedAt: event.metadata.occurredAt };
      envelope = { metadata, problems: envelopeProblems({ metadata, streamName }) };
      envelopes.set(event.metadata, envelope);
    }
    const asRecorded: RecordedEvent = {
      eventId: event.eventId ?? randomUUID(),
      type: event.type,
      data: event.data,
      metadata: envelope.metadata,
      streamName,
      streamPosition: 0n,
      globalPosition: '0' as GlobalPosition,
    };
    const problems = draftProblemsOf(this.mapper, asRecorded, envelope.problems);
    return problems.length === 0 ? [] : problems.map((problem) => ({ ...problem, eventType: event.type }));
  }
}

/** An append's shared metadata as the relay will read it back, and what its contract refuses of it. */
interface CheckedEnvelope {
  readonly metadata: RecordedEvent['metadata'];
  readonly problems: readonly PublicationProblem[];
}

function contractRefusal(problems: readonly (PublicationProblem & { eventType: string })[]): ProblemException {
  const errors = problems.map((problem) => ({
    field: problem.field.replace(/^data\./, ''),
    reason: `${problem.reason} (${problem.eventType} as published)`,
  }));
  return new ProblemException({
    type: PROBLEM_TYPES.contractViolation,
    title: 'The request would record a fact its published contract cannot carry',
    status: 422,
    detail: errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
    errors,
  });
}
