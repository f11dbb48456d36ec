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
import { loadStreamState, type LoadedStreamState, type StreamStateCache } from './stream-state-cache';

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
  /**
   * The command most likely starts its stream (a registration): it is decided on the decider's
   * initial state without reading, and appended on condition that the stream does not exist yet.
   */
  readonly expectNewStream?: boolean;
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
 * command — its correlation id, actor and domain time — with the command as its cause. A stream
 * whose state the cache holds, or one expected new, is first decided on without reading it (`onUnreadState`).
 */
export async function handleCommand<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  options: HandleCommandOptions<TCommand, TState>,
): Promise<CommandResult<TEvent, TState>> {
  const maxAttempts = options.maxAttempts ?? 1;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`Invalid maxAttempts: ${maxAttempts}`);
  const onUnread = await onUnreadState(unreadState(decider, options), (unread) => decideAndAppend(store, decider, options, unread, false));
  if (onUnread !== undefined) return onUnread;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const loaded = await loadStreamState(store, decider, options.streamName, options.stateCache);
      return (await decideAndAppend(store, decider, options, loaded, true))!;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

/** What a command is decided on before its stream is read: the cache's state, or for a stream expected new, the initial state. */
function unreadState<TState>(
  decider: Pick<Decider<never, never, TState>, 'initialState'>,
  { stateCache, streamName, expectNewStream }: { readonly stateCache?: StreamStateCache<TState>; readonly streamName: string; readonly expectNewStream?: boolean },
): LoadedStreamState<TState> | undefined {
  const cached = stateCache?.get(streamName);
  if (cached !== undefined) return cached;
  return expectNewStream ? { state: decider.initialState(), revision: null } : undefined;
}

/**
 * Decides on a state not read from the stream (`unreadState`), and appends on condition that the
 * stream is still at that state's revision (absent, for the initial state): if it is, that state was
 * the current one and the decision stands. Undefined, for the caller to read the stream and decide
 * again, when there is no such state, when the stream has moved on, or when nothing was decided (a
 * refusal or a no-op answers for the stream as it is, which only a read confirms).
 */
async function onUnreadState<TState, TResult>(
  unread: LoadedStreamState<TState> | undefined,
  attempt: (unread: LoadedStreamState<TState>) => Promise<TResult | undefined>,
): Promise<TResult | undefined> {
  if (unread === undefined) return undefined;
  try {
    return await attempt(unread);
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return undefined;
    throw error;
  }
}

/** A refusal on a state not read from the stream is no answer: only the stream as it is can refuse. */
function decidedOnUnread<TDecided>(decide: () => TDecided): TDecided | undefined {
  try {
    return decide();
  } catch {
    return undefined;
  }
}

/** Undefined when nothing was decided on a state not read from the stream (`confirmed` false). */
async function decideAndAppend<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  { streamName, command, commandId, stateCache }: HandleCommandOptions<TCommand, TState>,
  { state, revision }: LoadedStreamState<TState>,
  confirmed: boolean,
): Promise<CommandResult<TEvent, TState> | undefined> {
  const decided = confirmed ? decider.decide(command, state) : decidedOnUnread(() => decider.decide(command, state));
  if (decided === undefined) return undefined;
  if (decided.length === 0) return confirmed ? { events: [], revision, lastGlobalPosition: null, state } : undefined;

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
  /** As for `handleCommand`: decided on the initial state first, appended only if the stream does not exist yet. */
  readonly expectNewStream?: boolean;
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
 * appended in between, the whole request is decided again on the new state. A stream whose state
 * the cache holds, or one expected new, is first decided on without reading it (`onUnreadState`).
 */
export async function handleEachCommand<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  options: HandleEachCommandOptions<TCommand, TState>,
): Promise<EachCommandResult<TEvent>> {
  const maxAttempts = options.maxAttempts ?? 5;
  const onUnread = await onUnreadState(unreadState(decider, options), (unread) => decideEachAndAppend(store, decider, options, unread, false));
  if (onUnread !== undefined) return onUnread;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const loaded = await loadStreamState(store, decider, options.streamName, options.stateCache);
      return (await decideEachAndAppend(store, decider, options, loaded, true))!;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

/** Undefined when nothing was decided on a state not read from the stream (`confirmed` false). */
async function decideEachAndAppend<TCommand extends Command, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  options: HandleEachCommandOptions<TCommand, TState>,
  { state, revision }: LoadedStreamState<TState>,
  confirmed: boolean,
): Promise<EachCommandResult<TEvent> | undefined> {
  const decide = () => decideEach(decider, state, options.commands(state));
  const decided = confirmed ? decide() : decidedOnUnread(decide);
  if (decided === undefined) return undefined;
  if (decided.events.length === 0) {
    return confirmed ? { outcomes: decided.outcomes, events: decided.events, keyCompleted: false } : undefined;
  }
  const metadata: EventMetadataInput = {
    correlationId: options.metadata.correlationId,
    causationId: options.commandId,
    actor: options.metadata.actor,
    occurredAt: options.metadata.occurredAt,
  };
  const idempotencyKey = options.idempotencyKey?.(decided.outcomes);
  const appended = await store.appendToStream(
    options.streamName,
    decided.events.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data, metadata })),
    { expectedVersion: revision ?? 'no_stream', ...(idempotencyKey ? { idempotencyKey } : {}) },
  );
  options.stateCache?.set(options.streamName, { revision: appended.nextExpectedVersion, state: decided.state });
  return { outcomes: decided.outcomes, events: decided.events, keyCompleted: idempotencyKey !== undefined };
}
