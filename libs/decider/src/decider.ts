import type { Command, DomainEvent } from './message';

/**
 * An aggregate as three pure functions: no I/O, no clock. Time arrives inside the command.
 */
export interface Decider<TCommand extends Command, TEvent extends DomainEvent, TState> {
  decide(command: TCommand, state: TState): readonly TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

export function fold<TCommand extends Command, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  events: Iterable<TEvent>,
): TState {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
