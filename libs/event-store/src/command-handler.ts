import { randomUUID } from 'node:crypto';
import { fold, type Command, type Decider, type DomainEvent } from '@training-ledger/decider';
import {
  WrongExpectedVersionError,
  type EventMetadataInput,
  type EventStore,
  type GlobalPosition,
  type StreamRevision,
} from './port';

export interface HandleCommandOptions<TCommand extends Command> {
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
  options: HandleCommandOptions<TCommand>,
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
  { streamName, command, commandId }: HandleCommandOptions<TCommand>,
): Promise<CommandResult<TEvent, TState>> {
  const history = await store.readStream(streamName);
  // The stream holds what this decider produced before, upcast to the current shapes on reading.
  const state = fold(decider, history as unknown as readonly TEvent[]);
  const revision = history.at(-1)?.streamPosition ?? null;
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
  return {
    events,
    revision: appended.nextExpectedVersion,
    lastGlobalPosition: appended.lastGlobalPosition,
    state: decided.reduce((evolved, event) => decider.evolve(evolved, event), state),
  };
}
