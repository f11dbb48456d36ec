import type { Decider } from './decider';
import { DomainRuleViolation } from './domain-rule-violation';
import type { Command, DomainEvent } from './message';

export type EachOutcome<TEvent> =
  | { readonly accepted: true; readonly events: readonly TEvent[] }
  | { readonly accepted: false; readonly violation: DomainRuleViolation };

/**
 * Decides several commands against one stream in order, each seeing the events of those before it.
 * A command that breaks a rule is refused on its own; the others go on. For bulk requests that
 * must be appended as one batch.
 */
export function decideEach<TCommand extends Command, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  state: TState,
  commands: readonly TCommand[],
): { readonly state: TState; readonly events: readonly TEvent[]; readonly outcomes: readonly EachOutcome<TEvent>[] } {
  let current = state;
  const events: TEvent[] = [];
  const outcomes: EachOutcome<TEvent>[] = [];
  for (const command of commands) {
    try {
      const decided = decider.decide(command, current);
      for (const event of decided) current = decider.evolve(current, event);
      events.push(...decided);
      outcomes.push({ accepted: true, events: decided });
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      outcomes.push({ accepted: false, violation: error });
    }
  }
  return { state: current, events, outcomes };
}
