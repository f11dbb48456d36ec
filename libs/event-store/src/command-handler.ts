import { randomUUID } from 'node:crypto';
import {
  decideEach,
  type Command,
  type Decider,
  type DomainEvent,
  type EachOutcome,
  type MessageMetadata,
} from '@training-ledger/decider';
import {
  WrongExpectedVersionError,
  type EventMetadataInput,
  type EventStore,
  type GlobalPosition,
  type IdempotencyKeyAnswer,
  type StreamRevision,
} from './port';
import { loadStreamState, type StreamStateCache } from './stream-state-cache';

export interface HandleCommandOptions<TCommand extends Command, TState = unknown> {
  readonly streamName: string;
  readonly command: TCommand;
  /** Identifies the command; becomes the `causationId` of every event it produces. */
  readonly commandId: string;
  /**
   * How many times to decide in all when another writer appended to the stream in between.
   * Deciding again is safe because deciders are pure: it reloads the stream and decides anew.
   * 1 (no second try) when omitted.
   */
  readonly maxAttempts?: number;
  /** Folded states of recent streams, so that only the events since are read; one cache per decider. */
  readonly stateCache?: StreamStateCache<TState>;
}

export interface AppendedEvent<TEvent extends DomainEvent> {
  readonly eventId: string;
  readonly type: TEvent['type'];
  readonly data: TEvent['data'];
  readonly metadata: EventMetadataInput;
}

export interface CommandResult<TEvent extends DomainEvent, TState> {
  /** What the command added to the stream, in order; empty when the decider decided nothing. */
  readonly events: readonly AppendedEvent<TEvent>[];
  /** The stream's revision after the command: `null` while the stream has no event. */
  readonly revision: StreamRevision | null;
  /** Where the last appended event sits in the log; `null` when nothing was appended. */
  readonly lastGlobalPosition: GlobalPosition | null;
  /** The state after the command's events. */
  readonly state: TState;
}

/**
 * Runs a command against one stream: load and fold the stream, decide, and append what was
 * decided on condition that nobody appended in between. Every event takes its metadata from the
 * command — its correlation id, actor and domain time — with the command as its cause.
 */
export async function handleCommand<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  options: HandleCommandOptions<TCommand, TState>,
): Promise<CommandResult<TEvent, TState>> {
  const maxAttempts = options.maxAttempts ?? 1;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`Invalid maxAttempts: ${maxAttempts}`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await decideAndAppend(store, decider, options);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

async function decideAndAppend<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  { streamName, command, commandId, stateCache }: HandleCommandOptions<TCommand, TState>,
): Promise<CommandResult<TEvent, TState>> {
  const { state, revision } = await loadStreamState(store, decider, streamName, stateCache);
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { events: [], revision, lastGlobalPosition: null, state };

  const metadata: EventMetadataInput = {
    correlationId: command.metadata.correlationId,
    causationId: commandId,
    actor: command.metadata.actor,
    occurredAt: command.metadata.occurredAt,
  };
  const events = decided.map(
    (event): AppendedEvent<TEvent> => ({ eventId: randomUUID(), type: event.type, data: event.data, metadata }),
  );
  const appended = await store.appendToStream(streamName, events, { expectedVersion: revision ?? 'no_stream' });
  const stateAfter = decided.reduce((evolved, event) => decider.evolve(evolved, event), state);
  stateCache?.set(streamName, { revision: appended.nextExpectedVersion, state: stateAfter });
  return {
    events,
    revision: appended.nextExpectedVersion,
    lastGlobalPosition: appended.lastGlobalPosition,
    state: stateAfter,
  };
}

export interface HandleEachCommandOptions<TCommand extends Command, TState> {
  readonly streamName: string;
  /** The commands to decide, built from the stream's current state (asked again after a conflict). */
  readonly commands: (state: TState) => readonly TCommand[];
  /** Identifies the request; becomes the `causationId` of every event it produces. */
  readonly commandId: string;
  readonly metadata: MessageMetadata;
  readonly maxAttempts?: number;
  readonly stateCache?: StreamStateCache<TState>;
  /**
   * The request's Idempotency-Key with the answer these outcomes make, for the log to complete
   * with the events; undefined when the key is completed apart.
   */
  readonly idempotencyKey?: (outcomes: readonly EachOutcome<DomainEvent>[]) => IdempotencyKeyAnswer | undefined;
}

export interface EachCommandResult<TEvent extends DomainEvent> {
  readonly outcomes: readonly EachOutcome<TEvent>[];
  readonly events: readonly TEvent[];
  /** True when the append completed the request's Idempotency-Key with its events. */
  readonly keyCompleted: boolean;
}

/**
 * A bulk request against one stream: each command is decided in turn and may be refused on its own,
 * and the events of all accepted ones are appended as one batch, or none are. When another writer
 * appended in between, the whole request is decided again on the new state.
 */
export async function handleEachCommand<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  options: HandleEachCommandOptions<TCommand, TState>,
): Promise<EachCommandResult<TEvent>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const { state, revision } = await loadStreamState(store, decider, options.streamName, options.stateCache);
    const decided = decideEach(decider, state, options.commands(state));
    if (decided.events.length === 0) return { outcomes: decided.outcomes, events: decided.events, keyCompleted: false };
    const metadata: EventMetadataInput = {
      correlationId: options.metadata.correlationId,
      causationId: options.commandId,
      actor: options.metadata.actor,
      occurredAt: options.metadata.occurredAt,
    };
    const idempotencyKey = options.idempotencyKey?.(decided.outcomes);
    try {
      const appended = await store.appendToStream(
        options.streamName,
        decided.events.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data, metadata })),
        { expectedVersion: revision ?? 'no_stream', ...(idempotencyKey ? { idempotencyKey } : {}) },
      );
      options.stateCache?.set(options.streamName, { revision: appended.nextExpectedVersion, state: decided.state });
      return { outcomes: decided.outcomes, events: decided.events, keyCompleted: idempotencyKey !== undefined };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}
